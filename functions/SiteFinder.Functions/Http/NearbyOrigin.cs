using SiteFinder.Functions.Geocoding;

namespace SiteFinder.Functions.Http;

/// <summary>
/// Where a nearby search by address started: the place the text was found as, and whether the search
/// for it was degraded (Azure Maps could not be asked) and why. Written after the cursor of the answer.
/// </summary>
public sealed record NearbyOrigin(PlaceView Near, bool? Degraded, GeocodeDegradedReason? Reason);
