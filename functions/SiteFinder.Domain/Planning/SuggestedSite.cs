using SiteFinder.Domain.Geo;

namespace SiteFinder.Domain.Planning;

/// <summary>
/// A new site position, in the order chosen: where, in which district, what it adds (places and
/// weight not covered before it and within the walk of it) and the covered shares once it and every
/// earlier suggestion are open.
/// </summary>
public sealed record SuggestedSite(int Rank, GeoPoint Location, string District, int GainPlaces, double GainWeight, double CoveredShareAfter, double CoveredWeightShareAfter);
