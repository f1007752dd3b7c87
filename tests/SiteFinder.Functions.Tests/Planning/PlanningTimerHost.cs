using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Planning;

/// <summary>A local host of its own for the refresh-loop test (every test host refreshes each second: CATALOGUE_REFRESH_SECONDS=1).</summary>
public sealed class PlanningTimerHost : LocalHostFixture;
