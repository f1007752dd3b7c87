using System.Text.Json.Serialization;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Sites;
using SiteFinder.Domain.Status;
using SiteFinder.Functions.Http;

namespace SiteFinder.Functions.OpenData;

/// <summary>A site as a GeoJSON Feature (RFC 7946): its id, its WGS-84 point, and <see cref="OpenSiteProperties"/>.</summary>
public sealed record OpenFeature(string Id, PointGeometry Geometry, OpenSiteProperties Properties)
{
    [JsonPropertyOrder(-1)]
    public string Type => "Feature";

    /// <summary>The feature of a site at an instant (its state then); with a board, its status then too (null leaves the status out).</summary>
    public static OpenFeature Of(Site site, SiteViewParts parts, DateTimeOffset now, StatusBoard? board)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(parts);
        var wgs84 = parts.Locations[(int)CoordinateSystem.Wgs84];
        var state = site.StateAt(now);
        var status = board is null ? null : StatusView.Of(board.Current(site, now));
        return new OpenFeature(site.Id, new PointGeometry([wgs84.Lng, wgs84.Lat]), new OpenSiteProperties
        {
            Name = site.Name,
            Address = site.Address,
            District = site.District,
            City = site.City,
            Street = site.Street,
            Gcj02 = parts.Locations[(int)CoordinateSystem.Gcj02] with { Approximate = null },
            LocationApproximate = site.LocationApproximate ? true : null,
            Type = site.Type,
            Audience = parts.Audience,
            Hours = parts.FullHours,
            State = state,
            SuspendedUntil = state == SiteState.Suspended ? site.SuspendedUntil : null,
            StateReason = state == site.State ? site.StateReason : null,
            Phone = site.Phone,
            Status = status,

            // Only a live level expires; noData, closed and unconfirmed do not turn into anything by waiting.
            StatusExpiresAt = status?.ConfirmedAt is not null && status.UpdatedAt is { } reported && status.Level != BusyLevel.Unconfirmed
                ? reported.AddMinutes(board!.Options.TtlMinutes)
                : null,
            UpdatedAt = site.UpdatedAt,
        });
    }
}
