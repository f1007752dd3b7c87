using SiteFinder.Tests;

namespace SiteFinder.Functions.Tests.Planning;

/// <summary>A fact that needs chromium: skipped with the reason outside CI when it is missing, run (and failing) under CI.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Path is null && !RealData.IsCi)
            Skip = "chromium not found (install it with functions/scripts/install-chromium.sh, as tests/run-all.sh does). Skipped outside CI.";
    }
}
