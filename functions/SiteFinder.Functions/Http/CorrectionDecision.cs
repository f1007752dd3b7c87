using SiteFinder.Domain.Audit;
using SiteFinder.Domain.Corrections;

namespace SiteFinder.Functions.Http;

/// <summary>
/// An operator's decision: how many corrections it decided (the pending ones of the same site and kind
/// go with it), their ids, and the site's changes when accepting edited the site (left out otherwise).
/// </summary>
public sealed record CorrectionDecision(int Decided, CorrectionState State, IReadOnlyList<string> Ids, IReadOnlyList<FieldChange>? Changes);
