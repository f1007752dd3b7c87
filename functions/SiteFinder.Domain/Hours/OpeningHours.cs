using System.Collections.ObjectModel;

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

    private OpeningHours(string raw, HoursParseStatus status, WeeklyInterval[] intervals, bool always, string? problem, IReadOnlyList<HoursQualifier> qualifiers)
    {
        Raw = raw;
        Status = status;
        Intervals = new ReadOnlyCollection<WeeklyInterval>(intervals);
        Qualifiers = qualifiers;
        Always = always;
        Problem = problem;
        _openings = new Opening[intervals.Length];
        for (var k = 0; k < intervals.Length; k++)
        {
            var i = intervals[k];
            AlternateWeeks |= i.AlternateWeeks;
            OddEvenDates |= i.DateParity != DateParity.Any;
            _openings[k] = new Opening((((int)i.Day * Day) + i.StartMinute) * TimeSpan.TicksPerMinute, i.DurationMinutes * TimeSpan.TicksPerMinute, i);
        }
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
        {
            merged = new WeeklyInterval[7];
            for (var d = 0; d < 7; d++)
                merged[d] = new WeeklyInterval((DayOfWeek)d, 0, Day);
        }

        return new OpeningHours(raw, HoursParseStatus.Parsed, merged, always, null, qualifiers);
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
        var count = 0;
        foreach (var opening in _openings)
            count += Counts(opening.Interval) ? 1 : 0;
        var result = new WeeklyInterval[count];
        count = 0;
        foreach (var opening in _openings)
        {
            if (Counts(opening.Interval))
                result[count++] = opening.Interval;
        }

        return result;

        bool Counts(WeeklyInterval i) => (i.Day == day && HoldsOn(i, date)) || (i.Day == eve.DayOfWeek && i.EndMinute > Day && HoldsOn(i, eve));
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

    // Merge, Sort and CoversWholeWeek are loops over arrays rather than LINQ: the framework's generic code over
    // WeeklyInterval, a value type of this assembly, is in no ReadyToRun image, so every LINQ operator used here was
    // compiled at run time on a fresh instance (about 150 methods before its first answer; BENCHMARKS.md, issue 16).
    // The lists are a few dozen openings at most.

    /// <summary>
    /// Openings of the same day, alternate-weeks flag and date parity that overlap or touch become one; the result is
    /// ordered by day, start, alternate weeks, parity.
    /// </summary>
    private static WeeklyInterval[] Merge(List<WeeklyInterval> intervals)
    {
        var sorted = intervals.ToArray();
        Sort(sorted, groupFirst: true);

        // Sorted by group, then start: a group's openings are adjacent and in start order, so one pass merges them.
        var merged = new WeeklyInterval[sorted.Length];
        var count = 0;
        foreach (var interval in sorted)
        {
            if (count > 0 && SameGroup(merged[count - 1], interval) && interval.StartMinute <= merged[count - 1].EndMinute)
                merged[count - 1] = merged[count - 1] with { EndMinute = Math.Max(merged[count - 1].EndMinute, interval.EndMinute) };
            else
                merged[count++] = interval;
        }

        Array.Resize(ref merged, count);
        Sort(merged, groupFirst: false);
        return merged;
    }

    private static bool SameGroup(WeeklyInterval a, WeeklyInterval b) =>
        a.Day == b.Day && a.AlternateWeeks == b.AlternateWeeks && a.DateParity == b.DateParity;

    /// <summary>
    /// Stable insertion sort, by day, alternate weeks, parity, start (<paramref name="groupFirst"/>) or by day, start,
    /// alternate weeks, parity.
    /// </summary>
    private static void Sort(WeeklyInterval[] items, bool groupFirst)
    {
        for (var i = 1; i < items.Length; i++)
        {
            // items[..i] is sorted: move the larger ones one place right until the item's place is free.
            var item = items[i];
            var j = i - 1;
            for (; j >= 0 && Compare(items[j], item, groupFirst) > 0; j--)
                items[j + 1] = items[j];
            items[j + 1] = item;
        }
    }

    private static int Compare(WeeklyInterval a, WeeklyInterval b, bool groupFirst)
    {
        var day = (int)a.Day - (int)b.Day;
        var start = a.StartMinute - b.StartMinute;
        var alternate = (a.AlternateWeeks ? 1 : 0) - (b.AlternateWeeks ? 1 : 0);
        var parity = (int)a.DateParity - (int)b.DateParity;
        return day != 0 ? day
            : groupFirst ? (alternate != 0 ? alternate : parity != 0 ? parity : start)
            : start != 0 ? start : alternate != 0 ? alternate : parity;
    }

    private static bool CoversWholeWeek(WeeklyInterval[] intervals)
    {
        // Walk from Sunday 00:00 through openings that start no later than the current position (with no weekly
        // opening the first step finds nothing and the answer is no).
        var position = 0.0;
        var covered = 0.0;
        while (covered < Week)
        {
            var remaining = 0.0;
            foreach (var interval in intervals)
            {
                if (IsWeekly(interval) && Contains(interval, position))
                    remaining = Math.Max(remaining, Remaining(interval, position));
            }

            if (remaining <= 0)
                return false;
            covered += remaining;
            position = (position + remaining) % Week;
        }

        return true;
    }

    private static bool IsWeekly(WeeklyInterval interval) => !interval.AlternateWeeks && interval.DateParity == DateParity.Any;

    /// <summary>An interval's start from Sunday 00:00 and its length, in ticks.</summary>
    private readonly record struct Opening(long StartTick, long DurationTicks, WeeklyInterval Interval);
}
