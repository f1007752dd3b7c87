namespace SiteFinder.Functions.Geocoding;

/// <summary>
/// What the geocoder says for one query: candidates best first, or why it could not ask
/// (<see cref="Degraded"/>, no candidates then). <see cref="Cached"/> says the candidates came from the
/// geocode cache, not from a call made now. An empty list that is not degraded means "asked, nothing found".
/// </summary>
public sealed record GeocodeAnswer(IReadOnlyList<GeocodeCandidate> Candidates, bool Cached, GeocodeDegradation? Degraded)
{
    public bool IsDegraded => Degraded is not null;

    public static GeocodeAnswer Found(IReadOnlyList<GeocodeCandidate> candidates, bool cached) => new(candidates, cached, null);

    public static GeocodeAnswer Failed(GeocodeDegradedReason reason, string detail) => new([], false, new GeocodeDegradation(reason, detail));
}
