using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Geocoding;
using SiteFinder.Functions.Gazetteer;
using SiteFinder.Functions.Storage;
using SiteFinder.Functions.Tests.Infrastructure;
using SiteFinder.Tests;
using Xunit.Abstractions;

namespace SiteFinder.Functions.Tests.Http;

/// <summary>The gazetteer endpoints through the local host on Azurite: upload, list, replace, refusals, and the real places file.</summary>
public sealed class GazetteerApiTests(LocalHostFixture host, ITestOutputHelper output) : IClassFixture<LocalHostFixture>
{
    private const string SmallCsv = """
        name,district,lng,lat,coord,kind,source_id
        翠湖天地,黄浦区,121.4745,31.2165,GCJ-02,小区,p:1
        人民广场,黄浦区,121.4737,31.2304,GCJ-02,地铁站,p:2
        利津路1313弄,浦东新区,121.592683,31.281026,GCJ-02,,p:3
        零点,黄浦区,0,0,GCJ-02,,p:4
        远方,黄浦区,114.05,31.2,GCJ-02,,p:5
        """;

    private static readonly SemaphoreSlim Serial = new(1, 1);

    private async Task<(HttpResponseMessage Response, JsonElement Body)> UploadAsync(byte[] body, string contentType, string key = LocalHostFixture.AdminKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("manage/gazetteer", UriKind.Relative));
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("x-functions-key", LocalHostFixture.FunctionKey);
        request.Headers.Add("x-admin-key", key);
        var response = await host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, string.IsNullOrEmpty(text) ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private Task<(HttpResponseMessage Response, JsonElement Body)> UploadCsvAsync(string csv) => UploadAsync(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8");

    private async Task<List<string>> RowGenerationsAsync()
    {
        var table = Azurite.Service.GetTableClient(host.Tables[nameof(SiteTablesOptions.Gazetteer)]);
        var partitions = new List<string>();
        await foreach (var e in table.QueryAsync<TableEntity>(select: ["PartitionKey"]))
            partitions.Add(e.PartitionKey);
        return [.. partitions.Where(p => p.StartsWith("rows-", StringComparison.Ordinal)).Distinct()];
    }

    [Fact]
    public async Task Upload_reports_rows_by_field_lists_the_places_and_a_second_upload_replaces_them()
    {
        await Serial.WaitAsync();
        try
        {
            var (response, body) = await UploadCsvAsync(SmallCsv);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(3, body.GetProperty("places").GetInt32());
            Assert.Equal(5, body.GetProperty("summary").GetProperty("received").GetInt32());
            Assert.Equal(2, body.GetProperty("summary").GetProperty("rejected").GetInt32());
            var problem = body.GetProperty("problems").EnumerateArray().Single();
            Assert.Equal(("rejected:lng", 2), (problem.GetProperty("kind").GetString(), problem.GetProperty("count").GetInt32()));
            Assert.Equal([4, 5], problem.GetProperty("firstRows").EnumerateArray().Select(r => r.GetInt32()));
            Assert.Equal(2, body.GetProperty("rows").GetArrayLength());
            var firstVersion = body.GetProperty("version").GetInt64();

            var (listed, list) = await host.AdminAsync(HttpMethod.Get, "manage/gazetteer?limit=2&coord=gcj02");
            Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
            Assert.Equal(3, list.GetProperty("count").GetInt32());
            Assert.Equal(firstVersion, list.GetProperty("version").GetInt64());
            Assert.True(list.TryGetProperty("publishedAt", out _));
            Assert.Equal(1, list.GetProperty("kinds").GetProperty("小区").GetInt32());
            Assert.Equal(1, list.GetProperty("kinds").GetProperty("地铁站").GetInt32());
            var items = list.GetProperty("items");
            Assert.Equal(["p:1", "p:2"], items.EnumerateArray().Select(i => i.GetProperty("sourceId").GetString()));
            var location = items[0].GetProperty("location");
            Assert.Equal(("gcj02", 121.4745, 31.2165), (location.GetProperty("coord").GetString(), location.GetProperty("lng").GetDouble(), location.GetProperty("lat").GetDouble()));
            var (_, rest) = await host.AdminAsync(HttpMethod.Get, "manage/gazetteer?limit=2&cursor=" + list.GetProperty("cursor").GetString());
            Assert.Equal("p:3", Assert.Single(rest.GetProperty("items").EnumerateArray()).GetProperty("sourceId").GetString());
            Assert.Equal(JsonValueKind.Null, rest.GetProperty("cursor").ValueKind);

            // The instance serves a matcher over what it published, without waiting for a refresh.
            var served = host.App.Services.GetRequiredService<GazetteerProvider>().Current;
            Assert.Equal("利津路1313弄", served.Matcher.Match("利津路1313")[0].Item.Name);
            var rows = await RowGenerationsAsync();
            Assert.Equal(["rows-" + served.Generation], rows);

            using var json = JsonDocument.Parse("""[{"name": "新天地", "district": "黄浦区", "lat": 31.219, "lng": 121.474, "coord": "wgs84", "kind": "街区"}]""");
            var (replaced, second) = await UploadAsync(Encoding.UTF8.GetBytes(json.RootElement.GetRawText()), "application/json");
            Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
            Assert.True(second.GetProperty("version").GetInt64() > firstVersion);

            var (_, after) = await host.AdminAsync(HttpMethod.Get, "manage/gazetteer");
            Assert.Equal(1, after.GetProperty("count").GetInt32());
            var only = Assert.Single(after.GetProperty("items").EnumerateArray());
            Assert.Equal(("新天地", "wgs84"), (only.GetProperty("name").GetString(), only.GetProperty("location").GetProperty("coord").GetString()));
            var generation = after.GetProperty("generation").GetString();
            Assert.Equal(["rows-" + generation], await RowGenerationsAsync());

            var stored = await host.App.Services.GetRequiredService<IGazetteerStore>().LoadAsync(generation!, CancellationToken.None);
            Assert.Equal([new GazetteerEntry("黄浦区/新天地", "新天地", "黄浦区", new GeoPoint(31.219, 121.474), "街区")], stored);
        }
        finally
        {
            Serial.Release();
        }
    }

    [Fact]
    public async Task A_second_instance_serves_the_uploaded_gazetteer_after_its_refresh()
    {
        await Serial.WaitAsync();
        try
        {
            var (response, body) = await UploadCsvAsync(SmallCsv);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var version = body.GetProperty("version").GetInt64();

            var second = host.SecondInstanceOf();
            await second.InitializeAsync();
            try
            {
                var provider = second.App.Services.GetRequiredService<GazetteerProvider>();
                await provider.RefreshAsync(CancellationToken.None);
                Assert.Equal(version, provider.Health.Version);
                Assert.Equal("翠湖天地", provider.Current.Matcher.Match("上海市翠湖天地小区")[0].Item.Name);
            }
            finally
            {
                await second.DisposeAsync();
            }
        }
        finally
        {
            Serial.Release();
        }
    }

    [Fact]
    public async Task Files_that_are_not_a_gazetteer_are_refused_naming_the_field_and_change_nothing()
    {
        var (_, before) = await host.AdminAsync(HttpMethod.Get, "manage/gazetteer");

        var (missing, missingBody) = await UploadCsvAsync("name,lng,lat\n翠湖天地,121.47,31.22\n");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("coord", missingBody.GetProperty("errors").GetProperty("body")[0].GetString(), StringComparison.Ordinal);

        var (none, noneBody) = await UploadCsvAsync("name,lng,lat,coord\n零点,0,0,WGS-84\n");
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("rejected:lng", noneBody.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var (badJson, _) = await UploadAsync("[{"u8.ToArray(), "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, badJson.StatusCode);
        var (notText, _) = await UploadAsync([0xFF, 0xFE, 0x00, 0xD8], "text/csv");
        Assert.Equal(HttpStatusCode.BadRequest, notText.StatusCode);
        var (charset, _) = await UploadAsync("a"u8.ToArray(), "text/csv; charset=latin1");
        Assert.Equal(HttpStatusCode.BadRequest, charset.StatusCode);

        var (_, after) = await host.AdminAsync(HttpMethod.Get, "manage/gazetteer");
        Assert.Equal(before.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Only_the_city_key_uploads_and_an_operator_key_may_list()
    {
        var (_, issued) = await host.AdminAsync(HttpMethod.Post, "manage/operators", new { name = "黄浦区-张三", district = "黄浦区" });
        var operatorKey = issued.GetProperty("key").GetString()!;

        var (refused, problem) = await UploadAsync(Encoding.UTF8.GetBytes(SmallCsv), "text/csv", operatorKey);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Uploading the gazetteer", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var (wrong, _) = await UploadAsync(Encoding.UTF8.GetBytes(SmallCsv), "text/csv", "not-the-key");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);

        var (listed, _) = await host.SendAsync(HttpMethod.Get, "manage/gazetteer", headers: new Dictionary<string, string> { ["x-admin-key"] = operatorKey, ["x-functions-key"] = LocalHostFixture.FunctionKey });
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var (anonymous, _) = await host.SendAsync(HttpMethod.Get, "manage/gazetteer", headers: new Dictionary<string, string> { ["x-functions-key"] = LocalHostFixture.FunctionKey });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [RealDataFact]
    public async Task The_real_places_file_uploads_with_its_faults_reported_and_is_served_matched()
    {
        await Serial.WaitAsync();
        try
        {
            var bytes = await File.ReadAllBytesAsync(RealData.PathOf(RealData.ShanghaiPlaces));
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var (response, body) = await UploadAsync(bytes, "text/csv");
            output.WriteLine($"upload {watch.ElapsedMilliseconds} ms: {body.GetProperty("summary")}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            using var reader = new StreamReader(RealData.PathOf(RealData.ShanghaiPlaces));
            var expected = GazetteerReader.FromCsv(reader, GazetteerArea.Shanghai);
            Assert.Equal(expected.Entries.Count, body.GetProperty("places").GetInt32());
            Assert.Equal(expected.Report.Summary.Rejected, body.GetProperty("summary").GetProperty("rejected").GetInt32());
            Assert.Equal(SiteFinder.Functions.Http.GazetteerApi.RowsShown, body.GetProperty("rows").GetArrayLength());

            var (_, list) = await host.AdminAsync(HttpMethod.Get, "manage/gazetteer?limit=1");
            Assert.Equal(expected.Entries.Count, list.GetProperty("count").GetInt32());
            var generation = list.GetProperty("generation").GetString()!;
            var stored = await host.App.Services.GetRequiredService<IGazetteerStore>().LoadAsync(generation, CancellationToken.None);
            Assert.Equal(expected.Entries, stored);

            var second = host.SecondInstanceOf();
            await second.InitializeAsync();
            try
            {
                var provider = second.App.Services.GetRequiredService<GazetteerProvider>();
                watch.Restart();
                await provider.RefreshAsync(CancellationToken.None);
                output.WriteLine($"second instance refresh (load + matcher build) {watch.ElapsedMilliseconds} ms");
                Assert.Equal(expected.Entries, provider.Current.Entries);
                Assert.Equal("利津路1313弄", provider.Current.Matcher.Match("利津路1313", "浦东新区")[0].Item.Name);
            }
            finally
            {
                await second.DisposeAsync();
            }
        }
        finally
        {
            Serial.Release();
        }
    }
}
