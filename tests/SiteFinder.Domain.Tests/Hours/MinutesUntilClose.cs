using SiteFinder.Domain.Hours;

namespace SiteFinder.Domain.Tests.Hours;

/// <summary>
/// How long a site stays open from an instant, from the public intervals alone: a second reading of
/// the weekly table that the clock tests hold <see cref="OpeningHours.IsOpenAt"/> against. Weekly hours only: odd/even-date
/// openings depend on the calendar, which the clock tests check against a calendar reading instead.
/// </summary>
public static class MinutesUntilClose
{
    private const int Day = WeeklyInterval.MinutesPerDay;
    private const int Week = 7 * Day;

    /// <summary>
    /// Whole minutes until the opening ends (rounded down), following on into an opening that starts exactly
    /// when this one ends; null when closed or unknown; <see cref="int.MaxValue"/> when it never closes.
    /// </summary>
    public static int? Of(OpeningHours hours, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(hours);
        if (hours.IsOpenAt(instant) != true)
            return null;

        var weekly = hours.Intervals.Where(i => !i.AlternateWeeks).ToList();
        var local = ShanghaiClock.ToLocal(instant);
        var position = ((int)local.DayOfWeek * Day) + local.TimeOfDay.TotalMinutes;
        var total = 0.0;
        while (total < Week)
        {
            var remaining = weekly.Select(i => i.DurationMinutes - Offset(i, position)).Where(r => r > 0).DefaultIfEmpty(0).Max();
            if (remaining <= 0)
                break;
            total += remaining;
            position = (position + remaining) % Week;
        }

        return total >= Week ? int.MaxValue : (int)Math.Floor(total);
    }

    private static double Offset(WeeklyInterval interval, double minuteOfWeek) =>
        ((minuteOfWeek - (((int)interval.Day * Day) + interval.StartMinute)) % Week + Week) % Week;
}
