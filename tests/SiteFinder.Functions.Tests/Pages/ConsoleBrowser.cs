using Microsoft.Playwright;
using SiteFinder.Functions.Tests.Planning;

namespace SiteFinder.Functions.Tests.Pages;

/// <summary>
/// Debian's chromium driven by Playwright for the console tests, one page with every console message, page
/// error and request recorded, so that a test can say none was an error and none left the app's origin.
/// </summary>
public sealed class ConsoleBrowser : IAsyncDisposable
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private ConsoleBrowser(Uri origin) => Origin = origin;

    public Uri Origin { get; }

    public IBrowserContext Context { get; private set; } = null!;

    public IPage Page { get; private set; } = null!;

    public List<string> Errors { get; } = [];

    public List<string> Requests { get; } = [];

    public static string ArtifactsFolder => Path.Combine(AppContext.BaseDirectory, "page-artifacts");

    /// <summary>A fresh browser with no storage (so no key from an earlier test), at width × height.</summary>
    public static async Task<ConsoleBrowser> LaunchAsync(Uri apiBase, int width = 1280, int height = 800)
    {
        var browser = new ConsoleBrowser(new Uri(apiBase.GetLeftPart(UriPartial.Authority)));
        browser._playwright = await Playwright.CreateAsync();
        browser._browser = await browser._playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium.Path, Headless = true, Args = ["--no-sandbox"] });
        browser.Context = await browser._browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        browser.Page = await browser.Context.NewPageAsync();
        browser.Page.Console += (_, message) =>
        {
            // The browser asks for /favicon.ico by itself, which no function serves: that 404 is not the console's.
            if (message.Type is "error" or "warning" && !message.Location.Contains("favicon.ico", StringComparison.Ordinal))
                browser.Errors.Add($"{message.Type}: {message.Text} ({message.Location})");
        };
        browser.Page.PageError += (_, error) => browser.Errors.Add("page error: " + error);
        browser.Page.Request += (_, request) => browser.Requests.Add(request.Url);
        return browser;
    }

    public async Task<string> ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ArtifactsFolder);
        var path = Path.Combine(ArtifactsFolder, name);
        await Page.ScreenshotAsync(new() { Path = path, FullPage = true, Timeout = 60_000 });
        return path;
    }

    /// <summary>Requests that went anywhere but the app's origin. data: URLs (the coverage image) are no request to a host.</summary>
    public IEnumerable<string> ForeignRequests() => Requests.Where(url =>
        !url.StartsWith(Origin.ToString(), StringComparison.Ordinal) && !url.StartsWith("data:", StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
