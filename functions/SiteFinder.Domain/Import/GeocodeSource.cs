namespace SiteFinder.Domain.Import;

/// <summary>Where an import found a row's point when the row gave none.</summary>
public enum GeocodeSource
{
    /// <summary>The operators' gazetteer of places (compounds, streets, stations).</summary>
    Gazetteer,

    /// <summary>Azure Maps geocoding.</summary>
    AzureMaps,
}

/// <summary>The labels of <see cref="GeocodeSource"/> as stored and as the API shows them, the same words as the geocode endpoint's <c>source</c>.</summary>
public static class GeocodeSourceNames
{
    public static string ToLabel(this GeocodeSource source) => source switch
    {
        GeocodeSource.Gazetteer => "gazetteer",
        GeocodeSource.AzureMaps => "azure-maps",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
    };

    public static GeocodeSource? FromLabel(string? label) => label switch
    {
        "gazetteer" => GeocodeSource.Gazetteer,
        "azure-maps" => GeocodeSource.AzureMaps,
        _ => null,
    };
}
