namespace SiteFinder.Functions.Geocoding;

/// <summary>
/// Turns a resident's or an import row's text into candidate places in WGS-84. Written for Azure Maps
/// (<see cref="AzureMapsGeocoder"/>); the Azure.Maps.Search SDK could implement it once it is served.
/// The remote's failures never throw: they come back as a <see cref="GeocodeAnswer.Degraded"/> answer,
/// so callers can still answer from the catalogue and the gazetteer.
/// </summary>
public interface IAddressGeocoder
{
    /// <summary>Candidates for one query, best first. A blank query is answered Rejected without a call; only the caller's own cancellation throws.</summary>
    Task<GeocodeAnswer> GeocodeAsync(string query, GeocodeBias bias, CancellationToken cancellationToken);

    /// <summary>One answer per query, in the order of <paramref name="queries"/>; each may be degraded on its own.</summary>
    Task<IReadOnlyList<GeocodeAnswer>> GeocodeBatchAsync(IReadOnlyList<string> queries, GeocodeBias bias, CancellationToken cancellationToken);
}
