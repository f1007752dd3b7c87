using SiteFinder.Domain.Geo;

namespace SiteFinder.Domain.Planning;

/// <summary>
/// Where people live, as planners upload it: a compound or street with its district as the source
/// wrote it, its point (always WGS-84 here) and a weight (households, residents; 1 when the list has none).
/// </summary>
public sealed record ResidentialPlace(string Name, string District, GeoPoint Location, double Weight = 1);
