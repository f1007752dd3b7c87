namespace SiteFinder.Functions.Http;

/// <summary>What a planning answer was computed from: versions of the catalogue, places and boundaries, and how many places a boundary placed.</summary>
public sealed record PlanningSourcesView(long CatalogueVersion, long PlacesVersion, long DistrictsVersion, int Places, int Boundaries, int PlacesInBoundary, int OpenSites);
