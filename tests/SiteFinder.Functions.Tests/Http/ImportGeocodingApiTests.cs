using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Sites;
using SiteFinder.Functions.Tests.Geocoding;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Http;

/// <summary>Imports of rows without coordinates through the local host on Azurite, Azure Maps being the stub: gazetteer first, then Maps in batches, low confidence held.</summary>
public sealed class ImportGeocodingApiTests(GeocodingHostFixture host) : IClassFixture<GeocodingHostFixture>
{
    private const string NoPoint = "source_id,name,address,district,hours\n";

    private const string Gazetteer = """
        name,district,lng,lat,coord,kind,source_id
        翠湖天地,黄浦区,121.4745,31.2165,GCJ-02,小区,p:1
        人民广场,黄浦区,121.4737,31.2304,GCJ-02,地铁站,p:2
        """;

    private async Task UploadGazetteerAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("manage/gazetteer", UriKind.Relative));
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Gazetteer));
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("text/csv; charset=utf-8");
        request.Headers.Add("x-functions-key", LocalHostFixture.FunctionKey);
        request.Headers.Add("x-admin-key", LocalHostFixture.AdminKey);
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private int BatchCalls => host.Stub.Requests.Count(r => r.Path == "/geocode:batch");

    private static JsonElement Row(JsonElement report, string sourceId) =>
        report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("sourceId").GetString() == sourceId);

    private static string[] Warnings(JsonElement row) => [.. row.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!)];

    [Fact]
    public async Task A_row_the_gazetteer_knows_is_placed_there_without_asking_Azure_Maps()
    {
        await UploadGazetteerAsync();
        var calls = host.Stub.Count;

        var (response, report) = await host.ImportCsvAsync(NoPoint + "g:1,翠湖天地核酸采样点,翠湖天地,黄浦区,24小时\n");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(calls, host.Stub.Count);
        var row = Row(report, "g:1");
        Assert.Equal("accepted", row.GetProperty("outcome").GetString());
        Assert.Equal(["geocoded: gazetteer 1 (黄浦区 翠湖天地)"], Warnings(row));
        Assert.Equal(1, report.GetProperty("summary").GetProperty("geocoded").GetInt32());
        Assert.Equal((1, 1, 0), (report.GetProperty("geocoding").GetProperty("rows").GetInt32(), report.GetProperty("geocoding").GetProperty("gazetteer").GetInt32(), report.GetProperty("geocoding").GetProperty("azureMaps").GetInt32()));

        var id = row.GetProperty("id").GetString();
        var (_, detail) = await host.GetAsync($"sites/{id}");
        Assert.Equal(("gazetteer", 1.0), (detail.GetProperty("geocoded").GetProperty("source").GetString(), detail.GetProperty("geocoded").GetProperty("confidence").GetDouble()));
        Assert.Equal("open", detail.GetProperty("state").GetString());
        var expected = ChinaCoordinates.Convert(new GeoPoint(31.2165, 121.4745), CoordinateSystem.Gcj02, CoordinateSystem.Wgs84);
        var location = detail.GetProperty("sourceLocation");
        Assert.Equal(("wgs84", Math.Round(expected.Lat, 6), Math.Round(expected.Lng, 6)), (location.GetProperty("coord").GetString(), Math.Round(location.GetProperty("lat").GetDouble(), 6), Math.Round(location.GetProperty("lng").GetDouble(), 6)));

        var (_, edited) = await host.AdminAsync(HttpMethod.Get, $"manage/sites/{id}");
        Assert.Equal("gazetteer", edited.GetProperty("geocoded").GetProperty("source").GetString());
    }

    [Fact]
    public async Task A_row_Azure_Maps_finds_is_placed_and_a_dry_run_geocodes_too_from_the_cache_after()
    {
        host.Stub.Places["上海市黄浦区人民大道200号"] = new StubPlace(121.4752, 31.2286, "人民大道200号, 黄浦区, 上海市", "High", "Address");
        const string Csv = NoPoint + "m:1,市政府采样点,人民大道200号,黄浦区,24小时\n";
        var calls = BatchCalls;

        var (dryResponse, dry) = await host.ImportAsync(Encoding.UTF8.GetBytes(Csv), "text/csv; charset=utf-8", query: "?dryRun=true");
        Assert.Equal(HttpStatusCode.OK, dryResponse.StatusCode);
        Assert.Equal(["geocoded: azure-maps 0.9 (人民大道200号, 黄浦区, 上海市)"], Warnings(Row(dry, "m:1")));
        Assert.Equal(calls + 1, BatchCalls);
        Assert.Equal("上海市黄浦区人民大道200号", (string?)host.Stub.Requests.Last(r => r.Path == "/geocode:batch").BatchItems[0]!["query"]);

        var (_, report) = await host.ImportCsvAsync(Csv);
        Assert.Equal(calls + 1, BatchCalls);
        var row = Row(report, "m:1");
        Assert.Equal("accepted", row.GetProperty("outcome").GetString());
        Assert.Equal(1, report.GetProperty("geocoding").GetProperty("azureMaps").GetInt32());

        var (_, detail) = await host.GetAsync($"sites/{row.GetProperty("id").GetString()}");
        Assert.Equal(("azure-maps", 0.9), (detail.GetProperty("geocoded").GetProperty("source").GetString(), detail.GetProperty("geocoded").GetProperty("confidence").GetDouble()));
        Assert.Equal((31.2286, 121.4752), (detail.GetProperty("sourceLocation").GetProperty("lat").GetDouble(), detail.GetProperty("sourceLocation").GetProperty("lng").GetDouble()));
        Assert.Equal("open", detail.GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_low_confidence_row_is_stored_planned_with_its_reason()
    {
        host.Stub.Places["上海市黄浦区方浜中路"] = new StubPlace(121.4920, 31.2260, "方浜中路, 黄浦区, 上海市", "Medium", "Street");

        var (response, report) = await host.ImportCsvAsync(NoPoint + "l:1,老城厢采样点,方浜中路,黄浦区,24小时\n");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = Row(report, "l:1");
        Assert.Equal("accepted", row.GetProperty("outcome").GetString());
        Assert.Equal(["held:lowGeocodeConfidence: azure-maps confidence 0.6 is below 0.9 (方浜中路, 黄浦区, 上海市)"], Warnings(row));
        var summary = report.GetProperty("summary");
        Assert.Equal((1, 1, 0), (summary.GetProperty("held").GetInt32(), summary.GetProperty("lowGeocodeConfidence").GetInt32(), summary.GetProperty("geocoded").GetInt32()));
        Assert.Contains(report.GetProperty("problems").EnumerateArray(), p => p.GetProperty("kind").GetString() == "held:lowGeocodeConfidence");

        var (_, site) = await host.AdminAsync(HttpMethod.Get, $"manage/sites/{row.GetProperty("id").GetString()}");
        Assert.Equal("planned", site.GetProperty("state").GetString());
        Assert.Equal("held by import: azure-maps confidence 0.6 is below 0.9", site.GetProperty("stateReason").GetString());
        Assert.Equal(("azure-maps", 0.6), (site.GetProperty("geocoded").GetProperty("source").GetString(), site.GetProperty("geocoded").GetProperty("confidence").GetDouble()));
    }

    [Fact]
    public async Task Two_hundred_and_fifty_rows_without_coordinates_take_three_batch_calls()
    {
        var csv = new StringBuilder(NoPoint);
        for (var i = 0; i < 250; i++)
        {
            host.Stub.Places[$"上海市浦东新区测试路{i}号"] = new StubPlace(121.50 + (i * 0.0005), 31.20 + (i * 0.0003), $"测试路{i}号, 浦东新区, 上海市", "High", "Address");
            csv.Append($"b:{i},测试路{i}号采样点,测试路{i}号,浦东新区,24小时\n");
        }

        var before = host.Stub.Requests.Where(r => r.Path == "/geocode:batch").ToList();

        var (response, report) = await host.ImportCsvAsync(csv.ToString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calls = host.Stub.Requests.Where(r => r.Path == "/geocode:batch").Skip(before.Count).ToList();
        Assert.Equal([100, 100, 50], calls.Select(c => c.BatchItems.Count));
        var summary = report.GetProperty("summary");
        Assert.Equal((250, 250, 0), (summary.GetProperty("accepted").GetInt32(), summary.GetProperty("geocoded").GetInt32(), summary.GetProperty("held").GetInt32()));
        Assert.Equal(250, report.GetProperty("changes").GetProperty("added").GetArrayLength());
    }
}

/// <summary>Azure Maps unreachable: rows without coordinates are held and not stored, the report says degraded, rows with a point are imported as ever.</summary>
public sealed class ImportGeocodingUnreachableTests(UnreachableMapsFixture host) : IClassFixture<UnreachableMapsFixture>
{
    [Fact]
    public async Task Rows_are_held_and_the_report_says_Azure_Maps_was_degraded_never_a_500()
    {
        var (response, report) = await host.ImportCsvAsync("source_id,name,address,district,lng,lat,coord_system,hours\n"
            + "u:1,外滩采样点,中山东一路1号,黄浦区,,,,24小时\n"
            + "u:2,有点的采样点,中山东一路2号,黄浦区,121.4905,31.2336,WGS-84,24小时\n");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var degraded = report.GetProperty("geocoding").GetProperty("degraded").GetString();
        Assert.StartsWith("unreachable", degraded, StringComparison.Ordinal);
        var held = report.GetProperty("rows")[0];
        Assert.Equal("held", held.GetProperty("outcome").GetString());
        Assert.StartsWith("held:notGeocoded: Azure Maps could not be asked (unreachable", held.GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("accepted", report.GetProperty("rows")[1].GetProperty("outcome").GetString());
        var summary = report.GetProperty("summary");
        Assert.Equal((2, 1, 0, 1, 1), (summary.GetProperty("received").GetInt32(), summary.GetProperty("accepted").GetInt32(), summary.GetProperty("rejected").GetInt32(), summary.GetProperty("notGeocoded").GetInt32(), summary.GetProperty("held").GetInt32()));

        var (notStored, _) = await host.AdminAsync(HttpMethod.Get, $"manage/sites/{SiteIds.FromSourceId("u:1")}");
        Assert.Equal(HttpStatusCode.NotFound, notStored.StatusCode);
        var (stored, _) = await host.AdminAsync(HttpMethod.Get, $"manage/sites/{SiteIds.FromSourceId("u:2")}");
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
    }
}
