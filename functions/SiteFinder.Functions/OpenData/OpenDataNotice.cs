namespace SiteFinder.Functions.OpenData;

/// <summary>
/// What every open data answer says about itself. The licence is the service's default, to be
/// confirmed by the data's owner (the city's health commission) before the feed is announced.
/// </summary>
public static class OpenDataNotice
{
    public static OpenDataLicense License { get; } = new(
        "CC-BY-4.0",
        "https://creativecommons.org/licenses/by/4.0/",
        "Sampling sites: the city's published site lists; statuses: site staff and residents, via SiteFinder.");

    /// <summary>One rule a line, the status rules first: they are the ones a map that caches the feed gets wrong.</summary>
    public static IReadOnlyList<string> Usage(int ttlMinutes) =>
    [
        $"A status is a report, not a guarantee. A status older than its TTL ({ttlMinutes} minutes, see statusExpiresAt) is no status: show it as no data, never as the last level.",
        "Statuses are as of generatedAt; the feed is rebuilt at most once a minute and may be cached for as long as Cache-Control says.",
        "geometry is WGS-84 [longitude, latitude] (RFC 7946); properties.gcj02 is the same point in GCJ-02 for Chinese map SDKs. Do not draw WGS-84 points on a GCJ-02 map.",
        "Check state, hours and audience before sending anyone: some sites are only for residents of one compound or for named groups.",
        "To stay up to date without downloading everything, poll /api/open/changes with the cursor it returns; send If-None-Match with this answer's ETag.",
    ];
}
