namespace SiteFinder.Functions.Geocoding;

/// <summary>Answers Azure Maps gave, by query, for a while. A cache that cannot be read is a miss, never a failure.</summary>
public interface IGeocodeCache
{
    /// <summary>The candidates stored for the key while they are younger than the TTL, else null.</summary>
    Task<IReadOnlyList<GeocodeCandidate>?> GetAsync(GeocodeCacheKey key, CancellationToken cancellationToken);

    /// <summary>Stores a successful answer (possibly empty: "nothing found" is an answer too). Degraded answers are never stored.</summary>
    Task PutAsync(GeocodeCacheKey key, IReadOnlyList<GeocodeCandidate> candidates, CancellationToken cancellationToken);
}
