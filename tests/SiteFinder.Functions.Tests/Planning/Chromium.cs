using SiteFinder.Tests;

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

/// <summary>A fact that needs chromium: skipped with the reason outside CI when it is missing, run (and failing) under CI.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Path is null && !RealData.IsCi)
            Skip = "chromium not found (install it with functions/scripts/install-chromium.sh, as tests/run-all.sh does). Skipped outside CI.";
    }
}
