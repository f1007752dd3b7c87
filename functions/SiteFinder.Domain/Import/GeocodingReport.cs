using System.Globalization;

namespace SiteFinder.Domain.Import;

/// <summary>
/// How an import looked up its rows without a point: how many it looked up, where the points came
/// from, the threshold, and why Azure Maps could not be asked when it could not (<see cref="Degraded"/>:
/// those rows are held, and an import later asks again).
/// </summary>
public sealed record GeocodingReport(int Rows, int Gazetteer, int AzureMaps, int NotFound, double MinConfidence, string? Degraded)
{
    public static GeocodingReport Of(IReadOnlyList<RowGeocode> geocodes, ImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(geocodes);
        ArgumentNullException.ThrowIfNull(options);
        var degraded = geocodes.Select(g => g.Degraded).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return new GeocodingReport(
            geocodes.Count,
            geocodes.Count(g => g.Best?.Source == GeocodeSource.Gazetteer),
            geocodes.Count(g => g.Best?.Source == GeocodeSource.AzureMaps),
            geocodes.Count(g => g.Best is null),
            options.GeocodeMinConfidence,
            degraded.Count == 0 ? null : string.Join("; ", degraded.Take(3)) + (degraded.Count > 3 ? string.Create(CultureInfo.InvariantCulture, $" (and {degraded.Count - 3} more)") : string.Empty));
    }
}
