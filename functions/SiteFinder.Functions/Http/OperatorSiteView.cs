using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Sites;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Http;

/// <summary>
/// A site as its operator edits it: every stored field, the hours as the parser read them, the state
/// stored and the state in force now (a suspension past its end is open), the version and the last change.
/// </summary>
public sealed record OperatorSiteView
{
    public required string Id { get; init; }
    public required string Version { get; init; }
    public required string SourceId { get; init; }
    public IReadOnlyList<string>? OtherSourceIds { get; init; }
    public required string Name { get; init; }
    public required string Address { get; init; }
    public required string District { get; init; }
    public string? Street { get; init; }
    public required LocationView Location { get; init; }
    public required LocationView SourceLocation { get; init; }
    public bool? LocationApproximate { get; init; }
    public GeocodedView? Geocoded { get; init; }
    public SiteType Type { get; init; }
    public bool? TypeDerived { get; init; }
    public string? TypeText { get; init; }
    public required AudienceView Audience { get; init; }
    public required HoursView Hours { get; init; }
    public string? Phone { get; init; }
    public string? Notes { get; init; }
    public SiteState State { get; init; }
    public SiteState StateNow { get; init; }
    public DateTimeOffset? SuspendedUntil { get; init; }
    public string? StateReason { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public string? UpdatedBy { get; init; }

    public static OperatorSiteView Of(StoredSite stored, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var site = stored.Record.ToSite();
        var parts = new SiteViewParts(site);
        return new OperatorSiteView
        {
            Id = site.Id,
            Version = stored.Version,
            SourceId = site.SourceId,
            OtherSourceIds = site.OtherSourceIds.Count == 0 ? null : site.OtherSourceIds,
            Name = site.Name,
            Address = site.Address,
            District = site.District,
            Street = site.Street,
            Location = LocationView.Of(site.Location, CoordinateSystem.Wgs84),
            SourceLocation = new LocationView(site.SourceLocation.Point.Lat, site.SourceLocation.Point.Lng, site.SourceLocation.System.ToLabel()),
            LocationApproximate = site.LocationApproximate ? true : null,
            Geocoded = GeocodedView.Of(site),
            Type = site.Type,
            TypeDerived = site.TypeDerived ? true : null,
            TypeText = site.TypeText,
            Audience = parts.Audience,
            Hours = parts.FullHours,
            Phone = site.Phone,
            Notes = site.Notes,
            State = site.State,
            StateNow = site.StateAt(now),
            SuspendedUntil = site.SuspendedUntil,
            StateReason = site.StateReason,
            UpdatedAt = site.UpdatedAt,
            UpdatedBy = site.UpdatedBy,
        };
    }
}
