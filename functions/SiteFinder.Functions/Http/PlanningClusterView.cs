namespace SiteFinder.Functions.Http;

/// <summary>One cluster of uncovered places: rank (1 = most weight), size, weight, weighted centre, district, 500 m cells spanned.</summary>
public sealed record PlanningClusterView(int Rank, int Places, double Weight, LocationView Centre, string District, int Cells);
