namespace SiteFinder.Functions.Http;

/// <summary>A suggested new site, in the greedy order: where, its gain (places, weight) and the covered shares once it and those before it are open.</summary>
public sealed record PlanningSuggestionView(int Rank, LocationView Location, string District, int GainPlaces, double GainWeight, double CoveredShareAfter, double CoveredWeightShareAfter);
