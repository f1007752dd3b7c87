using System.Globalization;

namespace SiteFinder.Functions.OpenData;

/// <summary>
/// What a feed was built from: the catalogue and status board versions and the minute its statuses
/// were computed for. Statuses change with time alone (a report passes its TTL, a site closes for the
/// night), so the minute is part of it; within a minute and the same versions the bytes are the same.
/// </summary>
public readonly record struct FeedKey(long CatalogueVersion, long StatusVersion, DateTimeOffset Minute)
{
    /// <summary>Weak: the same feed is served in three encodings (RFC 9110 §8.8.1), all equal for If-None-Match.</summary>
    public string ETag => string.Create(CultureInfo.InvariantCulture, $"W/\"c{CatalogueVersion}-s{StatusVersion}-{Minute:yyyyMMddHHmm}\"");
}
