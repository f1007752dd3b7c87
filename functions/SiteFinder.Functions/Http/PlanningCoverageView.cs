using SiteFinder.Domain.Planning;

namespace SiteFinder.Functions.Http;

/// <summary>
/// Coverage at an instant (local Shanghai time and UTC) within a walk of <see cref="Minutes"/>
/// (<see cref="ReachMeters"/> of straight line): the city's figures and each district's (only the one
/// asked for, with district=). <see cref="ComputeMilliseconds"/> is how long computing it took, once;
/// <see cref="Cached"/> says whether this answer found it computed.
/// </summary>
public sealed record PlanningCoverageView(
    string At,
    DateTimeOffset AtUtc,
    int Minutes,
    double ReachMeters,
    CoverageFigures City,
    IReadOnlyList<CoverageFigures> Districts,
    PlanningSourcesView Sources,
    double ComputeMilliseconds,
    bool Cached);
