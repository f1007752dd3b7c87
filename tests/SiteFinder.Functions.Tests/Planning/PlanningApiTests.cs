using System.Net;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Planning;

/// <summary>The planning endpoints through the local host on Azurite, on a small inline city: uploads, coverage, gaps, refusals.</summary>
public sealed class PlanningApiTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    public const string SitesCsv = "source_id,name,address,district,lng,lat,coord_system,hours,type,notes,phone\n" +
        "c:1,人民广场采样点,黄浦区人民大道1号,黄浦区,121.4737,31.2304,WGS-84,24小时,固定,,\n" +
        "c:2,徐家汇采样点,徐汇区虹桥路1号,徐汇区,121.4365,31.1880,WGS-84,周一至周日 8:00-11:00,便民,,\n";

    public const string PlacesCsv = """
        district,place_name,lng,lat,coord_system,weight
        黄浦区,人民广场小区,121.4750,31.2310,WGS-84,10
        徐汇区,徐家汇小区,121.4370,31.1885,WGS-84,5
        浦东新区,远郊村,121.6000,31.1000,WGS-84,
        浦东新区,远郊村二,121.6010,31.1010,WGS-84,2
        黄浦区,零点,0,0,WGS-84,
        黄浦区,坏权重,121.4740,31.2300,WGS-84,lots
        """;

    // Two squares: 黄浦区 around People's Square, 徐汇区 around Xujiahui. The 浦东 places are in neither.
    public const string DistrictsGeoJson = """
        {"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"name":"黄浦区"},"geometry":{"type":"Polygon","coordinates":[[[121.46,31.22],[121.49,31.22],[121.49,31.24],[121.46,31.24],[121.46,31.22]]]}},
          {"type":"Feature","properties":{"name":"徐汇区"},"geometry":{"type":"MultiPolygon","coordinates":[[[[121.42,31.17],[121.45,31.17],[121.45,31.20],[121.42,31.20],[121.42,31.17]]]]}},
          {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[121.46,31.22],[121.49,31.22],[121.49,31.24],[121.46,31.22]]]}}
        ]}
        """;

    [Fact]
    public async Task Uploads_publish_the_places_and_boundaries_and_coverage_and_gaps_answer_for_an_instant()
    {
        var (before, problem) = await host.AskAsync("planning/coverage");
        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal("not-found", problem.GetProperty("code").GetString());

        var (imported, _) = await host.ImportCsvAsync(SitesCsv);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        var (placed, places) = await host.UploadAsync("manage/planning/places", PlacesCsv, "text/csv; charset=utf-8");
        Assert.Equal(HttpStatusCode.OK, placed.StatusCode);
        Assert.Empty(PlanningRequests.SchemaErrors("UploadPlanningPlaces", 200, places));
        Assert.Equal(4, places.GetProperty("places").GetInt32());
        Assert.Equal(18, places.GetProperty("weight").GetDouble());
        Assert.Equal(["rejected:lng", "rejected:weight"], places.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("kind").GetString()).Order(StringComparer.Ordinal));

        var (bounded, districts) = await host.UploadAsync("manage/planning/districts", DistrictsGeoJson, "application/geo+json");
        Assert.Equal(HttpStatusCode.OK, bounded.StatusCode);
        Assert.Empty(PlanningRequests.SchemaErrors("UploadPlanningDistricts", 200, districts));
        Assert.Equal(["徐汇区", "黄浦区"], districts.GetProperty("names").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal("features[2].properties.name", districts.GetProperty("refused")[0].GetProperty("errors")[0].GetProperty("field").GetString());

        // Thursday 09:00: both sites open, the two 浦东 places 12 km away are not covered.
        var (morningResponse, morning) = await host.AskAsync("planning/coverage?at=2026-12-03T09:00");
        Assert.Equal(HttpStatusCode.OK, morningResponse.StatusCode);
        Assert.Empty(PlanningRequests.SchemaErrors("PlanningCoverage", 200, morning));
        Assert.Equal("2026-12-03T09:00", morning.GetProperty("at").GetString());
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 1, 0, 0, TimeSpan.Zero), morning.GetProperty("atUtc").GetDateTimeOffset());
        var city = morning.GetProperty("city");
        Assert.Equal((4, 2, 0.5, 15.0, 0.8333), (city.GetProperty("places").GetInt32(), city.GetProperty("covered").GetInt32(), city.GetProperty("coveredShare").GetDouble(), city.GetProperty("coveredWeight").GetDouble(), city.GetProperty("coveredWeightShare").GetDouble()));
        Assert.Equal(["徐汇区", "浦东新区", "黄浦区"], morning.GetProperty("districts").EnumerateArray().Select(d => d.GetProperty("district").GetString()).Order(StringComparer.Ordinal));
        var sources = morning.GetProperty("sources");
        Assert.Equal((2, 2, 2), (sources.GetProperty("openSites").GetInt32(), sources.GetProperty("boundaries").GetInt32(), sources.GetProperty("placesInBoundary").GetInt32()));

        // 21:00: 徐家汇 is closed, its place walks 5 km to People's Square.
        var (_, evening) = await host.AskAsync("planning/coverage?at=2026-12-03T21:00&district=%E5%BE%90%E6%B1%87%E5%8C%BA");
        var xuhui = evening.GetProperty("districts").EnumerateArray().Single();
        Assert.Equal(("徐汇区", 0, 1), (xuhui.GetProperty("district").GetString(), xuhui.GetProperty("covered").GetInt32(), evening.GetProperty("sources").GetProperty("openSites").GetInt32()));
        Assert.True(xuhui.GetProperty("medianMinutes").GetDouble() > 60);

        // A wider walk does not reach 浦东 either; the same question twice is answered from memory.
        var (_, wide) = await host.AskAsync("planning/coverage?at=2026-12-03T09:00&minutes=60");
        Assert.Equal(2, wide.GetProperty("city").GetProperty("covered").GetInt32());
        var (_, again) = await host.AskAsync("planning/coverage?at=2026-12-03T09:00&minutes=60");
        Assert.True(again.GetProperty("cached").GetBoolean());

        var (gapsResponse, gaps) = await host.AskAsync("planning/gaps?at=2026-12-03T09:00&coord=gcj02");
        Assert.Equal(HttpStatusCode.OK, gapsResponse.StatusCode);
        Assert.Empty(PlanningRequests.SchemaErrors("PlanningGaps", 200, gaps));
        var cluster = gaps.GetProperty("clusters").EnumerateArray().Single();
        Assert.Equal((2, 3.0, "浦东新区"), (cluster.GetProperty("places").GetInt32(), cluster.GetProperty("weight").GetDouble(), cluster.GetProperty("district").GetString()));
        Assert.Equal("gcj02", cluster.GetProperty("centre").GetProperty("coord").GetString());
        var suggestion = gaps.GetProperty("suggested").EnumerateArray().Single();
        Assert.Equal((1, 2, 3.0, 1.0, 1.0), (suggestion.GetProperty("rank").GetInt32(), suggestion.GetProperty("gainPlaces").GetInt32(), suggestion.GetProperty("gainWeight").GetDouble(), suggestion.GetProperty("coveredShareAfter").GetDouble(), suggestion.GetProperty("coveredWeightShareAfter").GetDouble()));

        // Without at: now (to the minute), and the timer's work is what answers.
        var (nowResponse, now) = await host.AskAsync("planning/gaps");
        Assert.Equal(HttpStatusCode.OK, nowResponse.StatusCode);
        Assert.Equal(15, now.GetProperty("minutes").GetInt32());

        var (unknownDistrict, unknown) = await host.AskAsync("planning/gaps?district=%E5%98%89%E5%AE%9A%E5%8C%BA");
        Assert.Equal(HttpStatusCode.BadRequest, unknownDistrict.StatusCode);
        Assert.True(unknown.GetProperty("errors").TryGetProperty("district", out _));

        // Another instance loads both snapshots from storage and answers the same.
        var second = host.SecondInstanceOf();
        await second.InitializeAsync();
        try
        {
            var (secondResponse, secondMorning) = await second.AskAsync("planning/coverage?at=2026-12-03T09:00");
            Assert.Equal(HttpStatusCode.OK, secondResponse.StatusCode);
            Assert.Equal(morning.GetProperty("city").GetRawText(), secondMorning.GetProperty("city").GetRawText());
            Assert.Equal(morning.GetProperty("districts").GetRawText(), secondMorning.GetProperty("districts").GetRawText());
            Assert.Equal(2, secondMorning.GetProperty("sources").GetProperty("placesInBoundary").GetInt32());
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("planning/coverage?at=21:00", "at")]
    [InlineData("planning/coverage?at=2026-12-01T21:00%2B08:00", "at")]
    [InlineData("planning/coverage?at=2026-13-01T21:00", "at")]
    [InlineData("planning/coverage?minutes=61", "minutes")]
    [InlineData("planning/coverage?minutes=0", "minutes")]
    [InlineData("planning/gaps?minute=15", "minute")]
    [InlineData("planning/gaps?limit=1001", "limit")]
    [InlineData("planning/gaps?coord=utm", "coord")]
    public async Task A_bad_question_is_a_400_naming_the_field(string url, string field)
    {
        var (response, body) = await host.AskAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid-request", body.GetProperty("code").GetString());
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.GetRawText());
    }

    [Fact]
    public async Task Planning_needs_an_operator_key_and_uploads_the_city_key()
    {
        var (anonymous, _) = await host.GetAsync("planning/coverage");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var (wrongKey, _) = await host.UploadAsync("manage/planning/places", PlacesCsv, "text/csv", key: "not-the-key");
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);

        var (issued, key) = await host.AdminAsync(HttpMethod.Post, "manage/operators", new { name = "黄浦 planner", district = "黄浦区" });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var operatorKey = key.GetProperty("key").GetString()!;
        var (districtUpload, refusal) = await host.UploadAsync("manage/planning/districts", DistrictsGeoJson, "application/geo+json", key: operatorKey);
        Assert.Equal(HttpStatusCode.Forbidden, districtUpload.StatusCode);
        Assert.Equal("outside-scope", refusal.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Uploads_that_hold_nothing_usable_are_refused_naming_the_body()
    {
        foreach (var (route, body, type) in new[]
        {
            ("manage/planning/places", "district,place_name,lng,lat,coord_system\n黄浦区,零点,0,0,GCJ-02\n", "text/csv"),
            ("manage/planning/places", "name,lat\n", "text/csv"),
            ("manage/planning/places", "[{", "application/json"),
            ("manage/planning/districts", """{"type":"FeatureCollection","features":[]}""", "application/geo+json"),
            ("manage/planning/districts", """{"type":"Feature"}""", "application/geo+json"),
            ("manage/planning/districts", "{", "application/geo+json"),
        })
        {
            var (response, problem) = await host.UploadAsync(route, body, type);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True(problem.GetProperty("errors").TryGetProperty("body", out _), $"{route}: {problem.GetRawText()}");
        }

        var (unknown, parameter) = await host.UploadAsync("manage/planning/districts?coords=gcj02", DistrictsGeoJson, "application/geo+json");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True(parameter.GetProperty("errors").TryGetProperty("coords", out _));
    }
}
