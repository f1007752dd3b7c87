using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SiteFinder.Domain.Geocoding;
using SiteFinder.Domain.Import;
using SiteFinder.Domain.Sites;
using SiteFinder.Functions.Sites;
using SiteFinder.Functions.Tests.Infrastructure;
using SiteFinder.Tests;

namespace SiteFinder.Functions.Tests.Http;

/// <summary>
/// Search as a resident uses it, over HTTP: the demo Shanghai catalogue, a few Shanghai sites at
/// 人民广场 (one of them planned), and the real Hangzhou and Dalian lists served together.
/// </summary>
public sealed class SearchApiTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private const string PeoplesSquare = "lat=31.2317&lng=121.4726";

    private const string ShanghaiCsv = "source_id,name,address,district,lng,lat,coord_system,hours,type,notes,state\n" +
        "sh:1,人民广场地铁站便民采样点,黄浦区人民大道120号,黄浦区,121.4745,31.2320,WGS-84,24小时,便民,,\n" +
        "sh:2,人民广场东采样点,黄浦区西藏中路1号,黄浦区,121.4790,31.2330,WGS-84,24小时,固定,,\n" +
        "sh:3,人民广场北采样点,黄浦区北京西路2号,黄浦区,121.4720,31.2350,WGS-84,24小时,固定,,planned\n";

    private static readonly SemaphoreSlim Once = new(1, 1);
    private static readonly Dictionary<LocalHostFixture, List<Site>> Imported = [];

    private async Task<List<Site>> ImportAllAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (Imported.TryGetValue(host, out var done))
                return done;

            Assert.True(await host.App.Services.GetRequiredService<SiteImportService>().SeedDemoIfEmptyAsync(CancellationToken.None));
            var sites = new List<Site>(Domain.Demo.DemoCatalogue.Generate(DateTimeOffset.UtcNow));
            foreach (var csv in new[] { ShanghaiCsv, await File.ReadAllTextAsync(RealData.PathOf(RealData.HangzhouSites)), await File.ReadAllTextAsync(RealData.PathOf(RealData.DalianSites)) })
            {
                var (response, _) = await host.ImportAsync(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                using var reader = new StringReader(csv);
                sites.AddRange(SiteImporter.Plan(SiteInput.FromCsv(reader, out _), DateTimeOffset.UtcNow).Sites);
            }

            Imported[host] = sites;
            return sites;
        }
        finally
        {
            Once.Release();
        }
    }

    /// <summary>Every item of a search, page by page.</summary>
    private async Task<List<JsonElement>> AllPagesAsync(string query, int limit)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var (response, page) = await host.GetAsync($"sites?{query}&limit={limit}" + (cursor is null ? string.Empty : "&cursor=" + cursor));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var got = page.GetProperty("items").EnumerateArray().ToList();
            Assert.InRange(got.Count, 1, limit);
            items.AddRange(got);
            cursor = page.GetProperty("cursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("cursor").GetString();
        }
        while (cursor is not null);
        return items;
    }

    private static string Q(string text) => Uri.EscapeDataString(text);

    [RealDataFact]
    public async Task Near_a_shanghai_point_peoples_square_answers_shanghai_sites_first_open_before_planned_each_once()
    {
        var sites = await ImportAllAsync();
        var items = await AllPagesAsync($"q={Q("人民广场")}&{PeoplesSquare}", limit: 2);
        var cities = items.Select(i => i.GetProperty("city").GetString()).ToList();
        var ids = items.Select(i => i.GetProperty("id").GetString()).ToList();

        Assert.Equal(["上海市", "上海市", "上海市"], cities.Take(3));
        Assert.Contains("大连市", cities);
        Assert.Equal(cities.Count(c => c == "上海市"), cities.TakeWhile(c => c == "上海市").Count());
        Assert.Equal(["open", "open", "planned"], items.Take(3).Select(i => i.GetProperty("state").GetString()));
        Assert.Equal(ids.Count, ids.Distinct().Count());

        // Every site whose name or address holds the words is found (similar ones may follow them).
        var containing = sites.Where(s => PlaceName.Normalize(s.Name + "|" + s.Address).Contains("人民广场", StringComparison.Ordinal)).Select(s => s.Id).ToList();
        Assert.True(containing.Count > 3);
        Assert.All(containing, id => Assert.Contains(id, ids));
    }

    [RealDataFact]
    public async Task A_city_ranks_its_sites_first_and_a_district_is_found_without_its_city()
    {
        var sites = await ImportAllAsync();
        var (_, dalian) = await host.GetAsync($"sites?q={Q("人民广场")}&city={Q("大连")}&limit=3");
        Assert.All(dalian.GetProperty("items").EnumerateArray(), i => Assert.Equal("大连市", i.GetProperty("city").GetString()));

        var xihu = await AllPagesAsync($"district={Q("西湖区")}", limit: 100);
        var expected = sites.Where(s => s.District.Trim() == "杭州市西湖区").Select(s => s.Id).Distinct().ToList();
        Assert.True(expected.Count > 200);
        Assert.Equal(expected.Order(StringComparer.Ordinal), xihu.Select(i => i.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        Assert.All(xihu, i => Assert.Equal(("杭州市西湖区", "杭州市"), (i.GetProperty("district").GetString(), i.GetProperty("city").GetString())));

        // In service first: once a site is not open, no open one follows.
        var states = xihu.Select(i => i.GetProperty("state").GetString()).ToList();
        Assert.DoesNotContain("open", states.SkipWhile(s => s == "open"));

        var (_, pudong) = await host.GetAsync($"sites?district={Q("浦东")}&limit=5");
        Assert.All(pudong.GetProperty("items").EnumerateArray(), i => Assert.Equal(("浦东新区", "上海市"), (i.GetProperty("district").GetString(), i.GetProperty("city").GetString())));
        Assert.Equal(5, pudong.GetProperty("items").GetArrayLength());
    }

    [RealDataFact]
    public async Task A_cursor_of_an_earlier_catalogue_is_refused_naming_the_cursor()
    {
        await ImportAllAsync();
        var (_, first) = await host.GetAsync($"sites?q={Q("采样点")}&limit=1");
        var cursor = first.GetProperty("cursor").GetString();
        Assert.NotNull(cursor);

        var (response, body) = await host.ImportCsvAsync(ShanghaiCsv.Replace("人民广场北采样点", "人民广场北临时采样点", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, body.GetProperty("summary").GetProperty("updated").GetInt32());

        var (stale, problem) = await host.GetAsync($"sites?q={Q("采样点")}&limit=1&cursor={cursor}");
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.Contains("search again", problem.GetProperty("errors").GetProperty("cursor")[0].GetString(), StringComparison.Ordinal);

        var (half, halfProblem) = await host.GetAsync($"sites?q={Q("采样点")}&lat=31.2");
        Assert.Equal(HttpStatusCode.BadRequest, half.StatusCode);
        Assert.True(halfProblem.GetProperty("errors").TryGetProperty("lng", out _));
    }
}
