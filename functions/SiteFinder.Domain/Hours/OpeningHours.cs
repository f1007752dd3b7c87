namespace SiteFinder.Domain.Hours;

/// <summary>
/// Opening hours of a sampling site parsed from the free text of the official lists
/// (for example "周一至周五；上午8:00-11:00；下午13:30-15:00" or "周三、周六 8：00-11：30、13：30-18：00").
/// Text that cannot be interpreted is never guessed: the result is <see cref="HoursParseStatus.Unparsed"/>
/// with a <see cref="Problem"/>, and the open/closed questions answer null.
/// </summary>
public sealed class OpeningHours
{
    private const int Day = WeeklyInterval.MinutesPerDay;
    private const int Week = 7 * Day;
    private const long WeekTicks = 7 * TimeSpan.TicksPerDay;

    /// <summary><see cref="Intervals"/> as ticks of the week, for <see cref="IsOpenAt"/>.</summary>
    private readonly Opening[] _openings;

    private OpeningHours(string raw, HoursParseStatus status, IReadOnlyList<WeeklyInterval> intervals, bool always, string? problem, IReadOnlyList<HoursQualifier> qualifiers)
    {
        Raw = raw;
        Status = status;
        Intervals = intervals;
        Qualifiers = qualifiers;
        Always = always;
        AlternateWeeks = intervals.Any(i => i.AlternateWeeks);
        OddEvenDates = intervals.Any(i => i.DateParity != DateParity.Any);
        Problem = problem;
        _openings = [.. intervals.Select(i => new Opening((((int)i.Day * Day) + i.StartMinute) * TimeSpan.TicksPerMinute, i.DurationMinutes * TimeSpan.TicksPerMinute, i))];
    }

    /// <summary>The original text, exactly as given ("" for null).</summary>
    public string Raw { get; }

    public HoursParseStatus Status { get; }

    /// <summary>
    /// Empty unless <see cref="HoursParseStatus.Parsed"/>; sorted by <see cref="DayOfWeek"/> value (Sunday first) then start;
    /// overlapping or touching intervals of the same day (and same <see cref="WeeklyInterval.AlternateWeeks"/> and
    /// <see cref="WeeklyInterval.DateParity"/>) merged.
    /// When <see cref="Always"/> the list is the seven whole days 0–1440.
    /// </summary>
    public IReadOnlyList<WeeklyInterval> Intervals { get; }

    /// <summary>隔周: some intervals are open only every other week (which week is unknown); they carry <see cref="WeeklyInterval.AlternateWeeks"/>.</summary>
    public bool AlternateWeeks { get; }

    /// <summary>
    /// 单号/双号: some intervals hold only on odd or even dates of the month (<see cref="WeeklyInterval.DateParity"/>),
    /// so the openings of a day depend on its date and not only on its weekday.
    /// </summary>
    public bool OddEvenDates { get; }

    /// <summary>Open all week round the clock (24小时 / 全天 / 8:00-8:00 / 0:00-24:00 every day).</summary>
    public bool Always { get; }

    /// <summary>
    /// Remarks written beside the schedule (预约检测, 临时, 除节假日外, …), distinct and in enum order; empty unless
    /// <see cref="HoursParseStatus.Parsed"/>. <see cref="IsOpenAt"/> answers from the schedule alone: on a public holiday
    /// it answers as on a working day, and <see cref="HoursQualifier.PublicHolidayExceptions"/> says that may be wrong.
    /// </summary>
    public IReadOnlyList<HoursQualifier> Qualifiers { get; }

    /// <summary>Short English reason when <see cref="HoursParseStatus.Unparsed"/>; null otherwise.</summary>
    public string? Problem { get; }

    /// <summary>No hours known (status <see cref="HoursParseStatus.Empty"/>).</summary>
    public static OpeningHours Unknown { get; } = new("", HoursParseStatus.Empty, [], false, null, []);

    public static OpeningHours Parse(string? raw)
    {
        raw ??= "";
        if (string.IsNullOrWhiteSpace(raw))
            return raw.Length == 0 ? Unknown : new OpeningHours(raw, HoursParseStatus.Empty, [], false, null, []);

        var intervals = HoursParser.Parse(raw.Trim(), out var qualifiers, out var problem);
        if (intervals is null)
            return new OpeningHours(raw, HoursParseStatus.Unparsed, [], false, problem ?? "unrecognised text", []);

        var merged = Merge(intervals);
        var always = CoversWholeWeek(merged);
        if (always)
            merged = [.. Enumerable.Range(0, 7).Select(d => new WeeklyInterval((DayOfWeek)d, 0, Day))];

        return new OpeningHours(raw, HoursParseStatus.Parsed, merged.AsReadOnly(), always, null, qualifiers);
    }

    /// <summary>
    /// True/false when known; null when unknown (<see cref="HoursParseStatus.Unparsed"/>, <see cref="HoursParseStatus.Empty"/>,
    /// or the instant falls in an alternate-week interval). Evaluated in Asia/Shanghai whatever the instant's offset;
    /// the start minute is open, the end minute is closed. An odd/even-date interval counts when the date it starts on
    /// has its parity: 单号 20:00-次日02:00 is open at 01:00 on the 1st after the 31st, not after the 30th.
    /// </summary>
    public bool? IsOpenAt(DateTimeOffset instant)
    {
        if (Status != HoursParseStatus.Parsed)
            return null;

        if (Always)
            return true;

        // A plain loop over an array, in whole ticks: this runs for every listed site of every nearby request.
        var local = ShanghaiClock.ToLocal(instant);
        var tickOfWeek = ((int)local.DayOfWeek * TimeSpan.TicksPerDay) + local.TimeOfDay.Ticks;
        var inAlternateWeek = false;
        foreach (var opening in _openings)
        {
            var offset = tickOfWeek - opening.StartTick;
            if (offset < 0)
                offset += WeekTicks;
            if (offset >= opening.DurationTicks)
                continue;
            var interval = opening.Interval;
            if (interval.DateParity != DateParity.Any && !HoldsOn(interval, StartDate(interval, local)))
                continue;
            if (!interval.AlternateWeeks)
                return true;
            inAlternateWeek = true;
        }

        return inAlternateWeek ? null : false;
    }

    /// <summary>
    /// The openings that count on a local date: those that start that day, and last night's that run
    /// on past midnight (a site open Sat 22:00-06:00 is open on Sunday morning). Odd/even-date openings count when
    /// the date they start on has their parity. Empty unless parsed.
    /// </summary>
    public IReadOnlyList<WeeklyInterval> OpeningsOn(DateOnly date)
    {
        var day = date.DayOfWeek;
        var eve = date.AddDays(-1);
        return [.. Intervals.Where(i => (i.Day == day && HoldsOn(i, date)) || (i.Day == eve.DayOfWeek && i.EndMinute > Day && HoldsOn(i, eve)))];
    }

    public override string ToString()
    {
        var text = Status switch
        {
            HoursParseStatus.Parsed when Always => "always open",
            HoursParseStatus.Parsed => string.Join("; ", Intervals),
            HoursParseStatus.Unparsed => $"unparsed: {Problem}",
            _ => "unknown",
        };
        return Qualifiers.Count == 0 ? text : $"{text} ({string.Join(", ", Qualifiers)})";
    }

    /// <summary>
    /// The local date an interval that contains <paramref name="local"/> started on: today when it starts on today's
    /// weekday (it lasts less than a week), else yesterday (it runs on past midnight).
    /// </summary>
    private static DateOnly StartDate(WeeklyInterval interval, DateTime local)
    {
        var today = DateOnly.FromDateTime(local);
        return interval.Day == local.DayOfWeek ? today : today.AddDays(-1);
    }

    private static bool HoldsOn(WeeklyInterval interval, DateOnly startDate) => interval.DateParity switch
    {
        DateParity.Odd => startDate.Day % 2 == 1,
        DateParity.Even => startDate.Day % 2 == 0,
        _ => true,
    };

    private static double Offset(WeeklyInterval interval, double minuteOfWeek)
    {
        var start = ((int)interval.Day * Day) + interval.StartMinute;
        return ((minuteOfWeek - start) % Week + Week) % Week;
    }

    private static bool Contains(WeeklyInterval interval, double minuteOfWeek) =>
        Offset(interval, minuteOfWeek) < interval.DurationMinutes;

    private static double Remaining(WeeklyInterval interval, double minuteOfWeek) =>
        interval.DurationMinutes - Offset(interval, minuteOfWeek);

    private static List<WeeklyInterval> Merge(List<WeeklyInterval> intervals)
    {
        var result = new List<WeeklyInterval>();
        foreach (var sameDay in intervals.GroupBy(i => (i.Day, i.AlternateWeeks, i.DateParity)))
        {
            WeeklyInterval? open = null;
            foreach (var interval in sameDay.OrderBy(i => i.StartMinute))
            {
                if (open is { } current && interval.StartMinute <= current.EndMinute)
                {
                    open = current with { EndMinute = Math.Max(current.EndMinute, interval.EndMinute) };
                    continue;
                }

                if (open is not null)
                    result.Add(open.Value);
                open = interval;
            }

            if (open is not null)
                result.Add(open.Value);
        }

        return [.. result.OrderBy(i => i.Day).ThenBy(i => i.StartMinute).ThenBy(i => i.AlternateWeeks).ThenBy(i => i.DateParity)];
    }

    private static bool CoversWholeWeek(List<WeeklyInterval> intervals)
    {
        var weekly = intervals.Where(i => !i.AlternateWeeks && i.DateParity == DateParity.Any).ToList();
        if (weekly.Count == 0)
            return false;

        // Walk from Sunday 00:00 through openings that start no later than the current position.
        var position = 0.0;
        var covered = 0.0;
        while (covered < Week)
        {
            var remaining = weekly.Where(i => Contains(i, position)).Select(i => Remaining(i, position)).DefaultIfEmpty(0).Max();
            if (remaining <= 0)
                return false;
            covered += remaining;
            position = (position + remaining) % Week;
        }

        return true;
    }

    /// <summary>An interval's start from Sunday 00:00 and its length, in ticks.</summary>
    private readonly record struct Opening(long StartTick, long DurationTicks, WeeklyInterval Interval);
}
