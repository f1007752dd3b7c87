using SiteFinder.Domain.Geo;

namespace SiteFinder.Functions.Geocoding;

/// <summary>
/// One place the geocoder found. <see cref="Location"/> is WGS-84 (Azure Maps answers in it; the
/// finder converts to the system the caller asked for). <see cref="Confidence"/> is 0–1.
/// <see cref="Kind"/> and <see cref="MatchCodes"/> are Azure Maps' own words (type: Address,
/// PopulatedPlace...; matchCodes: Good, Ambiguous, UpHierarchy), kept for callers that rank or explain.
/// </summary>
public sealed record GeocodeCandidate(GeoPoint Location, string Label, double Confidence, string? Kind, IReadOnlyList<string> MatchCodes);
