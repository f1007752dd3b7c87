namespace SiteFinder.Functions.Geocoding;

/// <summary>Why the geocoder could not ask, or got no usable answer.</summary>
public enum GeocodeDegradedReason
{
    /// <summary>No Azure Maps endpoint is set (the local default): nothing was sent.</summary>
    NotConfigured,

    /// <summary>The connection failed (DNS, refused, reset).</summary>
    Unreachable,

    /// <summary>An attempt or the whole call ran out of time.</summary>
    Timeout,

    /// <summary>429 after the retries, or a Retry-After longer than the app waits.</summary>
    Throttled,

    /// <summary>Recent calls failed so often that the circuit breaker stopped sending: answered at once.</summary>
    CircuitOpen,

    /// <summary>No token could be had, or Azure Maps answered 401/403 (role, client id or key wrong).</summary>
    AuthFailure,

    /// <summary>Azure Maps refused this query (400, or a batch item's error).</summary>
    Rejected,

    /// <summary>5xx after the retries, or an answer that could not be read.</summary>
    RemoteError,
}
