using Microsoft.Playwright;
using SiteFinder.Functions.Tests.Planning;

namespace SiteFinder.Functions.Tests.Pages;

/// <summary>
/// Headless Debian chromium with one page, recording what the page must not do: log an error or a warning,
/// throw, or ask anything of a host other than the app's own.
/// </summary>
public sealed class ResidentBrowserSession : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly List<string> _errors = [];
    private readonly List<string> _requests = [];

    private ResidentBrowserSession(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
                _errors.Add($"{message.Type}: {message.Text} ({message.Location})");
        };
        page.PageError += (_, error) => _errors.Add("page error: " + error);
        page.Request += (_, request) => _requests.Add(request.Url);
        page.RequestFailed += (_, request) => _errors.Add($"request failed: {request.Url} {request.Failure}");
    }

    public IPage Page { get; }

    public static async Task<ResidentBrowserSession> StartAsync(BrowserNewContextOptions options)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium.Path, Headless = true, Args = ["--no-sandbox"] });
        var context = await browser.NewContextAsync(options);
        return new ResidentBrowserSession(playwright, browser, await context.NewPageAsync());
    }

    /// <summary>
    /// No console error or warning, no uncaught exception, no failed request, and every request to <paramref name="app"/>'s origin.
    /// Chromium logs every answer of 400 and above as a console error by itself; <paramref name="expectedStatus"/> names the one a test provoked.
    /// </summary>
    public void AssertClean(Uri app, int? expectedStatus = null)
    {
        var provoked = expectedStatus is { } status ? $"the server responded with a status of {status}" : null;
        var unexpected = _errors.Where(e => provoked is null || !e.Contains(provoked, StringComparison.Ordinal)).ToList();
        Assert.Empty(unexpected);
        Assert.NotEmpty(_requests);
        var origin = app.GetLeftPart(UriPartial.Authority) + "/";
        Assert.All(_requests, url => Assert.StartsWith(origin, url, StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
