using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SiteFinder.Functions.Tests.Planning;
using Xunit.Abstractions;

namespace SiteFinder.Functions.Tests.Pages;

/// <summary>
/// The resident page (functions/pages/resident) in headless chromium against the local host on Azurite: nearby
/// from the browser's location and from an address, the filters, a site's detail with its navigation links,
/// a correction seen in the operators' queue; no console errors, nothing asked of another host, 360 px wide
/// without a horizontal scroll. Screenshots are kept under the test output folder (page-artifacts/).
/// </summary>
public sealed partial class ResidentPageTests(ResidentPageFixture host, ITestOutputHelper output) : IClassFixture<ResidentPageFixture>
{
    public static string ArtifactsFolder => Path.Combine(AppContext.BaseDirectory, "page-artifacts");

    private static readonly string Here = string.Create(CultureInfo.InvariantCulture, $"lat={ResidentPageFixture.Lat:F6}&lng={ResidentPageFixture.Lng:F6}");

    private string PageUrl => new Uri(host.Client.BaseAddress!, "app/resident/").ToString();

    [Fact]
    public async Task Every_file_the_page_loads_is_served_from_the_app_with_its_type()
    {
        var pending = new Queue<string>(["app/resident/"]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryDequeue(out var path))
        {
            if (!seen.Add(path))
                continue;
            using var response = await host.Client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
            var text = await response.Content.ReadAsStringAsync();
            var type = response.Content.Headers.ContentType!.MediaType;
            Assert.Equal(Path.GetExtension(path.TrimEnd('/')) switch { ".js" => "text/javascript", ".css" => "text/css", ".svg" => "image/svg+xml", _ => "text/html" }, type);

            // What the file refers to: src/href in the page, static imports in the modules.
            var references = type == "text/html" ? HtmlReference().Matches(text) : type == "text/javascript" ? ImportReference().Matches(text) : null;
            foreach (var reference in references?.Select(m => m.Groups["url"].Value) ?? [])
            {
                Assert.False(reference.Contains("//", StringComparison.Ordinal), $"{path} refers to {reference}, outside this app");
                var folder = path.EndsWith('/') ? path : path[..(path.LastIndexOf('/') + 1)];
                pending.Enqueue(new Uri(new Uri("http://app/" + folder), reference).AbsolutePath.TrimStart('/'));
            }
        }

        Assert.Contains("app/shared/api.js", seen);
        Assert.Contains("app/shared/map.js", seen);
        Assert.Contains("app/shared/base.css", seen);
    }

    [ChromiumFact]
    public async Task A_resident_on_a_phone_finds_the_nearest_sites_filters_them_opens_one_and_reports_a_problem()
    {
        await using var session = await ResidentBrowserSession.StartAsync(new()
        {
            ViewportSize = new() { Width = 360, Height = 780 },
            Geolocation = new() { Latitude = (float)ResidentPageFixture.Lat, Longitude = (float)ResidentPageFixture.Lng },
            Permissions = ["geolocation"],
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            IsMobile = true,
            HasTouch = true,
        });
        var page = session.Page;
        await page.GotoAsync(PageUrl);
        await ChangeAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "使用我的位置" }).ClickAsync());

        var query = Here + "&coord=wgs84&limit=20";
        Assert.Equal(await ApiIdsAsync(query), await PageIdsAsync(page));
        var first = await PageIdsAsync(page);
        Assert.Contains(ResidentPageFixture.Busy, first);
        Assert.DoesNotContain(ResidentPageFixture.SupplyChain, first);

        // The staff report shows with its level, its age in words and who reported it.
        var idle = page.Locator($"#sites > li[data-id='{ResidentPageFixture.Idle}']");
        Assert.Contains("level-idle", await idle.GetAttributeAsync("class") ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal("空闲", await idle.Locator(".badge").InnerTextAsync());
        Assert.Matches("^(刚刚|\\d+ 分钟前) 工作人员上报$", await idle.Locator(".status-text").InnerTextAsync());
        var unknown = page.Locator($"#sites > li[data-id='{ResidentPageFixture.UnknownHours}']");
        Assert.Contains("暂无排队信息", await unknown.Locator(".status").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("未能识别", await unknown.Locator(".hours").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.EvaluateAsync<int>("document.scrollingElement.scrollWidth") <= 360);
        await ShotAsync(page, "resident-360x780-list.png");

        // Each filter: the list is the API's answer to the same question.
        await ChangeAsync(page, () => page.GetByLabel("我的身份", new() { Exact = true }).SelectOptionAsync("supply-chain"));
        query += "&audience=supply-chain";
        Assert.Equal(await ApiIdsAsync(query), await PageIdsAsync(page));
        Assert.Contains(ResidentPageFixture.SupplyChain, await PageIdsAsync(page));
        Assert.Contains("仅限", await page.Locator($"#sites > li[data-id='{ResidentPageFixture.SupplyChain}'] .audience").InnerTextAsync(), StringComparison.Ordinal);

        await ChangeAsync(page, () => page.GetByLabel("不拥挤").CheckAsync());
        query += "&notBusy=true";
        Assert.Equal(await ApiIdsAsync(query), await PageIdsAsync(page));
        Assert.DoesNotContain(ResidentPageFixture.Busy, await PageIdsAsync(page));

        await ChangeAsync(page, () => page.GetByLabel("现在开放").CheckAsync());
        query += "&open=now";
        Assert.Equal(await ApiIdsAsync(query), await PageIdsAsync(page));
        Assert.DoesNotContain(ResidentPageFixture.UnknownHours, await PageIdsAsync(page));

        await ChangeAsync(page, () => page.GetByLabel("排序", new() { Exact = true }).SelectOptionAsync("time"));
        query += "&sort=time";
        Assert.Equal(await ApiIdsAsync(query), await PageIdsAsync(page));
        Assert.Contains("合计约", await page.Locator("#sites > li .distance").First.InnerTextAsync(), StringComparison.Ordinal);

        await ChangeAsync(page, () => page.GetByLabel("类型", new() { Exact = true }).SelectOptionAsync("fixed"));
        query += "&type=fixed";
        Assert.Equal(await ApiIdsAsync(query), await PageIdsAsync(page));
        Assert.Equal([ResidentPageFixture.Idle], await PageIdsAsync(page));

        // The detail: navigation links carry the point in each app's own system, as the API gives it.
        await idle.GetByRole(AriaRole.Button).ClickAsync();
        await page.WaitForSelectorAsync("#detail[data-ready='true']");
        var (_, gcj) = await host.GetAsync($"sites/{ResidentPageFixture.Idle}?coord=gcj02");
        var (_, bd) = await host.GetAsync($"sites/{ResidentPageFixture.Idle}?coord=bd09");
        var (g, b) = (Point(gcj), Point(bd));
        Assert.NotEqual(g, b);
        Assert.NotEqual(g, string.Create(CultureInfo.InvariantCulture, $"{ResidentPageFixture.Lat},{ResidentPageFixture.Lng}"));
        async Task<string> HrefAsync(string app) => await page.Locator($"#nav-links a[data-app='{app}']").GetAttributeAsync("href") ?? string.Empty;
        var (gLat, gLng) = (g.Split(',')[0], g.Split(',')[1]);
        Assert.Contains($"dlat={gLat}&dlon={gLng}", await HrefAsync("amap"), StringComparison.Ordinal);
        Assert.StartsWith("amapuri://", await HrefAsync("amap"), StringComparison.Ordinal);
        Assert.Contains($"to={gLng},{gLat},", await HrefAsync("amap-web"), StringComparison.Ordinal);
        Assert.Contains($"tocoord={g}", await HrefAsync("qqmap"), StringComparison.Ordinal);
        Assert.StartsWith("qqmap://", await HrefAsync("qqmap"), StringComparison.Ordinal);
        Assert.Contains($"latlng:{b}", await HrefAsync("baidu"), StringComparison.Ordinal);
        Assert.Contains("coord_type=bd09ll", await HrefAsync("baidu"), StringComparison.Ordinal);
        await ShotAsync(page, "resident-360x780-detail.png");

        // A correction, then seen in the operators' queue as sent.
        await page.GetByLabel("问题类型").SelectOptionAsync("wrong-hours");
        await page.GetByLabel("补充说明").FillAsync("周末只开上午");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        await page.WaitForSelectorAsync("#correction-result[data-id]");
        var correctionId = await page.Locator("#correction-result").GetAttributeAsync("data-id");
        Assert.Contains(correctionId!, await page.Locator("#correction-result").InnerTextAsync(), StringComparison.Ordinal);
        var (queued, queue) = await host.AdminAsync(HttpMethod.Get, $"manage/corrections?siteId={ResidentPageFixture.Idle}&kind=wrong-hours");
        Assert.Equal(HttpStatusCode.OK, queued.StatusCode);
        var stored = Assert.Single(queue.GetProperty("items").EnumerateArray().SelectMany(group => group.GetProperty("items").EnumerateArray()));
        Assert.Equal(correctionId, stored.GetProperty("id").GetString());
        Assert.Equal("周末只开上午", stored.GetProperty("text").GetString());

        Assert.True(await page.EvaluateAsync<int>("document.scrollingElement.scrollWidth") <= 360);
        session.AssertClean(host.Client.BaseAddress!);
    }

    [ChromiumFact]
    public async Task A_resident_at_a_desk_types_an_address_sees_the_sites_on_the_drawn_map_and_picks_another_point_on_it()
    {
        await using var session = await ResidentBrowserSession.StartAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 }, Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        var page = session.Page;
        await page.GotoAsync(PageUrl);
        await page.GetByLabel("或输入地址、小区名").FillAsync("人民广场固定采样点");
        await ChangeAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "查找", Exact = true }).ClickAsync());

        var (_, byAddress) = await host.GetAsync("sites/nearby?address=" + Uri.EscapeDataString("人民广场固定采样点") + "&coord=wgs84&limit=20");
        Assert.Equal(Ids(byAddress), await PageIdsAsync(page));
        Assert.Contains(byAddress.GetProperty("near").GetProperty("label").GetString()!, await page.Locator("#summary").InnerTextAsync(), StringComparison.Ordinal);

        // The map draws every listed site, numbered as in the list and coloured by level, and the resident's point.
        Assert.Equal(await PageIdsAsync(page), await page.EvaluateAsync<string[]>("[...document.querySelectorAll('#map-sites .map-site')].map(g => g.dataset.id)"));
        Assert.Equal(1, await page.Locator("#map-me").CountAsync());
        // The district outline uploaded for planning, drawn with a size on screen.
        await page.WaitForSelectorAsync("#map-outlines path.map-outline", new() { State = WaitForSelectorState.Attached });
        Assert.True(await page.EvaluateAsync<double>("document.querySelector('#map-outlines path').getBBox().width") > 50);
        Assert.Equal(1, await page.Locator($"#map-sites .map-site.level-idle[data-id='{ResidentPageFixture.Idle}']").CountAsync());
        Assert.Contains("个采样点", await page.Locator("#map").GetAttributeAsync("aria-label") ?? string.Empty, StringComparison.Ordinal);
        await ShotAsync(page, "resident-1280x800.png");

        // A point picked on the map: the list is asked again for it, and the map centres on it.
        var box = (await page.Locator("#map").BoundingBoxAsync())!;
        await ChangeAsync(page, () => page.Mouse.ClickAsync(box.X + (box.Width * 0.1f), box.Y + (box.Height * 0.1f)));
        Assert.Contains("地图选点", await page.Locator("#summary").InnerTextAsync(), StringComparison.Ordinal);
        var picked = await page.EvaluateAsync<double[]>("location.hash.slice(4).split(',').map(Number)");
        var query = string.Create(CultureInfo.InvariantCulture, $"lat={picked[0]:F5}&lng={picked[1]:F5}&coord=wgs84&limit=20");
        Assert.Equal(await ApiIdsAsync(query), await PageIdsAsync(page));

        session.AssertClean(host.Client.BaseAddress!);
    }

    [ChromiumFact]
    public async Task A_hostile_name_and_address_show_as_text_and_travel_whole_in_the_links_and_closed_and_suspended_sites_say_so()
    {
        await using var session = await ResidentBrowserSession.StartAsync(new()
        {
            ViewportSize = new() { Width = 1280, Height = 800 },
            Geolocation = new() { Latitude = (float)ResidentPageFixture.Lat, Longitude = (float)ResidentPageFixture.Lng },
            Permissions = ["geolocation"],
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });
        var page = session.Page;
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };
        await page.GotoAsync(PageUrl);
        await ChangeAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "使用我的位置" }).ClickAsync());

        // The list: the name and the address as the text they are, no element made of them.
        var hostile = page.Locator($"#sites > li[data-id='{ResidentPageFixture.Hostile}']");
        Assert.Equal(ResidentPageFixture.HostileName, await hostile.Locator("h3 button").InnerTextAsync());
        Assert.Contains(ResidentPageFixture.HostileAddress, await hostile.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("img").CountAsync());
        Assert.Equal(0, await page.Locator("#sites b, #sites script, #map script").CountAsync());

        // Closed and (indefinitely) suspended sites are not offered to a resident: neither listed nor drawn, though
        // the API knows them, with their state and the operator's reason.
        foreach (var (id, state, reason) in new[] { (ResidentPageFixture.Closed, "closed", ResidentPageFixture.ClosedReason), (ResidentPageFixture.Suspended, "suspended", ResidentPageFixture.SuspendedReason) })
        {
            var (response, known) = await host.GetAsync($"sites/{id}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(state, known.GetProperty("state").GetString());
            Assert.Equal("closed", known.GetProperty("status").GetProperty("level").GetString());
            Assert.Equal(reason, known.GetProperty("stateReason").GetString());
            Assert.DoesNotContain(id, await PageIdsAsync(page));
            Assert.Equal(0, await page.Locator($"#map-sites .map-site[data-id='{id}']").CountAsync());
        }

        Assert.DoesNotContain(ResidentPageFixture.ClosedReason, await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        // The detail: the name as its title, the address as text, the name whole in every navigation link.
        await hostile.Locator("h3 button").ClickAsync();
        await page.WaitForSelectorAsync("#detail[data-ready='true']");
        Assert.Equal(ResidentPageFixture.HostileName, await page.Locator("#detail-title").InnerTextAsync());
        Assert.Contains(ResidentPageFixture.HostileAddress, await page.Locator("#detail-body").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("img").CountAsync());
        Assert.Equal(0, await page.Locator("#detail b, #detail script").CountAsync());
        async Task<string> ParameterAsync(string app, string key)
        {
            var href = await page.Locator($"#nav-links a[data-app='{app}']").GetAttributeAsync("href") ?? string.Empty;
            Assert.DoesNotContain("#", href, StringComparison.Ordinal);
            var values = href[(href.IndexOf('?', StringComparison.Ordinal) + 1)..].Split('&')
                .Select(pair => pair.Split('=', 2))
                .Where(pair => pair[0] == key)
                .Select(pair => Uri.UnescapeDataString(pair[1]))
                .ToList();
            return Assert.Single(values);
        }

        var name = ResidentPageFixture.HostileName;
        Assert.Equal(name, await ParameterAsync("amap", "dname"));
        var amapWeb = await ParameterAsync("amap-web", "to");
        Assert.Equal(name, amapWeb[(amapWeb.IndexOf(',', amapWeb.IndexOf(',', StringComparison.Ordinal) + 1) + 1)..]);
        Assert.Equal(name, await ParameterAsync("qqmap", "to"));
        var destination = await ParameterAsync("baidu", "destination");
        Assert.StartsWith("latlng:", destination, StringComparison.Ordinal);
        Assert.Equal(name, destination[(destination.IndexOf("|name:", StringComparison.Ordinal) + "|name:".Length)..]);

        Assert.Empty(dialogs);
        session.AssertClean(host.Client.BaseAddress!);
    }

    [ChromiumFact]
    public async Task A_keyboard_reaches_a_site_on_the_map_and_opens_it_and_each_site_name_is_a_44_px_target()
    {
        await using var session = await ResidentBrowserSession.StartAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 }, Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        var page = session.Page;
        await page.GotoAsync(PageUrl);
        await page.GetByLabel("或输入地址、小区名").FillAsync("人民广场固定采样点");
        await ChangeAsync(page, () => page.GetByLabel("或输入地址、小区名").PressAsync("Enter"));
        Assert.NotEmpty(await PageIdsAsync(page));

        // Tab on from the address box until a dot on the map has the focus.
        string? focused = null;
        for (var presses = 0; presses < 200 && focused is null; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            focused = await page.EvaluateAsync<string?>("document.activeElement.matches('#map-sites .map-site') ? document.activeElement.dataset.id : null");
        }

        Assert.NotNull(focused);
        var dot = page.Locator($"#map-sites .map-site[data-id='{focused}']");
        Assert.Equal("button", await dot.GetAttributeAsync("role"));
        Assert.Contains(await page.Locator($"#sites > li[data-id='{focused}'] h3 button").InnerTextAsync(), await dot.GetAttributeAsync("aria-label") ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains(await page.Locator($"#sites > li[data-id='{focused}'] .badge").InnerTextAsync(), await dot.GetAttributeAsync("aria-label") ?? string.Empty, StringComparison.Ordinal);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("id => document.querySelector('#detail').open && document.querySelector('#detail').dataset.id === id && document.querySelector('#detail').dataset.ready === 'true'", focused);
        Assert.Contains("输入地址", await page.Locator(".hint").First.InnerTextAsync(), StringComparison.Ordinal);
        await page.Keyboard.PressAsync("Escape");

        // Each site's name opens it: a touch target at least 44 px high.
        var names = page.Locator("#sites > li h3 button");
        Assert.True(await names.CountAsync() > 0);
        foreach (var name in await names.AllAsync())
            Assert.True((await name.BoundingBoxAsync())!.Height >= 44, $"{await name.InnerTextAsync()}: {(await name.BoundingBoxAsync())!.Height} px high");

        session.AssertClean(host.Client.BaseAddress!);
    }

    [ChromiumFact]
    public async Task An_address_no_source_knows_is_said_in_chinese_from_the_problem_s_code()
    {
        await using var session = await ResidentBrowserSession.StartAsync(new() { ViewportSize = new() { Width = 360, Height = 780 }, Locale = "zh-CN" });
        var page = session.Page;
        await page.GotoAsync(PageUrl);
        await page.GetByLabel("或输入地址、小区名").FillAsync("火星第一基地");
        var answer = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "查找", Exact = true }).ClickAsync(),
            response => response.Url.Contains("sites/nearby", StringComparison.Ordinal));

        Assert.Equal(404, answer.Status);
        Assert.Equal("place-not-found", (await answer.JsonAsync())!.Value.GetProperty("code").GetString());
        await page.WaitForSelectorAsync("#summary.error");
        Assert.Contains("没有找到这个地址", await page.Locator("#summary").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(await PageIdsAsync(page));
        session.AssertClean(host.Client.BaseAddress!, expectedStatus: 404);
    }

    /// <summary>Acts, then waits until the page has drawn a new list (each answer drawn bumps #sites' data-version).</summary>
    private static async Task ChangeAsync(IPage page, Func<Task> act)
    {
        var before = await page.EvaluateAsync<int>("Number(document.querySelector('#sites').dataset.version || 0)");
        await act();
        await page.WaitForFunctionAsync("v => Number(document.querySelector('#sites').dataset.version || 0) > v", before);
    }

    private static Task<string[]> PageIdsAsync(IPage page) => page.EvaluateAsync<string[]>("[...document.querySelectorAll('#sites > li')].map(li => li.dataset.id)");

    private async Task<string[]> ApiIdsAsync(string query)
    {
        var (response, body) = await host.GetAsync("sites/nearby?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Ids(body);
    }

    private static string[] Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];

    /// <summary>"lat,lng" as the JSON wrote them, which is how the page's links print them.</summary>
    private static string Point(JsonElement site)
    {
        var location = site.GetProperty("location");
        return location.GetProperty("lat").GetRawText() + "," + location.GetProperty("lng").GetRawText();
    }

    private async Task ShotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ArtifactsFolder);
        var path = Path.Combine(ArtifactsFolder, name);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true, Timeout = 60_000 });
        Assert.True(new FileInfo(path).Length > 5_000);
        output.WriteLine($"screenshot kept at {path}");
    }

    [GeneratedRegex("""(?:src|href)="(?<url>[^"#]+)""")]
    private static partial Regex HtmlReference();

    [GeneratedRegex("""^import .* from '(?<url>[^']+)';""", RegexOptions.Multiline)]
    private static partial Regex ImportReference();
}
