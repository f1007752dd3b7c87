using System.Net;
using System.Text;
using Microsoft.Playwright;
using SiteFinder.Domain.Sites;
using SiteFinder.Functions.Tests.Infrastructure;
using SiteFinder.Functions.Tests.Planning;
using Xunit.Abstractions;

namespace SiteFinder.Functions.Tests.Pages;

/// <summary>
/// The operator console in headless chromium against the local host: sign in, the board, an import tried and
/// applied, an edit that meets another operator's edit (412, then the fresh version), hours parsed as typed,
/// a staff token shown once as a QR code that opens the staff report page, rotated and revoked, the coverage tab; no console
/// error, no request off the app's origin, the keys in sessionStorage only. Screenshots go to page-artifacts/.
/// </summary>
public sealed class ConsolePageTests(LocalHostFixture host, ITestOutputHelper output) : IClassFixture<LocalHostFixture>, IAsyncLifetime
{
    private const string Header = "source_id,name,address,district,lng,lat,coord_system,hours,type,notes,phone\n";
    private const string Row2 = "cs:2,外滩控制台采样点,黄浦区中山东一路1号,黄浦区,121.4900,31.2400,WGS-84,24小时,便民,,\n";

    /// <summary>cs:4 is open day and night and never reported, so the board lists it as stale with its phone at any hour.</summary>
    private const string StalePhone = "021-11112222";

    private const string SitesCsv = Header +
        "cs:1,人民广场控制台采样点,黄浦区人民大道1号,黄浦区,121.4737,31.2304,WGS-84,每天 8:00-17:00,固定,,\n" + Row2 +
        "cs:4,老西门控制台采样点,黄浦区中华路1号,黄浦区,121.4850,31.2250,WGS-84,24小时,便民,," + StalePhone + "\n";

    /// <summary>What the operator uploads: cs:2 as stored, a new cs:3, and cs:1 left out (so missing).</summary>
    private const string UploadCsv = Header + Row2 + "cs:3,新天地控制台采样点,黄浦区马当路1号,黄浦区,121.4750,31.2200,WGS-84,周一至周五 9:00-16:00,便民,,\n";

    private string _siteId = null!;

    private Uri ConsoleUrl => new(host.Client.BaseAddress!, "app/console/");

    public async Task InitializeAsync()
    {
        // Each test of the class runs this on the class's one host: the second import finds the sites stored.
        Assert.Equal(HttpStatusCode.OK, (await host.ImportCsvAsync(SitesCsv)).Response.StatusCode);
        _siteId = SiteIds.FromSourceId("cs:1");

        // The board reads the served catalogue, which each instance reloads after a publish: wait for the import in it.
        for (var tries = 0; ; tries++)
        {
            var (response, _) = await host.GetAsync($"sites/{_siteId}");
            if (response.StatusCode == HttpStatusCode.OK)
                break;
            Assert.True(tries < 120, $"site {_siteId} not served 60 s after its import");
            await Task.Delay(500);
        }
        Assert.Equal(HttpStatusCode.OK, (await host.UploadAsync("manage/planning/places", PlanningApiTests.PlacesCsv, "text/csv")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.UploadAsync("manage/planning/districts", PlanningApiTests.DistrictsGeoJson, "application/geo+json")).Response.StatusCode);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [ChromiumFact]
    public async Task An_operator_signs_in_imports_edits_through_a_conflict_and_issues_a_token()
    {
        await using var browser = await ConsoleBrowser.LaunchAsync(host.Client.BaseAddress!);
        var page = browser.Page;

        // Sign in; the board fills from the API.
        await page.GotoAsync(ConsoleUrl.ToString());
        await page.FillAsync("#key", LocalHostFixture.AdminKey);
        await page.FillAsync("#function-key", LocalHostFixture.FunctionKey);
        await page.ClickAsync("#sign-in-button");
        await page.WaitForSelectorAsync("#board[data-loaded='true']", new() { State = WaitForSelectorState.Attached });
        var (_, districts) = await host.GetAsync("districts");
        var huangpu = districts.GetProperty("items").EnumerateArray().Single(d => d.GetProperty("district").GetString() == "黄浦区");
        var row = await page.TextContentAsync("#district-counts tbody tr:has(td:first-child:text-is('黄浦区'))");
        Assert.StartsWith("黄浦区" + huangpu.GetProperty("sites").GetInt32(), row, StringComparison.Ordinal);
        var (_, stale) = await host.AdminAsync(HttpMethod.Get, "manage/stale");
        Assert.Equal(stale.GetProperty("items").GetArrayLength(), await page.Locator("#stale li button.link").CountAsync());
        Assert.Equal(1, await page.Locator($"#stale a[href='tel:{StalePhone}']").CountAsync());
        output.WriteLine("board: " + await browser.ScreenshotAsync("console-board-1280x800.png"));

        // Import: the dry run's report is the API's, nothing is written until it is applied.
        var (dryRun, expected) = await host.ImportAsync(Encoding.UTF8.GetBytes(UploadCsv), "text/csv", query: "?dryRun=true");
        Assert.Equal(HttpStatusCode.OK, dryRun.StatusCode);
        var addedId = expected.GetProperty("changes").GetProperty("added")[0].GetProperty("id").GetString()!;
        await page.ClickAsync("#tabs button[data-tab=import]");
        await page.SetInputFilesAsync("#import-file", new FilePayload { Name = "黄浦区.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(UploadCsv) });
        await page.ClickAsync("#import-dry-run");
        await page.WaitForSelectorAsync("#import-report[data-dry-run='true']");
        Assert.True(await page.IsEnabledAsync("#import-apply"));

        // A choice changed after the dry run is not what the report showed: apply waits for a dry run of it.
        await page.CheckAsync("#import-close-missing");
        Assert.True(await page.IsDisabledAsync("#import-apply"));
        await page.UncheckAsync("#import-close-missing");
        Assert.True(await page.IsDisabledAsync("#import-apply"));
        await page.ClickAsync("#import-dry-run");
        await page.WaitForSelectorAsync("#import-apply:not([disabled])");
        Assert.Equal("false", await page.GetAttributeAsync("#import-report", "data-close-missing"));
        foreach (var field in new[] { "received", "added", "updated", "unchanged", "missing" })
            Assert.Equal(expected.GetProperty("summary").GetProperty(field).GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), await page.TextContentAsync($"#import-summary dd[data-field={field}]"));
        Assert.Equal(HttpStatusCode.NotFound, (await host.AdminAsync(HttpMethod.Get, $"manage/sites/{addedId}")).Response.StatusCode);
        await page.ClickAsync("#import-apply");
        await page.WaitForSelectorAsync("#import-report[data-dry-run='false']");
        Assert.Equal(HttpStatusCode.OK, (await host.AdminAsync(HttpMethod.Get, $"manage/sites/{addedId}")).Response.StatusCode);
        var (_, missingSite) = await host.AdminAsync(HttpMethod.Get, $"manage/sites/{SiteIds.FromSourceId("cs:4")}");
        Assert.Equal("open", missingSite.GetProperty("state").GetString());
        await page.SetViewportSizeAsync(360, 780);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 360"), "the import tab scrolls sideways at 360 px");
        await page.SetViewportSizeAsync(1280, 800);
        output.WriteLine("import: " + await browser.ScreenshotAsync("console-import-1280x800.png"));

        // Open the site, then another operator saves it before this one does.
        await page.ClickAsync("#tabs button[data-tab=site]");
        await page.FillAsync("#site-q", _siteId);
        await page.ClickAsync("#site-search button[type=submit]");
        await page.WaitForSelectorAsync($"#edit-form[data-site-id='{_siteId}']", new() { State = WaitForSelectorState.Attached });
        var loaded = await page.GetAttributeAsync("#edit-form", "data-version");
        var (read, _) = await host.AdminAsync(HttpMethod.Get, $"manage/sites/{_siteId}");
        Assert.Equal(read.Headers.ETag!.Tag, loaded);
        var (theirs, _) = await host.SendAsync(HttpMethod.Patch, $"manage/sites/{_siteId}", new { phone = "021-99998888", reason = "另一位操作员" },
            new Dictionary<string, string> { ["x-admin-key"] = LocalHostFixture.AdminKey, ["x-functions-key"] = LocalHostFixture.FunctionKey, ["If-Match"] = loaded! });
        Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);
        var fresh = theirs.Headers.ETag!.Tag;

        await page.FillAsync("#f-name", "人民广场控制台采样点（东门）");
        await page.ClickAsync("#edit-save");
        await page.WaitForSelectorAsync("#edit-conflict");
        var conflict = await page.TextContentAsync("#edit-conflict");
        Assert.Contains("412", conflict, StringComparison.Ordinal);
        Assert.Equal("edit-conflict", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        Assert.Contains("021-99998888", conflict, StringComparison.Ordinal);
        Assert.Equal(fresh, await page.GetAttributeAsync("#edit-form", "data-version"));
        Assert.Equal("021-99998888", await page.InputValueAsync("#f-phone"));
        Assert.Equal("人民广场控制台采样点", await page.InputValueAsync("#f-name"));
        output.WriteLine("conflict: " + await browser.ScreenshotAsync("console-conflict-1280x800.png"));

        // The operator puts their change on the fresh version and saves: both edits stand.
        await page.ClickAsync("#edit-conflict button");
        await page.ClickAsync("#edit-save");
        await page.WaitForFunctionAsync("() => document.querySelector('#edit-result').textContent.startsWith('已保存')");
        var (_, saved) = await host.AdminAsync(HttpMethod.Get, $"manage/sites/{_siteId}");
        Assert.Equal("人民广场控制台采样点（东门）", saved.GetProperty("name").GetString());
        Assert.Equal("021-99998888", saved.GetProperty("phone").GetString());
        Assert.Equal(saved.GetProperty("version").GetString(), await page.GetAttributeAsync("#edit-form", "data-version"));
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#audit > li').length >= 3");
        var (_, trail) = await host.AdminAsync(HttpMethod.Get, $"manage/sites/{_siteId}/audit?limit=10");
        Assert.Equal(trail.GetProperty("items").GetArrayLength(), await page.Locator("#audit > li").CountAsync());

        // Hours are read as they are typed, by the API's parser.
        await page.FillAsync("#f-hours", "周一至周五 8:00-11:00");
        await page.WaitForSelectorAsync("#hours-parse[data-status=parsed]:has-text('周五 08:00-11:00')", new() { State = WaitForSelectorState.Attached });
        await page.FillAsync("#f-hours", "隔天开放");
        await page.WaitForSelectorAsync("#hours-parse[data-status=unparsed]", new() { State = WaitForSelectorState.Attached });

        // A staff token, shown once as a QR code that reads back to the link with a token that works.
        await page.ClickAsync("#token-issue");
        await page.WaitForSelectorAsync("#token-once svg");
        var token = (await page.TextContentAsync("#token-secret"))!;
        var link = (await page.TextContentAsync("#token-payload"))!;
        SuiteSecrets.Add(token);
        Assert.Equal(new Uri(host.Client.BaseAddress!, "app/staff/") + $"#site={_siteId}&token={Uri.EscapeDataString(token)}", link);
        var (text, _, _) = ConsoleQrReader.Read(await DrawnQrAsync(page, "#token-once svg"));
        Assert.Equal(link, text);
        var tokenId = await page.GetAttributeAsync("#token-once", "data-token-id");
        await page.WaitForSelectorAsync($"#token-list li[data-token-id='{tokenId}']");

        // A phone camera opens the QR code's link: the staff page, which takes the token out of the address and reports a tap.
        var phone = await browser.Context.NewPageAsync();
        var staffErrors = new List<string>();
        phone.Console += (_, message) => { if (message.Type is "error" or "warning" && !message.Location.Contains("favicon.ico", StringComparison.Ordinal)) staffErrors.Add(message.Text); };
        phone.PageError += (_, error) => staffErrors.Add(error);
        await phone.SetViewportSizeAsync(360, 780);
        var staffResponse = await phone.GotoAsync(text);
        Assert.Equal(200, staffResponse!.Status);
        Assert.DoesNotContain(token, phone.Url, StringComparison.Ordinal);
        await phone.ClickAsync("#levels button[data-level=busy]");
        await phone.WaitForSelectorAsync("body[data-state=sent]");
        Assert.StartsWith("已上报：较忙", await phone.TextContentAsync("#answer"), StringComparison.Ordinal);
        // Stored: the same report again (its clientReportId, the token) is the one the page sent, found as a duplicate.
        // (The site's public status would say so only while it is open, 8:00-17:00; this holds at any hour.)
        var reportId = await phone.GetAttributeAsync("body", "data-report-id");
        var clientReportId = await phone.GetAttributeAsync("body", "data-client-report-id");
        var (replayed, replay) = await host.SendAsync(HttpMethod.Post, $"sites/{_siteId}/status", new { level = "busy", clientReportId }, new Dictionary<string, string> { ["x-staff-token"] = token });
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.True(replay.GetProperty("duplicate").GetBoolean());
        Assert.Equal(reportId, replay.GetProperty("reportId").GetString());
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 360"), "the staff page scrolls sideways at 360 px");
        Assert.Empty(staffErrors);
        await phone.CloseAsync();

        // Rotating issues a new token and revokes the others; revoking the new one leaves none working.
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.ClickAsync("#token-rotate");
        await page.WaitForFunctionAsync("(id) => document.querySelector('#token-once')?.dataset.tokenId && document.querySelector('#token-once').dataset.tokenId !== id", tokenId);
        var rotatedId = await page.GetAttributeAsync("#token-once", "data-token-id");
        SuiteSecrets.Add((await page.TextContentAsync("#token-secret"))!);
        await page.WaitForSelectorAsync($"#token-list li[data-token-id='{tokenId}']:has-text('已于')");
        await page.ClickAsync($"#token-list li[data-token-id='{rotatedId}'] button:text-is('吊销')");
        await page.WaitForSelectorAsync($"#token-list li[data-token-id='{rotatedId}']:has-text('已于')");
        var (_, tokenList) = await host.AdminAsync(HttpMethod.Get, $"manage/sites/{_siteId}/tokens");
        Assert.All(tokenList.GetProperty("items").EnumerateArray(), t => Assert.True(t.TryGetProperty("revokedAt", out _), t.GetProperty("tokenId").GetString()));
        var (refused, _) = await host.SendAsync(HttpMethod.Post, $"sites/{_siteId}/status", new { level = "idle" }, new Dictionary<string, string> { ["x-staff-token"] = token });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        output.WriteLine("site: " + await browser.ScreenshotAsync("console-site-1280x800.png"));

        // The coverage tab: the figures of the planning answer, and the map as an image that loaded.
        await page.ClickAsync("#tabs button[data-tab=coverage]");
        await page.WaitForFunctionAsync("() => document.querySelector('#coverage-img')?.complete && document.querySelector('#coverage-img').naturalWidth > 0");
        var (_, coverage) = await host.AdminAsync(HttpMethod.Get, "planning/coverage");
        Assert.Contains(coverage.GetProperty("city").GetProperty("places").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), await page.TextContentAsync("#coverage-dl"), StringComparison.Ordinal);
        output.WriteLine("coverage: " + await browser.ScreenshotAsync("console-coverage-1280x800.png"));

        // A phone: the same console at 360 px, nothing wider than the screen.
        await page.SetViewportSizeAsync(360, 780);
        await page.ClickAsync("#tabs button[data-tab=site]");
        output.WriteLine("site, phone: " + await browser.ScreenshotAsync("console-site-360x780.png"));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 360"), "the site tab scrolls sideways at 360 px");
        await page.ClickAsync("#tabs button[data-tab=board]");
        await page.WaitForSelectorAsync("#board[data-loaded='true']", new() { State = WaitForSelectorState.Attached });
        output.WriteLine("board, phone: " + await browser.ScreenshotAsync("console-board-360x780.png"));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 360"), "the board scrolls sideways at 360 px");

        // The keys: in sessionStorage, nowhere else.
        Assert.Equal(LocalHostFixture.AdminKey, await page.EvaluateAsync<string>("() => sessionStorage.getItem('sitefinder.console.adminKey')"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length"));
        Assert.Empty(await browser.Context.CookiesAsync());
        Assert.DoesNotContain(browser.Requests, url => url.Contains(LocalHostFixture.AdminKey, StringComparison.Ordinal) || url.Contains(LocalHostFixture.FunctionKey, StringComparison.Ordinal) || url.Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(LocalHostFixture.AdminKey, page.Url, StringComparison.Ordinal);
        Assert.Empty(browser.ForeignRequests());
        Assert.Contains(browser.Requests, url => url.Contains("/api/manage/hours/parse?text=", StringComparison.Ordinal));

        // Signing out leaves nothing of the session: no token on the page, and the next city sign-in starts at 全市.
        await page.SelectOptionAsync("#district", "黄浦区");
        await page.ClickAsync("#sign-out");
        await page.WaitForSelectorAsync("#sign-in:not([hidden])");
        Assert.Equal(0, await page.Locator("#token-secret").CountAsync());
        Assert.Equal(0, await page.EvaluateAsync<int>("() => sessionStorage.length"));
        await page.SetViewportSizeAsync(360, 780);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 360"), "the sign-in scrolls sideways at 360 px");
        Assert.Equal("text", await page.GetAttributeAsync("#key", "type"));
        Assert.Equal(0, await page.Locator("form input#key").CountAsync());
        await page.FocusAsync("#key");
        await page.Keyboard.TypeAsync(LocalHostFixture.AdminKey);
        await page.FillAsync("#function-key", LocalHostFixture.FunctionKey);
        await page.PressAsync("#function-key", "Enter");
        await page.WaitForSelectorAsync("#board[data-loaded='true']", new() { State = WaitForSelectorState.Attached });
        Assert.Equal("", await page.InputValueAsync("#district"));
        Assert.StartsWith("全市", await page.TextContentAsync("#state-levels-note"), StringComparison.Ordinal);

        // Chromium logs every answer of 400 or more that a page fetched; the one 412 is the conflict under test.
        Assert.DoesNotContain(browser.Errors, e => !(e.Contains("412", StringComparison.Ordinal) && e.Contains($"/api/manage/sites/{_siteId}", StringComparison.Ordinal)));
    }

    [ChromiumFact]
    public async Task A_district_key_sees_its_district_accepts_a_correction_and_signing_out_forgets_the_key()
    {
        var (_, issued) = await host.AdminAsync(HttpMethod.Post, "manage/operators", new { name = "黄浦区-看板", district = "黄浦区" });
        var key = issued.GetProperty("key").GetString()!;
        SuiteSecrets.Add(key);
        await using var browser = await ConsoleBrowser.LaunchAsync(host.Client.BaseAddress!, 360, 780);
        var page = browser.Page;

        // A wrong key is refused and not kept.
        await page.GotoAsync(ConsoleUrl.ToString());
        await page.FillAsync("#key", "0123456789ab.wrong");
        await page.FillAsync("#function-key", LocalHostFixture.FunctionKey);
        await page.ClickAsync("#sign-in-button");
        await page.WaitForSelectorAsync("#message.error");
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('sitefinder.console.adminKey')"));

        // The form was cleared after the refusal: both keys again.
        await page.FillAsync("#key", key);
        await page.FillAsync("#function-key", LocalHostFixture.FunctionKey);
        await page.ClickAsync("#sign-in-button");
        await page.WaitForSelectorAsync("#board[data-loaded='true']", new() { State = WaitForSelectorState.Attached });

        Assert.True(await page.IsDisabledAsync("#district"));
        Assert.Equal("黄浦区", await page.InputValueAsync("#district"));
        Assert.Equal("黄浦区", await page.TextContentAsync("#district-counts tr.mine td:first-child"));
        Assert.Contains(browser.Requests, url => url.Contains("/api/manage/stale?district=%E9%BB%84%E6%B5%A6%E5%8C%BA", StringComparison.Ordinal));
        var (_, stale) = await host.SendAsync(HttpMethod.Get, "manage/stale", headers: new Dictionary<string, string> { ["x-admin-key"] = key, ["x-functions-key"] = LocalHostFixture.FunctionKey });
        Assert.Equal(stale.GetProperty("items").GetArrayLength(), await page.Locator("#stale li button.link").CountAsync());

        // A resident's correction reaches the queue; accepting it with the right hours edits the site.
        var corrected = SiteIds.FromSourceId("cs:2");
        var (sent, _) = await host.SendAsync(HttpMethod.Post, $"sites/{corrected}/corrections", new { kind = "wrong-hours", text = "周末不开" });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        await page.ClickAsync("#tabs button[data-tab=board]");
        await page.WaitForSelectorAsync($".corr:has-text('{corrected}')");
        var (drawn, drawnSite) = await host.AdminAsync(HttpMethod.Get, $"manage/sites/{corrected}");
        var corr = page.Locator($".corr:has-text('{corrected}')");
        Assert.Contains(drawnSite.GetProperty("name").GetString()!, await corr.TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(drawn.Headers.ETag!.Tag, await corr.Locator(".current-hours").GetAttributeAsync("data-etag"));
        Assert.Equal(drawnSite.GetProperty("hours").GetProperty("text").GetString(), await corr.Locator(".hours-now").TextContentAsync());

        // Another operator edits the hours after the group was drawn: accepting is refused (412) and shows their hours.
        var (theirs, _) = await host.SendAsync(HttpMethod.Patch, $"manage/sites/{corrected}", new { hours = "每天 7:00-19:00", reason = "另一位操作员" },
            new Dictionary<string, string> { ["x-admin-key"] = LocalHostFixture.AdminKey, ["x-functions-key"] = LocalHostFixture.FunctionKey, ["If-Match"] = drawn.Headers.ETag!.Tag });
        Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);
        await page.FillAsync(".corr input[aria-label='正确的开放时间']", "周一至周五 8:00-17:00");
        await page.FillAsync(".corr input[aria-label='处理说明']", "电话核实");
        await page.ClickAsync(".corr button:text-is('接受')");
        await page.WaitForSelectorAsync(".corr .current-hours[data-conflict='true']");
        Assert.Equal("每天 7:00-19:00", await corr.Locator(".hours-now").TextContentAsync());
        Assert.Equal(theirs.Headers.ETag!.Tag, await corr.Locator(".current-hours").GetAttributeAsync("data-etag"));
        var (_, unchanged) = await host.AdminAsync(HttpMethod.Get, $"manage/sites/{corrected}");
        Assert.Equal("每天 7:00-19:00", unchanged.GetProperty("hours").GetProperty("text").GetString());

        // Having seen their hours, the operator accepts again: it goes with the fresh version.
        await page.ClickAsync(".corr button:text-is('接受')");
        await page.WaitForFunctionAsync("() => document.querySelector('#message').textContent.startsWith('已接受')");
        var (_, site) = await host.AdminAsync(HttpMethod.Get, $"manage/sites/{corrected}");
        Assert.Equal("周一至周五 8:00-17:00", site.GetProperty("hours").GetProperty("text").GetString());
        var (_, queue) = await host.AdminAsync(HttpMethod.Get, $"manage/corrections?siteId={corrected}");
        Assert.Equal(0, queue.GetProperty("items").GetArrayLength());

        // Demo figures are labelled: a crowded site whose status is the demo feeder's says 演示.
        await page.RouteAsync("**/api/sites?*", async route =>
        {
            var response = await route.FetchAsync();
            var json = System.Text.Json.Nodes.JsonNode.Parse(await response.TextAsync())!;
            foreach (var item in json["items"]!.AsArray())
                item!["status"] = new System.Text.Json.Nodes.JsonObject { ["level"] = "busy", ["source"] = "demo", ["updatedAt"] = DateTimeOffset.UtcNow.ToString("O") };
            await route.FulfillAsync(new() { Response = response, Body = json.ToJsonString() });
        });
        await page.ClickAsync("#tabs button[data-tab=board]");
        await page.WaitForSelectorAsync("#crowded li .tag-demo:text-is('演示')");
        await page.UnrouteAsync("**/api/sites?*");

        // Whoami failing for another reason than the key (here a 503) keeps the key: the operator tries again.
        await page.RouteAsync("**/api/manage/whoami", route => route.FulfillAsync(new() { Status = 503, ContentType = "application/problem+json", Body = "{\"title\":\"unavailable\",\"status\":503}" }));
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#message.error");
        Assert.Equal(key, await page.EvaluateAsync<string?>("() => sessionStorage.getItem('sitefinder.console.adminKey')"));
        await page.UnrouteAsync("**/api/manage/whoami");
        await page.EvaluateAsync("() => { document.querySelector('#board').dataset.loaded = ''; }");
        await page.ClickAsync("#sign-in-button");
        await page.WaitForSelectorAsync("#board[data-loaded='true']", new() { State = WaitForSelectorState.Attached });

        await page.ClickAsync("#sign-out");
        await page.WaitForSelectorAsync("#sign-in:not([hidden])");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => sessionStorage.length"));
        Assert.Empty(browser.ForeignRequests());
        Assert.DoesNotContain(browser.Requests, url => url.Contains(key, StringComparison.Ordinal));

        // The wrong key's 401, the stubbed 503 and the correction's 412 are the answers of 400 or more this page was given.
        Assert.DoesNotContain(browser.Errors, e => !((e.Contains("401", StringComparison.Ordinal) || e.Contains("503", StringComparison.Ordinal)) && e.Contains("/api/manage/whoami", StringComparison.Ordinal))
            && !(e.Contains("412", StringComparison.Ordinal) && e.Contains("/api/manage/corrections/", StringComparison.Ordinal)));
    }

    [ChromiumFact]
    public async Task A_board_card_fails_alone_a_stale_cursor_restarts_paging_and_a_late_coverage_answer_is_dropped()
    {
        await using var browser = await ConsoleBrowser.LaunchAsync(host.Client.BaseAddress!);
        var page = browser.Page;

        // The stale list fails (500); the first page of sites hands out a cursor the API then refuses (400).
        await page.RouteAsync("**/api/manage/stale*", route => route.FulfillAsync(new() { Status = 500, ContentType = "application/problem+json", Body = "{\"title\":\"boom\",\"status\":500}" }));
        var firstPages = 0;
        var refusedCursor = 0;
        await page.RouteAsync(url => new Uri(url).AbsolutePath.EndsWith("/api/sites", StringComparison.Ordinal), async route =>
        {
            var query = new Uri(route.Request.Url).Query;
            if (query.Contains("cursor=stale-cursor", StringComparison.Ordinal))
            {
                refusedCursor++;
                await route.FulfillAsync(new() { Status = 400, ContentType = "application/problem+json", Body = "{\"title\":\"cursor\",\"status\":400}" });
                return;
            }
            var response = await route.FetchAsync();
            var json = System.Text.Json.Nodes.JsonNode.Parse(await response.TextAsync())!;
            if (Interlocked.Increment(ref firstPages) == 1)
                json["cursor"] = "stale-cursor";
            await route.FulfillAsync(new() { Response = response, Body = json.ToJsonString() });
        });
        await page.GotoAsync(ConsoleUrl.ToString());
        await page.FillAsync("#key", LocalHostFixture.AdminKey);
        await page.FillAsync("#function-key", LocalHostFixture.FunctionKey);
        await page.ClickAsync("#sign-in-button");
        await page.WaitForSelectorAsync("#board[data-loaded='true']", new() { State = WaitForSelectorState.Attached });
        Assert.Contains("500", await page.TextContentAsync("#stale li.alert"), StringComparison.Ordinal);
        Assert.True(await page.Locator("#district-counts tbody tr").CountAsync() > 0, "the district counts were not drawn beside the failed stale list");
        Assert.True(await page.Locator("#corrections > *").CountAsync() > 0, "the corrections were not drawn beside the failed stale list");
        Assert.Equal(1, refusedCursor);
        Assert.Equal(2, firstPages);
        Assert.Equal(0, await page.Locator("#crowded li.alert").CountAsync());
        Assert.True(await page.Locator("#crowded li").CountAsync() > 0);

        // Coverage: the city's answer is held until the operator has chosen 黄浦区 and seen it; then it arrives late.
        var held = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        await page.RouteAsync(url => new Uri(url) is var u && u.AbsolutePath.EndsWith("/api/planning/coverage", StringComparison.Ordinal) && u.Query.Length == 0, async route =>
        {
            held.TrySetResult();
            await release.Task;
            await route.ContinueAsync();
        });
        await page.ClickAsync("#tabs button[data-tab=coverage]");
        await held.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await page.SelectOptionAsync("#district", "黄浦区");
        await page.WaitForSelectorAsync("#coverage-map[data-district='黄浦区'] #coverage-img");
        Assert.Equal("黄浦区", await page.TextContentAsync("#coverage-dl dd"));
        var finished = page.WaitForRequestFinishedAsync(new() { Predicate = r => new Uri(r.Url).AbsolutePath.EndsWith("/api/planning/coverage", StringComparison.Ordinal) && new Uri(r.Url).Query.Length == 0 });
        release.SetResult();
        await finished;
        // Two turns of the page's event loop after the late answer's body: time for it to be drawn, had it been.
        await page.EvaluateAsync("() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))");
        await page.EvaluateAsync("() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))");
        Assert.Equal("黄浦区", await page.TextContentAsync("#coverage-dl dd"));
        Assert.Equal("黄浦区", await page.GetAttributeAsync("#coverage-map", "data-district"));

        // A site whose status is the demo feeder's: its busyness chart says 演示.
        await page.RouteAsync(url => new Uri(url).AbsolutePath.EndsWith($"/api/sites/{_siteId}", StringComparison.Ordinal), async route =>
        {
            var response = await route.FetchAsync();
            var json = System.Text.Json.Nodes.JsonNode.Parse(await response.TextAsync())!;
            json["status"] = new System.Text.Json.Nodes.JsonObject { ["level"] = "busy", ["source"] = "demo", ["updatedAt"] = DateTimeOffset.UtcNow.ToString("O") };
            await route.FulfillAsync(new() { Response = response, Body = json.ToJsonString() });
        });
        await page.RouteAsync($"**/api/sites/{_siteId}/busyness", route => route.FulfillAsync(new()
        {
            Status = 200,
            ContentType = "application/json",
            Body = "{\"items\":[" + string.Join(",", Enumerable.Range(0, 24).Select(hour => $"{{\"hour\":{hour},\"days\":3,\"busyShare\":0.5}}")) + "]}",
        }));
        await page.ClickAsync("#tabs button[data-tab=site]");
        await page.FillAsync("#site-q", _siteId);
        await page.ClickAsync("#site-search button[type=submit]");
        await page.WaitForSelectorAsync("#busyness[data-demo='true'] .tag-demo:text-is('演示')");
        Assert.Equal(1, await page.Locator("#busyness svg.chart").CountAsync());
        Assert.Empty(browser.ForeignRequests());
        Assert.DoesNotContain(browser.Errors, e => !((e.Contains("500", StringComparison.Ordinal) && e.Contains("/api/manage/stale", StringComparison.Ordinal))
            || (e.Contains("400", StringComparison.Ordinal) && e.Contains("cursor=stale-cursor", StringComparison.Ordinal))));
    }

    [ChromiumFact]
    public async Task The_console_qr_encoder_reads_back_in_every_version_it_draws()
    {
        await using var browser = await ConsoleBrowser.LaunchAsync(host.Client.BaseAddress!);
        var page = browser.Page;
        await page.GotoAsync(ConsoleUrl.ToString());

        // Lengths at each version's capacity edge (level M, byte mode), with CJK text for multi-byte UTF-8.
        var texts = new[] { "A", new string('a', 14), new string('b', 15), "采样点令牌", new string('c', 42), new string('d', 62), new string('e', 84), new string('f', 106), new string('g', 122), new string('h', 152), new string('i', 180), new string('j', 213) };
        var versions = new HashSet<int>();
        foreach (var text in texts)
        {
            await page.EvaluateAsync(
                "async (text) => { const { encode, toSvg } = await import('./qr.js'); document.querySelector('#qr-probe')?.remove(); const svg = toSvg(encode(text), 'probe'); svg.id = 'qr-probe'; document.body.append(svg); }",
                text);
            var (read, version, _) = ConsoleQrReader.Read(await DrawnQrAsync(page, "#qr-probe"));
            Assert.Equal(text, read);
            versions.Add(version);
        }

        Assert.Equal(Enumerable.Range(1, 10), versions.Order());
        var tooLong = await page.EvaluateAsync<string>("async () => { const { encode } = await import('./qr.js'); try { encode('k'.repeat(214)); return 'drawn'; } catch (e) { return e.name; } }");
        Assert.Equal("RangeError", tooLong);
        Assert.Empty(browser.Errors);
    }

    /// <summary>The modules of a QR code as the page drew it: its dark rects, less the quiet zone of 4.</summary>
    private static async Task<bool[,]> DrawnQrAsync(IPage page, string selector)
    {
        var flat = await page.EvaluateAsync<int[]>(
            "(selector) => { const svg = document.querySelector(selector); return [Number(svg.dataset.size), ...[...svg.querySelectorAll('rect.m')].flatMap(r => [Number(r.getAttribute('x')) - 4, Number(r.getAttribute('y')) - 4])]; }",
            selector);
        var modules = new bool[flat[0], flat[0]];
        for (var i = 1; i < flat.Length; i += 2)
            modules[flat[i + 1], flat[i]] = true;
        return modules;
    }
}
