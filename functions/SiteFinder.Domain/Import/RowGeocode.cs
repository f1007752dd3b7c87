namespace SiteFinder.Domain.Import;

/// <summary>
/// What geocoding found for one row: the most confident point of any source (null: none), and why
/// Azure Maps could not be asked, when it could not (<see cref="Degraded"/>; a gazetteer point may
/// still be there).
/// </summary>
public sealed record RowGeocode(GeocodedPoint? Best, string? Degraded = null)
{
    public static RowGeocode NotFound { get; } = new(Best: null);
}
