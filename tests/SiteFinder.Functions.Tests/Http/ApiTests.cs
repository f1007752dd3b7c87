using System.Net;
using System.Text;
using System.Text.Json;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Sites;
using SiteFinder.Functions.Storage;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Http;

/// <summary>The API over real HTTP on the local host, with a small list imported through the admin endpoint.</summary>
public sealed class ApiTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private const string Header = "source_id,name,address,district,lng,lat,coord_system,hours,type,notes\n";

    // Four WGS-84 sites around People's Square, one of them a convenience site for supply-chain workers.
    private const string Csv = Header +
        "t:1,人民广场采样点,黄浦区人民大道1号,黄浦区,121.4737,31.2304,WGS-84,24小时,固定,\n" +
        "t:2,南京东路便民采样点,黄浦区南京东路100号,黄浦区,121.4840,31.2380,WGS-84,周一至周日 8:00-11:00,便民,\n" +
        "t:3,静安寺采样点,静安区南京西路1686号,静安区,121.4453,31.2235,WGS-84,无法解析的时间,,\n" +
        "t:4,物流园供应链采样点,静安区共和新路1号,静安区,121.4600,31.2600,WGS-84,24小时,供应链,\n";

    private static string Id(string sourceId) => SiteIds.FromSourceId(sourceId);

    private async Task ImportSampleAsync()
    {
        var (response, body) = await host.ImportCsvAsync(Csv);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4, body.GetProperty("summary").GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task Nearby_answers_nearest_first_with_distance_walk_time_hours_and_location_in_the_asked_system()
    {
        await ImportSampleAsync();
        var gcj = ChinaCoordinates.WgsToGcj(new GeoPoint(31.2304, 121.4737));
        var (response, body) = await host.GetAsync(FormattableString.Invariant($"sites/nearby?lat={gcj.Lat}&lng={gcj.Lng}&coord=gcj02&limit=3"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([Id("t:1"), Id("t:2"), Id("t:3")], items.Select(i => i.GetProperty("id").GetString()));
        var first = items[0];
        Assert.InRange(first.GetProperty("distanceMeters").GetDouble(), 0, 1);
        Assert.Equal("gcj02", first.GetProperty("location").GetProperty("coord").GetString());
        Assert.Equal(gcj.Lat, first.GetProperty("location").GetProperty("lat").GetDouble(), 1e-6);
        Assert.True(first.GetProperty("hours").GetProperty("alwaysOpen").GetBoolean());
        Assert.True(first.GetProperty("openNow").GetBoolean());
        var second = items[1];
        Assert.InRange(second.GetProperty("distanceMeters").GetDouble(), 1200, 1350);
        Assert.Equal(GreatCircle.WalkingMinutes(second.GetProperty("distanceMeters").GetDouble()), second.GetProperty("walkMinutes").GetInt32());
        Assert.Equal("convenience", second.GetProperty("type").GetString());
        Assert.Equal("unparsed", items[2].GetProperty("hours").GetProperty("status").GetString());
        Assert.False(items[2].TryGetProperty("openNow", out _), "unknown hours must not claim open or closed");
        Assert.False(first.TryGetProperty("notes", out _), "nearby answers stay small");
    }

    [Fact]
    public async Task Nearby_filters_by_type_audience_radius_and_open_now()
    {
        await ImportSampleAsync();
        const string at = "sites/nearby?lat=31.2304&lng=121.4737";
        var convenience = await host.GetAsync(at + "&type=convenience");
        Assert.Equal([Id("t:2")], Ids(convenience.Body));

        var publicOnly = await host.GetAsync(at + "&audience=public");
        Assert.DoesNotContain(Id("t:4"), Ids(publicOnly.Body));
        var supplyChain = await host.GetAsync(at + "&audience=supply-chain");
        Assert.Contains(Id("t:4"), Ids(supplyChain.Body));

        var close = await host.GetAsync(at + "&radius=500");
        Assert.Equal([Id("t:1")], Ids(close.Body));

        var openNow = await host.GetAsync(at + "&open=now");
        Assert.All(openNow.Body.GetProperty("items").EnumerateArray(), i => Assert.True(i.GetProperty("openNow").GetBoolean()));
        Assert.Contains(Id("t:1"), Ids(openNow.Body));
        Assert.DoesNotContain(Id("t:3"), Ids(openNow.Body));
    }

    [Fact]
    public async Task A_typo_in_a_parameter_name_is_refused_not_answered_in_wgs84()
    {
        await ImportSampleAsync();
        var gcj = ChinaCoordinates.WgsToGcj(new GeoPoint(31.2304, 121.4737));
        var at = FormattableString.Invariant($"sites/nearby?lat={gcj.Lat}&lng={gcj.Lng}");

        var meant = await host.GetAsync(at + "&coord=gcj02");
        var typo = await host.GetAsync(at + "&coords=gcj02&lat=1");

        Assert.Equal(HttpStatusCode.OK, meant.Response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, typo.Response.StatusCode);
        var errors = typo.Body.GetProperty("errors");
        Assert.Contains("did you mean coord?", errors.GetProperty("coords")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("more than once", errors.GetProperty("lat")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_function_key_parameter_is_allowed_everywhere()
    {
        await ImportSampleAsync();
        var nearby = await host.GetAsync("sites/nearby?lat=31.2304&lng=121.4737&code=" + LocalHostFixture.FunctionKey);
        var districts = await host.GetAsync("districts?code=" + LocalHostFixture.FunctionKey);
        var stale = await host.SendAsync(HttpMethod.Get, "manage/stale?code=" + LocalHostFixture.FunctionKey, headers: new Dictionary<string, string> { ["x-admin-key"] = LocalHostFixture.AdminKey });
        var staleTypo = await host.AdminAsync(HttpMethod.Get, "manage/stale?distric=黄浦区");

        Assert.Equal(HttpStatusCode.OK, nearby.Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, districts.Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stale.Response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, staleTypo.Response.StatusCode);
        Assert.Contains("did you mean district?", staleTypo.Body.GetProperty("errors").GetProperty("distric")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nearby_without_an_audience_lists_the_sites_open_to_all_and_any_lists_every_site_labelled()
    {
        await ImportSampleAsync();
        const string at = "sites/nearby?lat=31.2304&lng=121.4737";
        var plain = await host.GetAsync(at);
        var any = await host.GetAsync(at + "&audience=any");

        Assert.DoesNotContain(Id("t:4"), Ids(plain.Body));
        Assert.All(plain.Body.GetProperty("items").EnumerateArray(), i => Assert.Equal("public", i.GetProperty("audience").GetProperty("kind").GetString()));
        Assert.Contains(Id("t:4"), Ids(any.Body));
        var reserved = any.Body.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == Id("t:4"));
        Assert.Equal("groups", reserved.GetProperty("audience").GetProperty("kind").GetString());
        Assert.Equal(["supply-chain"], reserved.GetProperty("audience").GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
    }

    [Theory]
    [InlineData("sites/nearby?lng=121.47", "lat", "required")]
    [InlineData("sites/nearby?lat=91&lng=121.47", "lat", "between")]
    [InlineData("sites/nearby?lat=31.2&lng=east", "lng", "not a number")]
    [InlineData("sites/nearby?lat=31.2&lng=121.4&limit=51", "limit", "between 1 and 50")]
    [InlineData("sites/nearby?lat=31.2&lng=121.4&radius=60000", "radius", "between")]
    [InlineData("sites/nearby?lat=31.2&lng=121.4&coord=utm", "coord", "wgs84, gcj02, bd09")]
    [InlineData("sites/nearby?lat=31.2&lng=121.4&type=boat", "type", "not one of")]
    [InlineData("sites/nearby?lat=31.2&lng=121.4&type=fixed,convenience", "type", "not one of")]
    [InlineData("sites/nearby?lat=31.2&lng=121.4&type=%201", "type", "not one of")]
    [InlineData("sites/nearby?lat=31.2&lng=121.4&open=later", "open", "not one of")]
    [InlineData("sites/nearby?lat=31.2&lat=31.3&lng=121.4", "lat", "more than once")]
    [InlineData("sites/nearby?lat=31.2&lng=121.4&coords=gcj02", "coords", "did you mean coord?")]
    [InlineData("sites/nearby?lat=31.2&lng=121.4&Coords=gcj02", "Coords", "did you mean coord?")]
    [InlineData("sites/nearby?lat=31.2&lng=121.4&radiusMeters=500", "radiusMeters", "did you mean radius?")]
    [InlineData("sites/nearby?lat=31.2&lon=121.4", "lon", "did you mean lng?")]
    [InlineData("sites/nearby?lat=31.2&lng=121.4&zzz=1", "zzz", "It reads address, lat, lng, coord, limit, radius, open, type, audience, notBusy, sort")]
    [InlineData("sites/nearby?lat=31.2&lng=121.4&audience=everyone", "audience", "not one of public, residents, any")]
    [InlineData("sites?q=人民&limt=5", "limt", "did you mean limit?")]
    [InlineData("sites/0123456789abcdef?cord=gcj02", "cord", "did you mean coord?")]
    [InlineData("sites/0123456789abcdef/busyness?days=7", "days", "reads no query parameters")]
    [InlineData("districts?city=上海", "city", "reads no query parameters")]
    [InlineData("geocode?q=人民广场&district=黄浦区&cord=gcj02", "cord", "did you mean coord?")]
    [InlineData("sites?cursor=bm9wZQ", "cursor", "not a cursor")]
    [InlineData("sites?limit=0", "limit", "between")]
    [InlineData("sites/NOT-A-HEX-ID-016", "id", "16 lowercase hex")]
    public async Task Bad_input_gets_a_problem_response_naming_the_field(string url, string field, string message)
    {
        var (response, body) = await host.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(400, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("type").GetString()));
        var errors = body.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains(errors, e => e!.Contains(message, StringComparison.Ordinal));
        Assert.Contains(field, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_site_is_404_and_a_known_one_has_every_field()
    {
        await ImportSampleAsync();
        var missing = await host.GetAsync("sites/0123456789abcdef");
        Assert.Equal(HttpStatusCode.NotFound, missing.Response.StatusCode);
        Assert.Equal("application/problem+json", missing.Response.Content.Headers.ContentType?.MediaType);

        var (response, site) = await host.GetAsync($"sites/{Id("t:2")}?coord=bd09");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("南京东路便民采样点", site.GetProperty("name").GetString());
        Assert.Equal("bd09", site.GetProperty("location").GetProperty("coord").GetString());
        Assert.Equal("wgs84", site.GetProperty("sourceLocation").GetProperty("coord").GetString());
        Assert.Equal("t:2", site.GetProperty("sourceId").GetString());
        Assert.Equal("便民", site.GetProperty("typeText").GetString());
        var weekly = site.GetProperty("hours").GetProperty("weekly").EnumerateArray().ToList();
        Assert.Equal(7, weekly.Count);
        Assert.All(weekly, w => Assert.Equal(("08:00", "11:00"), (w.GetProperty("open").GetString(), w.GetProperty("close").GetString())));
        var bd = ChinaCoordinates.Convert(new GeoPoint(31.2380, 121.4840), CoordinateSystem.Wgs84, CoordinateSystem.Bd09);
        Assert.Equal(bd.Lng, site.GetProperty("location").GetProperty("lng").GetDouble(), 1e-6);
    }

    [Fact]
    public async Task Search_matches_chinese_substrings_filters_by_district_and_pages_with_a_cursor()
    {
        await ImportSampleAsync();
        var (_, all) = await host.GetAsync("sites?q=" + Uri.EscapeDataString("采样点") + "&limit=1");
        var seen = Ids(all).ToList();
        var cursor = all.GetProperty("cursor").GetString();
        while (cursor is not null)
        {
            var (_, page) = await host.GetAsync("sites?q=" + Uri.EscapeDataString("采样点") + "&limit=1&cursor=" + cursor);
            seen.AddRange(Ids(page));
            cursor = page.TryGetProperty("cursor", out var next) ? next.GetString() : null;
        }

        // Pages follow the ranking of one search (all four are open substring matches: the shorter name covers more of it first).
        var (_, whole) = await host.GetAsync("sites?q=" + Uri.EscapeDataString("采样点") + "&limit=10");
        Assert.Equal(new[] { "t:1", "t:2", "t:3", "t:4" }.Select(Id).Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        Assert.Equal(Ids(whole), seen);

        foreach (var district in new[] { "静安区", "静安", "上海市静安区" })
        {
            var (_, jingan) = await host.GetAsync("sites?district=" + Uri.EscapeDataString(district));
            Assert.Equal(new[] { Id("t:3"), Id("t:4") }.Order(StringComparer.Ordinal), Ids(jingan));
            Assert.All(jingan.GetProperty("items").EnumerateArray(), i => Assert.Equal("上海市", i.GetProperty("city").GetString()));
        }

        var (_, road) = await host.GetAsync("sites?q=" + Uri.EscapeDataString("南京东路"));
        Assert.Equal([Id("t:2")], Ids(road));
    }

    [Fact]
    public async Task Districts_count_sites_open_and_open_now()
    {
        await ImportSampleAsync();
        var (_, body) = await host.GetAsync("districts");
        var huangpu = body.GetProperty("items").EnumerateArray().Single(d => d.GetProperty("district").GetString() == "黄浦区");
        Assert.Equal(2, huangpu.GetProperty("sites").GetInt32());
        Assert.Equal(2, huangpu.GetProperty("open").GetInt32());
        Assert.InRange(huangpu.GetProperty("openNow").GetInt32(), 1, 2);
    }

    [Fact]
    public async Task Health_answers_a_fixed_body()
    {
        var (response, body) = await host.GetAsync("health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"status\":\"ok\"}", body.GetRawText());
    }

    [Fact]
    public async Task Import_needs_the_admin_key()
    {
        var none = await host.ImportAsync(Encoding.UTF8.GetBytes(Csv), "text/csv", adminKey: null);
        Assert.Equal(HttpStatusCode.Unauthorized, none.Response.StatusCode);
        Assert.Contains("x-admin-key", none.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var wrong = await host.ImportAsync(Encoding.UTF8.GetBytes(Csv), "text/csv", adminKey: "guess");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Response.StatusCode);
    }

    [Fact]
    public async Task Bad_imports_are_refused_naming_the_body_and_lose_nothing_stored()
    {
        await ImportSampleAsync();
        var before = await CountAsync();

        var latin1 = Encoding.Latin1.GetBytes(Header + "x,caf\u00e9,a,d,121.4,31.2,WGS-84,,,\n");
        var cases = new (byte[] Body, string Type, string Expect)[]
        {
            (latin1, "text/csv", "UTF-8"),
            (Encoding.UTF8.GetBytes("name,lng,lat,coord_system\nx,121.4,31.2,WGS-84\n"), "text/csv", "missing column"),
            (Encoding.UTF8.GetBytes("[{\"source_id\": "), "application/json", "not valid JSON"),
            (Encoding.UTF8.GetBytes("{\"rows\": []}"), "application/json", "JSON array"),
            (Encoding.UTF8.GetBytes("   "), "text/csv", "empty"),
        };
        foreach (var (body, type, expect) in cases)
        {
            var (response, problem) = await host.ImportAsync(body, type);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(expect, problem.GetProperty("errors").GetProperty("body")[0].GetString(), StringComparison.Ordinal);
        }

        var dryRun = await host.ImportAsync(Encoding.UTF8.GetBytes(Header + "new:1,新点,a,d,121.4,31.2,WGS-84,24小时,,\n"), "text/csv", query: "?dryRun=true");
        Assert.Equal(HttpStatusCode.OK, dryRun.Response.StatusCode);
        Assert.Equal(1, dryRun.Body.GetProperty("summary").GetProperty("accepted").GetInt32());
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Over_long_fields_and_odd_states_reject_their_row_only_and_nothing_of_it_is_written()
    {
        var json = JsonSerializer.Serialize(new object[]
        {
            new { source_id = "long:1", name = new string('长', 40_000), lng = 121.47, lat = 31.23, coord_system = "WGS-84" },
            new { source_id = "long:2", name = "正常的点", lng = 121.47, lat = 31.23, coord_system = "WGS-84", state = "open,closed" },
            new { source_id = "long:3", name = "正常的点", lng = 121.47, lat = 31.23, coord_system = "WGS-84", state = "99" },
            new { source_id = "long:4", name = "正常的点", lng = 121.47, lat = 31.23, coord_system = "WGS-84", state = "Suspended" },
        });
        var (response, report) = await host.ImportAsync(Encoding.UTF8.GetBytes(json), "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = report.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["name", "state", "state"], rows.Take(3).Select(r => r.GetProperty("errors")[0].GetProperty("field").GetString()));
        Assert.Equal("accepted", rows[3].GetProperty("outcome").GetString());

        // Read the table itself, not the published catalogue: a rejected row must not be stored at all.
        var store = new TableSiteStore(Azurite.Service, Microsoft.Extensions.Options.Options.Create(new SiteTablesOptions { Sites = host.SitesTable }));
        var stored = (await store.LoadAllAsync(CancellationToken.None)).Select(r => r.SourceId).ToHashSet();
        Assert.DoesNotContain("long:1", stored);
        Assert.DoesNotContain("long:2", stored);
        Assert.Contains("long:4", stored);
    }

    [Fact]
    public async Task Json_with_a_lone_surrogate_escape_is_refused_naming_the_body()
    {
        // A lone surrogate spells no text, as bytes that are not UTF-8 do not: the file is refused, not the row.
        var (response, problem) = await host.ImportAsync(Encoding.UTF8.GetBytes("[{\"source_id\":\"x\",\"name\":\"\\ud800\"}]"), "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("body", out _));
    }

    [Fact]
    public async Task Json_import_upserts_by_source_id_and_reports_rejections_per_row()
    {
        await ImportSampleAsync();
        var json = JsonSerializer.Serialize(new object[]
        {
            new { source_id = "t:1", name = "人民广场采样点（新址）", address = "黄浦区人民大道2号", district = "黄浦区", lng = 121.4740, lat = 31.2306, coord_system = "WGS-84", hours = "24小时" },
            new { source_id = "j:2", name = "", lng = 121.47, lat = 31.23, coord_system = "WGS-84" },
        });
        var (response, report) = await host.ImportAsync(Encoding.UTF8.GetBytes(json), "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, report.GetProperty("summary").GetProperty("accepted").GetInt32());
        var rejected = report.GetProperty("rows")[1];
        Assert.Equal("rejected", rejected.GetProperty("outcome").GetString());
        Assert.Equal("name", rejected.GetProperty("errors")[0].GetProperty("field").GetString());

        var (_, site) = await host.GetAsync($"sites/{Id("t:1")}");
        Assert.Equal("人民广场采样点（新址）", site.GetProperty("name").GetString());
    }

    private async Task<int> CountAsync()
    {
        var (_, body) = await host.GetAsync("districts");
        return body.GetProperty("items").EnumerateArray().Sum(d => d.GetProperty("sites").GetInt32());
    }

    private static IEnumerable<string?> Ids(JsonElement body) => body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString());
}
