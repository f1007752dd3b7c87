using System.Net;
using System.Text;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Planning;

/// <summary>Places as planners save them: Excel's GB18030 without a declared charset, and JSON with weights.</summary>
public sealed class PlanningUploadFormatsTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private static readonly Encoding Gb18030 = CodePagesEncodingProvider.Instance.GetEncoding(54936)!;

    [Fact]
    public async Task Places_saved_in_gb18030_upload_as_their_utf8_file_does_and_json_carries_weights()
    {
        var (response, body) = await host.UploadAsync("manage/planning/places", Gb18030.GetBytes(PlanningApiTests.PlacesCsv), "text/csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gb18030", body.GetProperty("encoding").GetString());
        Assert.Equal((4, 18.0), (body.GetProperty("places").GetInt32(), body.GetProperty("weight").GetDouble()));

        // The district names were read as written: 黄浦区 is one of the districts answered.
        var (coverage, answer) = await host.AskAsync("planning/coverage?district=%E9%BB%84%E6%B5%A6%E5%8C%BA&at=2026-12-03T09:00");
        Assert.Equal(HttpStatusCode.OK, coverage.StatusCode);
        Assert.Equal(1, answer.GetProperty("districts").GetArrayLength());

        var json = """{"places": [{"name": "甲", "district": "黄浦区", "lng": 121.4737, "lat": 31.2304, "coord": "wgs84", "weight": 250}, {"name": "乙", "lng": 121.48, "lat": 31.23, "coord": "wgs84", "weight": -1}]}""";
        var (fromJson, jsonBody) = await host.UploadAsync("manage/planning/places", json, "application/json");
        Assert.Equal(HttpStatusCode.OK, fromJson.StatusCode);
        Assert.Equal((1, 250.0), (jsonBody.GetProperty("places").GetInt32(), jsonBody.GetProperty("weight").GetDouble()));
        Assert.Equal("weight", jsonBody.GetProperty("rows")[0].GetProperty("errors")[0].GetProperty("field").GetString());
    }
}
