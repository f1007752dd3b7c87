using SiteFinder.Domain.Sites;
using SiteFinder.Functions.Http;

namespace SiteFinder.Functions.OpenData;

/// <summary>
/// A site's properties in the open data feed. <c>gcj02</c> is the same point in GCJ-02 (what Chinese map
/// SDKs and <c>wx.openLocation</c> take), labelled, because the geometry must be WGS-84.
/// </summary>
public sealed record OpenSiteProperties
{
    public required string Name { get; init; }
    public required string Address { get; init; }
    public required string District { get; init; }
    public required string City { get; init; }
    public string? Street { get; init; }
    public required LocationView Gcj02 { get; init; }

    /// <summary>true when many sites of the list share the point (a geocoder's fallback).</summary>
    public bool? LocationApproximate { get; init; }
    public SiteType Type { get; init; }
    public required AudienceView Audience { get; init; }

    /// <summary>The source text and the whole parsed week (<c>weekly</c>), Asia/Shanghai times.</summary>
    public required HoursView Hours { get; init; }
    public SiteState State { get; init; }
    public DateTimeOffset? SuspendedUntil { get; init; }
    public string? StateReason { get; init; }
    public string? Phone { get; init; }

    /// <summary>The status as of the feed's <c>generatedAt</c>; left out of change lists, which follow the catalogue only.</summary>
    public StatusView? Status { get; init; }

    /// <summary>When the status stops being one (its report plus the TTL): after it, read it as noData.</summary>
    public DateTimeOffset? StatusExpiresAt { get; init; }

    /// <summary>The site's last change in the catalogue (not its status's).</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
