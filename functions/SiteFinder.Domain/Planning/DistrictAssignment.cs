namespace SiteFinder.Domain.Planning;

/// <summary>How a place got its district: inside an uploaded boundary, or (outside all, or none uploaded) the district its row named.</summary>
public enum DistrictAssignment
{
    Polygon,
    OwnField,
}
