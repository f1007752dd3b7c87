using SiteFinder.Domain.Planning;
using SiteFinder.Functions.Sites;

namespace SiteFinder.Functions.Planning;

/// <summary>What one planning answer is computed from: the catalogue, the places placed in their districts, and the versions of each.</summary>
public sealed record PlanningInputs(ServedCatalogue Catalogue, PlanningArea Area, long PlacesVersion, long DistrictsVersion);
