using System.Globalization;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Hours;
using SiteFinder.Domain.Sites;
using SiteFinder.Domain.Status;

namespace SiteFinder.Functions.Http;

public sealed record LocationView(double Lat, double Lng, string Coord)
{
    /// <summary>true when many sites of the list share the point (a geocoder's fallback): the distance is rough. Left out otherwise.</summary>
    public bool? Approximate { get; init; }

    public static LocationView Of(GeoPoint wgs84, CoordinateSystem coord)
    {
        var p = ChinaCoordinates.Convert(wgs84, CoordinateSystem.Wgs84, coord);
        return new LocationView(Math.Round(p.Lat, 6), Math.Round(p.Lng, 6), coord.ToLabel());
    }
}

/// <summary>
/// One opening: day, local open and close times; closesNextDay when it runs past midnight; dates odd or even
/// when it holds only on such days of the month (单号/双号).
/// </summary>
public sealed record IntervalView(string Day, string Open, string Close, bool? ClosesNextDay, bool? AlternateWeeks, DateParity? Dates);

/// <summary>
/// Opening hours: the source text always; parsed openings as <c>today</c> (Asia/Shanghai) in lists,
/// and the whole <c>weekly</c> table in the detail answer; <c>qualifiers</c> the remarks written beside a
/// schedule that was read (appointment only, public holidays excepted, …), which open-now does not weigh.
/// </summary>
public sealed record HoursView(
    string Text,
    HoursParseStatus Status,
    bool? AlwaysOpen,
    bool? AlternateWeeks,
    IReadOnlyList<IntervalView>? Today,
    IReadOnlyList<IntervalView>? Weekly,
    string? Problem,
    bool? OddEvenDates,
    IReadOnlyList<HoursQualifier>? Qualifiers);

/// <summary>
/// The parts of a site's view that never change while its catalogue is loaded: its location in
/// each coordinate system, audience and hours. Built once per site when the catalogue is loaded
/// (<see cref="Sites.ServedCatalogue"/>), so answering a list costs copies, not conversions and formatting.
/// </summary>
public sealed class SiteViewParts
{
    private readonly Site _site;
    private readonly bool _parsed;

    /// <summary>
    /// Kinds of date per weekday: one for weekly hours; four for odd/even-date hours, whose openings of a date
    /// also depend on whether it and its eve are odd (the 1st after the 31st: both).
    /// </summary>
    private readonly int _kindsOfDate;

    private readonly HoursView?[] _hoursByDate;
    private readonly byte[]?[] _staticJson;

    public SiteViewParts(Site site)
    {
        ArgumentNullException.ThrowIfNull(site);
        _site = site;
        Locations = Enum.GetValues<CoordinateSystem>().Select(c => LocationView.Of(site.Location, c) with { Approximate = site.LocationApproximate ? true : null }).ToArray();
        Audience = new AudienceView(site.Audience.Kind, site.Audience.Groups.Count == 0 ? null : site.Audience.Groups, site.Audience.Text);
        var hours = site.Hours;
        _parsed = hours.Status == HoursParseStatus.Parsed && !hours.Always;
        _kindsOfDate = hours.OddEvenDates ? 4 : 1;
        _hoursByDate = new HoursView?[7 * _kindsOfDate];
        _staticJson = new byte[]?[3 * 7 * _kindsOfDate];
        FullHours = MakeHours(null, _parsed ? IntervalsOf(hours.Intervals) : null);
    }

    public IReadOnlyList<LocationView> Locations { get; }

    public AudienceView Audience { get; }

    public HoursView FullHours { get; }

    /// <summary>
    /// The hours with the openings of a local (Asia/Shanghai) date as <c>today</c>; built once per weekday (and,
    /// for odd/even-date hours, per kind of date), since nothing else changes them.
    /// </summary>
    public HoursView HoursOn(DateOnly date)
    {
        var slot = SlotOf(date);
        var cached = Volatile.Read(ref _hoursByDate[slot]);
        if (cached is not null)
            return cached;

        cached = MakeHours(_parsed ? IntervalsOf(_site.Hours.OpeningsOn(date)) : null, null);
        Volatile.Write(ref _hoursByDate[slot], cached);
        return cached;
    }

    /// <summary>
    /// The list view's fields that do not change between requests, serialized once per coordinate
    /// system and kind of local date: an object's opening brace and its properties, no closing brace.
    /// </summary>
    public byte[] StaticJson(CoordinateSystem coord, DateOnly date)
    {
        var site = _site;
        var slot = ((int)coord * 7 * _kindsOfDate) + SlotOf(date);
        var cached = Volatile.Read(ref _staticJson[slot]);
        if (cached is not null)
            return cached;

        var view = new SiteView
        {
            Id = site.Id,
            Name = site.Name,
            Address = site.Address,
            District = site.District,
            City = site.City,
            Street = site.Street,
            Location = Locations[(int)coord],
            Type = site.Type,
            TypeDerived = site.TypeDerived ? true : null,
            Audience = Audience,
            Hours = HoursOn(date),
            Status = null!,

            // Only sites in service at the time asked are written from these parts (nearby answers), so
            // a suspension with an end is over whenever this is written: its state is open.
            State = site.MayBeInService ? SiteState.Open : site.State,
            StateReason = site.State == SiteState.Open ? site.StateReason : null,
            Phone = site.Phone,
        };
        var json = SiteViewJson.ToUtf8Bytes(view);
        cached = json[..^1];
        Volatile.Write(ref _staticJson[slot], cached);
        return cached;
    }

    /// <summary>Weekday, then whether the date and its eve are odd when that changes the openings.</summary>
    private int SlotOf(DateOnly date) =>
        ((int)date.DayOfWeek * _kindsOfDate) + (_kindsOfDate == 1 ? 0 : ((date.Day % 2) * 2) + (date.AddDays(-1).Day % 2));

    /// <summary>Hours as an operator's view shows them (every weekly opening, no "today"), for a text not yet stored.</summary>
    public static HoursView WeeklyHours(OpeningHours hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        return MakeHours(hours, null, hours.Status == HoursParseStatus.Parsed && !hours.Always ? IntervalsOf(hours.Intervals) : null);
    }

    private HoursView MakeHours(IReadOnlyList<IntervalView>? today, IReadOnlyList<IntervalView>? week) => MakeHours(_site.Hours, today, week);

    private static HoursView MakeHours(OpeningHours hours, IReadOnlyList<IntervalView>? today, IReadOnlyList<IntervalView>? week)
    {
        return new(
            hours.Raw,
            hours.Status,
            hours.Always ? true : null,
            hours.AlternateWeeks ? true : null,
            today,
            week,
            hours.Problem,
            hours.OddEvenDates ? true : null,
            hours.Qualifiers.Count > 0 ? hours.Qualifiers : null);
    }

    /// <summary>A loop, not LINQ over <see cref="WeeklyInterval"/>: see the note above OpeningHours' Merge.</summary>
    private static IntervalView[] IntervalsOf(IReadOnlyList<WeeklyInterval> intervals)
    {
        var views = new IntervalView[intervals.Count];
        for (var k = 0; k < views.Length; k++)
            views[k] = IntervalOf(intervals[k]);
        return views;
    }

    private static IntervalView IntervalOf(WeeklyInterval i) => new(
        i.Day.ToString()[..3].ToLowerInvariant(),
        Clock(i.StartMinute),
        Clock(i.EndMinute > WeeklyInterval.MinutesPerDay ? i.EndMinute - WeeklyInterval.MinutesPerDay : i.EndMinute),
        i.EndMinute > WeeklyInterval.MinutesPerDay ? true : null,
        i.AlternateWeeks ? true : null,
        i.DateParity == DateParity.Any ? null : i.DateParity);

    private static string Clock(int minute) => string.Create(CultureInfo.InvariantCulture, $"{minute / 60:D2}:{minute % 60:D2}");
}

public sealed record AudienceView(AudienceKind Kind, IReadOnlyList<string>? Groups, string? Text);

/// <summary>
/// How busy a site is and how old that knowledge is. For noData and closed only the time of the
/// last report is given (if any): the other fields would describe a value no longer shown. Source
/// says who the value comes from; "demo" is the demo feeder's, never a person's count.
/// </summary>
public sealed record StatusView(BusyLevel Level, int? WaitMinutes, DateTimeOffset? UpdatedAt, DateTimeOffset? ConfirmedAt, DateTimeOffset? ChangedAt, StatusSource? Source)
{
    public static StatusView Of(CurrentStatus status)
    {
        var f = StatusFields.Of(status);
        return new StatusView(f.Level, f.WaitMinutes, f.UpdatedAt, f.ConfirmedAt, f.ChangedAt, f.Source);
    }
}

/// <summary>The fields of a <see cref="StatusView"/> without the object: what the nearby writer writes for each site.</summary>
public readonly record struct StatusFields(BusyLevel Level, int? WaitMinutes, DateTimeOffset? UpdatedAt, DateTimeOffset? ConfirmedAt, DateTimeOffset? ChangedAt, StatusSource? Source)
{
    public static StatusFields Of(CurrentStatus status)
    {
        var basis = status.Basis;
        var live = status.Level is not (BusyLevel.NoData or BusyLevel.Closed) && basis is not null;
        return new StatusFields(
            status.Level,
            status.WaitMinutes is { } w ? (int)Math.Round(w, MidpointRounding.AwayFromZero) : null,
            basis?.ReportedAt,
            live ? basis!.ConfirmedAt : null,
            live ? basis!.ChangedAt : null,
            live ? StatusSources.Parse(basis!.Source) : null);
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
    public required string City { get; init; }
    public string? Street { get; init; }
    public required LocationView Location { get; init; }
    public double? DistanceMeters { get; init; }
    public int? WalkMinutes { get; init; }

    /// <summary>Walk plus expected wait, when results are ordered by time.</summary>
    public int? TotalMinutes { get; init; }
    public SiteType Type { get; init; }

    /// <summary>true when the type was read from the site's name or notes rather than given by its list.</summary>
    public bool? TypeDerived { get; init; }
    public required AudienceView Audience { get; init; }
    public required HoursView Hours { get; init; }

    /// <summary>null when the hours are unknown: the finder does not guess.</summary>
    public bool? OpenNow { get; init; }

    public required StatusView Status { get; init; }
    public SiteState State { get; init; }

    /// <summary>When a suspension ends by itself; only while the site is suspended.</summary>
    public DateTimeOffset? SuspendedUntil { get; init; }

    /// <summary>Why the site is in its state ("消毒，暂停采样"), when an operator said.</summary>
    public string? StateReason { get; init; }

    public string? Phone { get; init; }
    public string? TypeText { get; init; }
    public string? SourceId { get; init; }
    public LocationView? SourceLocation { get; init; }

    /// <summary>Detail only: the point was geocoded by an import (source and confidence), not given by the list.</summary>
    public GeocodedView? Geocoded { get; init; }
    public string? Notes { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }

    public static SiteView Summary(Site site, SiteViewParts parts, CoordinateSystem coord, DateTimeOffset now, StatusBoard board) => new()
    {
        Id = site.Id,
        Name = site.Name,
        Address = site.Address,
        District = site.District,
        City = site.City,
        Street = site.Street,
        Location = parts.Locations[(int)coord],
        Type = site.Type,
        TypeDerived = site.TypeDerived ? true : null,
        Audience = parts.Audience,
        Hours = parts.HoursOn(DateOnly.FromDateTime(ShanghaiClock.ToLocal(now))),
        OpenNow = site.IsOpenAt(now),
        Status = StatusView.Of(board.Current(site, now)),
        State = site.StateAt(now),
        SuspendedUntil = site.StateAt(now) == SiteState.Suspended ? site.SuspendedUntil : null,
        StateReason = site.StateAt(now) == site.State ? site.StateReason : null,
        Phone = site.Phone,
    };

    public static SiteView Detail(Site site, SiteViewParts parts, CoordinateSystem coord, DateTimeOffset now, StatusBoard board) => Summary(site, parts, coord, now, board) with
    {
        Hours = parts.FullHours,
        TypeText = site.TypeText,
        SourceId = site.SourceId,
        SourceLocation = new LocationView(site.SourceLocation.Point.Lat, site.SourceLocation.Point.Lng, site.SourceLocation.System.ToLabel()),
        Geocoded = GeocodedView.Of(site),
        Notes = site.Notes,
        UpdatedAt = site.UpdatedAt,
    };
}
