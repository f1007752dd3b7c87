using System.Net;
using System.Text.Json;
using SiteFinder.Domain.Sites;
using SiteFinder.Functions.Http;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Http;

/// <summary>
/// Paging a search across two instances of the app: the first page from an instance that has the newest
/// catalogue, the next from one whose refresh has not come round yet, as a load balancer may send them.
/// </summary>
public sealed class SearchCursorAcrossInstancesTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private const string Csv = "source_id,name,address,district,lng,lat,coord_system,hours\n" +
        "page:1,分页甲采样点,黄浦区分页路1号,黄浦区,121.4745,31.2320,WGS-84,24小时\n" +
        "page:2,分页乙采样点,黄浦区分页路2号,黄浦区,121.4790,31.2330,WGS-84,24小时\n" +
        "page:3,分页丙采样点,黄浦区分页路3号,黄浦区,121.4720,31.2350,WGS-84,24小时\n";

    private static string NameOf(JsonElement site) => site.GetProperty("name").GetString()!;

    [Fact]
    public async Task A_cursor_from_a_newer_catalogue_makes_a_lagging_instance_catch_up_and_answer_the_next_page()
    {
        Assert.Equal(HttpStatusCode.OK, (await host.ImportCsvAsync(Csv)).Response.StatusCode);
        var renamed = SiteIds.FromSourceId("page:3");
        var lagging = host.SecondInstanceOf(new Dictionary<string, string?> { ["CATALOGUE_REFRESH_SECONDS"] = "3600" });
        await lagging.InitializeAsync();
        try
        {
            Assert.Equal("分页丙采样点", NameOf((await lagging.GetAsync($"sites/{renamed}")).Body));
            Assert.Equal(HttpStatusCode.OK, (await host.ImportCsvAsync(Csv.Replace("分页丙采样点", "分页丙临时采样点", StringComparison.Ordinal))).Response.StatusCode);
            Assert.Equal("分页丙采样点", NameOf((await lagging.GetAsync($"sites/{renamed}")).Body));

            var (_, first) = await host.GetAsync("sites?q=%E5%88%86%E9%A1%B5&limit=1");
            var cursor = first.GetProperty("cursor").GetString();
            var (_, expected) = await host.GetAsync($"sites?q=%E5%88%86%E9%A1%B5&limit=1&cursor={cursor}");

            var (response, next) = await lagging.GetAsync($"sites?q=%E5%88%86%E9%A1%B5&limit=1&cursor={cursor}");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(expected.GetProperty("items")[0].GetProperty("id").GetString(), next.GetProperty("items")[0].GetProperty("id").GetString());
            Assert.Equal("分页丙临时采样点", NameOf((await lagging.GetAsync($"sites/{renamed}")).Body));
        }
        finally
        {
            await lagging.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_cursor_newer_than_any_published_catalogue_is_refused_as_not_ours()
    {
        Assert.Equal(HttpStatusCode.OK, (await host.ImportCsvAsync(Csv)).Response.StatusCode);

        var (response, problem) = await host.GetAsync($"sites?q=%E5%88%86%E9%A1%B5&limit=1&cursor={SearchCursor.Encode(long.MaxValue, 1)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("not a cursor this API returned", problem.GetProperty("errors").GetProperty("cursor")[0].GetString());
    }
}
