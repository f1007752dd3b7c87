using System.Globalization;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Hours;
using SiteFinder.Domain.Sites;
using SiteFinder.Domain.Status;

namespace SiteFinder.Functions.Http;

public sealed record LocationView(double Lat, double Lng, string Coord)
{
    public static LocationView Of(GeoPoint wgs84, CoordinateSystem coord)
    {
        var p = ChinaCoordinates.Convert(wgs84, CoordinateSystem.Wgs84, coord);
        return new LocationView(Math.Round(p.Lat, 6), Math.Round(p.Lng, 6), coord.ToLabel());
    }
}

/// <summary>One opening: day, local open and close times; closesNextDay when it runs past midnight.</summary>
public sealed record IntervalView(string Day, string Open, string Close, bool? ClosesNextDay, bool? AlternateWeeks);

public sealed record HoursView(string Text, HoursParseStatus Status, bool? AlwaysOpen, bool? AlternateWeeks, IReadOnlyList<IntervalView>? Weekly, string? Problem);

public sealed record AudienceView(AudienceKind Kind, IReadOnlyList<string>? Groups, string? Text);

/// <summary>
/// How busy a site is and how old that knowledge is. For noData and closed only the time of the
/// last report is given (if any): the other fields would describe a value no longer shown.
/// </summary>
public sealed record StatusView(BusyLevel Level, int? WaitMinutes, DateTimeOffset? UpdatedAt, DateTimeOffset? ConfirmedAt, DateTimeOffset? ChangedAt, string? Source)
{
    public static StatusView Of(CurrentStatus status)
    {
        var basis = status.Basis;
        var live = status.Level is not (BusyLevel.NoData or BusyLevel.Closed) && basis is not null;
        return new StatusView(
            status.Level,
            status.WaitMinutes is { } w ? (int)Math.Round(w, MidpointRounding.AwayFromZero) : null,
            basis?.ReportedAt,
            live ? basis!.ConfirmedAt : null,
            live ? basis!.ChangedAt : null,
            live ? basis!.Source : null);
    }
}

/// <summary>
/// A site as the API shows it. Nearby answers leave out what the list does not need (notes,
/// source id, source location); the detail answer has everything.
/// </summary>
public sealed record SiteView
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Address { get; init; }
    public required string District { get; init; }
    public string? Street { get; init; }
    public required LocationView Location { get; init; }
    public double? DistanceMeters { get; init; }
    public int? WalkMinutes { get; init; }

    /// <summary>Walk plus expected wait, when results are ordered by time.</summary>
    public int? TotalMinutes { get; init; }
    public SiteType Type { get; init; }
    public required AudienceView Audience { get; init; }
    public required HoursView Hours { get; init; }

    /// <summary>null when the hours are unknown: the finder does not guess.</summary>
    public bool? OpenNow { get; init; }

    public required StatusView Status { get; init; }
    public SiteState State { get; init; }
    public string? Phone { get; init; }
    public string? TypeText { get; init; }
    public string? SourceId { get; init; }
    public LocationView? SourceLocation { get; init; }
    public string? Notes { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }

    public static SiteView Summary(Site site, CoordinateSystem coord, DateTimeOffset now, StatusBoard board) => new()
    {
        Id = site.Id,
        Name = site.Name,
        Address = site.Address,
        District = site.District,
        Street = site.Street,
        Location = LocationView.Of(site.Location, coord),
        Type = site.Type,
        Audience = new AudienceView(site.Audience.Kind, site.Audience.Groups.Count == 0 ? null : site.Audience.Groups, site.Audience.Text),
        Hours = HoursOf(site.Hours),
        OpenNow = site.IsOpenAt(now),
        Status = StatusView.Of(board.Current(site, now)),
        State = site.State,
        Phone = site.Phone,
    };

    public static SiteView Nearby(NearbyHit hit, CoordinateSystem coord, DateTimeOffset now, StatusBoard board) => Summary(hit.Site, coord, now, board) with
    {
        DistanceMeters = Math.Round(hit.DistanceMeters),
        WalkMinutes = hit.WalkMinutes,
        TotalMinutes = hit.TotalMinutes is { } total ? (int)Math.Ceiling(total) : null,
    };

    public static SiteView Detail(Site site, CoordinateSystem coord, DateTimeOffset now, StatusBoard board) => Summary(site, coord, now, board) with
    {
        TypeText = site.TypeText,
        SourceId = site.SourceId,
        SourceLocation = new LocationView(site.SourceLocation.Point.Lat, site.SourceLocation.Point.Lng, site.SourceLocation.System.ToLabel()),
        Notes = site.Notes,
        UpdatedAt = site.UpdatedAt,
    };

    private static HoursView HoursOf(OpeningHours hours) => new(
        hours.Raw,
        hours.Status,
        hours.Always ? true : null,
        hours.AlternateWeeks ? true : null,
        hours.Status == HoursParseStatus.Parsed && !hours.Always ? hours.Intervals.Select(IntervalOf).ToArray() : null,
        hours.Problem);

    private static IntervalView IntervalOf(WeeklyInterval i) => new(
        i.Day.ToString()[..3].ToLowerInvariant(),
        Clock(i.StartMinute),
        Clock(i.EndMinute > WeeklyInterval.MinutesPerDay ? i.EndMinute - WeeklyInterval.MinutesPerDay : i.EndMinute),
        i.EndMinute > WeeklyInterval.MinutesPerDay ? true : null,
        i.AlternateWeeks ? true : null);

    private static string Clock(int minute) => string.Create(CultureInfo.InvariantCulture, $"{minute / 60:D2}:{minute % 60:D2}");
}
