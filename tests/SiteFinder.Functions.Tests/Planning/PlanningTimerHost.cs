using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Planning;

/// <summary>A local host whose catalogue-paced timers (the snapshot and the planning recompute) run every second.</summary>
public sealed class PlanningTimerHost : LocalHostFixture
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["CATALOGUE_SNAPSHOT_SCHEDULE"] = "*/1 * * * * *",
    };
}
