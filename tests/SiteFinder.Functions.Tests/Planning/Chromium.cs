namespace SiteFinder.Functions.Tests.Planning;

/// <summary>
/// Debian's chromium, which tests/run-all.sh installs (functions/scripts/install-chromium.sh); CHROMIUM_PATH
/// overrides it. Playwright is pointed at it because its own browser download cannot run here.
/// </summary>
public static class Chromium
{
    public static string? Path { get; } = Find();

    private static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable("CHROMIUM_PATH");
        if (!string.IsNullOrEmpty(configured))
            return File.Exists(configured) ? configured : null;
        return new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);
    }
}
