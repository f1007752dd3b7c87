using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Geocoding;

namespace SiteFinder.Functions.Http;

/// <summary>A place as answers show it: where (in the caller's system), what it is called, which source found it and how sure.</summary>
public sealed record PlaceView(string Label, LocationView Location, string Source, double Confidence, string? District, string? Kind, string? SiteId)
{
    public static PlaceView Of(PlaceCandidate place, CoordinateSystem coord)
    {
        ArgumentNullException.ThrowIfNull(place);
        return new(place.Label, LocationView.Of(place.Location, coord), SourceLabel(place.Source), Math.Round(place.Confidence, 2), place.District, place.Kind, place.SiteId);
    }

    /// <summary>The source names of the API: catalogue, gazetteer, azure-maps.</summary>
    public static string SourceLabel(PlaceSource source) => source switch
    {
        PlaceSource.Catalogue => "catalogue",
        PlaceSource.Gazetteer => "gazetteer",
        PlaceSource.AzureMaps => "azure-maps",
        _ => throw new ArgumentOutOfRangeException(nameof(source)),
    };
}
