using SiteFinder.Domain.Geo;

namespace SiteFinder.Domain.Planning;

/// <summary>
/// A patch of uncovered places: how many, their weight, their weighted centre, the district holding
/// most of that weight, and how many 500 m grid cells it spans. <see cref="PlaceIndexes"/> index
/// <see cref="PlanningArea.Places"/> (for the map; not part of the JSON answer).
/// </summary>
public sealed record GapCluster(int Rank, int Places, double Weight, GeoPoint Centre, string District, int Cells, IReadOnlyList<int> PlaceIndexes);
