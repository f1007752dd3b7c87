using System.Text.Json.Serialization;
using SiteFinder.Functions.Geocoding;

namespace SiteFinder.Functions.Http;

/// <summary>
/// The nearby answer as <see cref="NearbyJson"/> writes it: a list page (never more than one, so the
/// cursor is always null) and, for a search by address, the members of <see cref="NearbyOrigin"/>. The
/// fast writer does not serialise this type; the document describes its answer with it, and the
/// contract tests hold the writer to it.
/// </summary>
public sealed record NearbyPage(IReadOnlyList<SiteView> Items, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Cursor = null)
{
    public PlaceView? Near { get; init; }

    public bool? Degraded { get; init; }

    public GeocodeDegradedReason? Reason { get; init; }
}
