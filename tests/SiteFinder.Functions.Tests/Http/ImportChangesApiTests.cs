using System.Globalization;
using System.Net;
using System.Text;
using SiteFinder.Domain.Sites;
using SiteFinder.Functions.Tests.Infrastructure;
using SiteFinder.Tests;
using Xunit.Abstractions;

namespace SiteFinder.Functions.Tests.Http;

/// <summary>Imports as operators make them, over HTTP: partial rows, dry runs, closeMissing, held far points, approximate points.</summary>
public sealed class ImportChangesApiTests(LocalHostFixture host, ITestOutputHelper output) : IClassFixture<LocalHostFixture>
{
    private const string Header = "source_id,name,address,district,lng,lat,coord_system,hours,type,notes\n";

    private static string Id(string sourceId) => SiteIds.FromSourceId(sourceId);

    private async Task ImportAsync(string csv, string query = "")
    {
        var (response, _) = await host.ImportAsync(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", query: query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private Task<(HttpResponseMessage Response, System.Text.Json.JsonElement Body)> ImportJsonAsync(string json, string query = "") =>
        host.ImportAsync(Encoding.UTF8.GetBytes(json), "application/json", query: query);

    [Fact]
    public async Task The_readme_json_example_over_a_stored_site_keeps_what_it_does_not_carry()
    {
        await ImportAsync(Header + "pd:1,张江便民采样点,张江路1号,浦东新区,121.5906,31.2036,GCJ-02,周一至周日 8:00-11:30,便民,phone=021-50800000; 街道=张江镇\n");
        var (response, report) = await ImportJsonAsync("""[{"source_id":"pd:1","hours":"周一至周日 8:00-11:30、13:00-17:00"}]""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = report.GetProperty("changes").GetProperty("updated");
        Assert.Equal(["hours"], updated[0].GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("field").GetString()));
        Assert.Matches("^[0-9a-f]{12}$", report.GetProperty("importId").GetString());

        var (_, site) = await host.GetAsync($"sites/{Id("pd:1")}");
        Assert.Equal("张江路1号", site.GetProperty("address").GetString());
        Assert.Equal("浦东新区", site.GetProperty("district").GetString());
        Assert.Equal("021-50800000", site.GetProperty("phone").GetString());
        Assert.Equal("周一至周日 8:00-11:30、13:00-17:00", site.GetProperty("hours").GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_list_without_a_state_column_does_not_reopen_a_suspended_site()
    {
        await ImportAsync("source_id,name,lng,lat,coord_system,state\nst:1,暂停的点,121.47,31.23,WGS-84,suspended\n");
        await ImportAsync(Header + "st:1,暂停的点,,黄浦区,121.47,31.23,WGS-84,24小时,,\n");
        var (_, site) = await host.GetAsync($"sites/{Id("st:1")}");
        Assert.Equal("suspended", site.GetProperty("state").GetString());
        Assert.Equal("黄浦区", site.GetProperty("district").GetString());
    }

    [Fact]
    public async Task A_dry_run_shows_the_changes_and_close_missing_and_writes_nothing()
    {
        await ImportAsync(Header +
            "dr:1,徐汇一号点,漕溪路1号,徐汇区,121.43,31.18,WGS-84,24小时,,\n" +
            "dr:2,徐汇二号点,漕溪路2号,徐汇区,121.44,31.18,WGS-84,24小时,,\n" +
            "dr:3,长宁三号点,长宁路3号,长宁区,121.42,31.22,WGS-84,24小时,,\n");
        const string list = Header + "dr:1,徐汇一号点（新）,漕溪路1号,徐汇区,121.43,31.18,WGS-84,24小时,,\n";

        var (response, dry) = await host.ImportAsync(Encoding.UTF8.GetBytes(list), "text/csv", query: "?dryRun=true&closeMissing=true");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(dry.GetProperty("dryRun").GetBoolean());
        Assert.True(dry.GetProperty("closeMissing").GetBoolean());
        var summary = dry.GetProperty("summary");
        Assert.Equal((0, 2, 0, 1, 1), (summary.GetProperty("added").GetInt32(), summary.GetProperty("updated").GetInt32(), summary.GetProperty("unchanged").GetInt32(), summary.GetProperty("missing").GetInt32(), summary.GetProperty("closed").GetInt32()));
        var missing = Assert.Single(dry.GetProperty("changes").GetProperty("missing").EnumerateArray());
        Assert.Equal(Id("dr:2"), missing.GetProperty("id").GetString());
        Assert.True(missing.GetProperty("closed").GetBoolean());
        var (_, before) = await host.GetAsync($"sites/{Id("dr:2")}");
        Assert.Equal("open", before.GetProperty("state").GetString());

        await ImportAsync(list, "?closeMissing=true");
        var (_, closed) = await host.GetAsync($"sites/{Id("dr:2")}");
        Assert.Equal("closed", closed.GetProperty("state").GetString());
        var (_, otherDistrict) = await host.GetAsync($"sites/{Id("dr:3")}");
        Assert.Equal("open", otherDistrict.GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_bad_close_missing_value_is_a_problem_naming_it()
    {
        var (response, problem) = await ImportJsonAsync("""[{"source_id":"x:1","name":"x","lng":121.4,"lat":31.2,"coord_system":"WGS-84"}]""", "?closeMissing=yes");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("closeMissing", out _));
    }

    [Fact]
    public async Task A_far_point_is_held_as_planned_and_not_served()
    {
        var near = string.Concat(Enumerable.Range(0, 5).Select(i => string.Create(CultureInfo.InvariantCulture, $"hz:{i},杭州{i}号点,路{i}号,滨江区,120.2{i},30.2,GCJ-02,24小时,,\n")));
        var (_, report) = await host.ImportAsync(Encoding.UTF8.GetBytes(Header + near + "hz:far,临江花园北门公园处前空地,临江花园,滨江区,126.9065008,41.8031587,GCJ-02,24小时,,\n"), "text/csv");

        Assert.Equal(1, report.GetProperty("summary").GetProperty("held").GetInt32());
        Assert.Contains(report.GetProperty("problems").EnumerateArray(), p => p.GetProperty("kind").GetString() == "held:outsideExpectedArea");
        var (_, site) = await host.GetAsync($"sites/{Id("hz:far")}");
        Assert.Equal("planned", site.GetProperty("state").GetString());
        var (_, nearby) = await host.GetAsync("sites/nearby?lat=41.8031587&lng=126.9065008&coord=gcj02&radius=1000");
        Assert.Equal(0, nearby.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Sites_at_a_shared_point_say_their_location_is_approximate_and_rank_after_an_exact_one()
    {
        // Three villages geocoded to one point, and a site of its own exactly there.
        await ImportAsync(Header +
            "ap:1,甲村采样点,甲村,瓦房店市,121.9800,39.6200,WGS-84,24小时,,\n" +
            "ap:2,乙村采样点,乙村,瓦房店市,121.9800,39.6200,WGS-84,24小时,,\n" +
            "ap:3,丙村采样点,丙村,瓦房店市,121.9800,39.6200,WGS-84,24小时,,\n" +
            "ap:4,镇卫生院,镇中心,瓦房店市,121.9801,39.6200,WGS-84,24小时,,\n");
        var (_, nearby) = await host.GetAsync("sites/nearby?lat=39.62&lng=121.98&coord=wgs84&limit=4&radius=500");
        var items = nearby.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(4, items.Count);
        Assert.All(items.Take(3), i => Assert.True(i.GetProperty("location").GetProperty("approximate").GetBoolean()));
        Assert.False(items[3].GetProperty("location").TryGetProperty("approximate", out _));

        var (_, detail) = await host.GetAsync($"sites/{Id("ap:1")}");
        Assert.True(detail.GetProperty("location").GetProperty("approximate").GetBoolean());
    }

    [RealDataTheory]
    [InlineData(RealData.HangzhouSites, 2, 25)]
    [InlineData(RealData.DalianSites, 0, 1)]
    public async Task The_real_lists_dry_run_with_their_held_and_merged_rows(string file, int held, int merged)
    {
        var bytes = await File.ReadAllBytesAsync(RealData.PathOf(file));
        var (response, report) = await host.ImportAsync(bytes, "text/csv", query: "?dryRun=true");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = report.GetProperty("summary");
        output.WriteLine($"{file}: {summary}");
        Assert.Equal(held, summary.GetProperty("held").GetInt32());
        Assert.Equal(merged, summary.GetProperty("merged").GetInt32());
        Assert.Equal(summary.GetProperty("accepted").GetInt32() - merged, summary.GetProperty("added").GetInt32() + summary.GetProperty("updated").GetInt32() + summary.GetProperty("unchanged").GetInt32());
    }
}
