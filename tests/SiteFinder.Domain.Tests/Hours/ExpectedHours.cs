using SiteFinder.Domain.Hours;

namespace SiteFinder.Domain.Tests.Hours;

/// <summary>
/// Builds expected intervals from a compact notation: groups separated by '|', each "days ranges...".
/// Days: two-letter codes run together (MoTuWeThFrSaSu) or "Daily"; a "~" suffix marks alternate weeks,
/// ":odd" or ":even" odd or even dates only.
/// Ranges: "08:00-11:30"; an end written "+02:00" is on the next day (02:00 + 1440).
/// Example: "MoTuWeThFr 08:00-11:00 13:00-16:00 | SaSu 08:00-11:00", "Daily:odd 07:30-11:30 | Daily:even 15:30-19:30".
/// </summary>
internal static class ExpectedHours
{
    private static readonly string[] Codes = ["Su", "Mo", "Tu", "We", "Th", "Fr", "Sa"];

    public static List<WeeklyInterval> Of(string spec)
    {
        var result = new List<WeeklyInterval>();
        foreach (var group in spec.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = group.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var (dayText, parity) = parts[0].Split(':') switch
            {
                [var code, "odd"] => (code, DateParity.Odd),
                [var code, "even"] => (code, DateParity.Even),
                [var code] => (code, DateParity.Any),
                _ => throw new ArgumentException($"bad dates in '{group}'", nameof(spec)),
            };
            var alternate = dayText.EndsWith('~');
            dayText = dayText.TrimEnd('~');
            var days = dayText == "Daily"
                ? Enumerable.Range(0, 7).Select(d => (DayOfWeek)d).ToList()
                : Enumerable.Range(0, dayText.Length / 2).Select(k => (DayOfWeek)Array.IndexOf(Codes, dayText.Substring(k * 2, 2))).ToList();
            Assert.True(days.All(Enum.IsDefined), $"bad day codes in '{group}'");
            Assert.True(parts.Length > 1, $"no ranges in '{group}'");

            foreach (var range in parts.Skip(1))
            {
                var ends = range.Split('-');
                var start = Minutes(ends[0]);
                var end = ends[1].StartsWith('+') ? WeeklyInterval.MinutesPerDay + Minutes(ends[1][1..]) : Minutes(ends[1]);
                result.AddRange(days.Select(d => new WeeklyInterval(d, start, end) { AlternateWeeks = alternate, DateParity = parity }));
            }
        }

        return [.. result.OrderBy(i => i.Day).ThenBy(i => i.StartMinute).ThenBy(i => i.AlternateWeeks).ThenBy(i => i.DateParity)];
    }

    /// <summary>Asserts <paramref name="raw"/> parses to exactly the intervals of <paramref name="spec"/>.</summary>
    public static OpeningHours AssertParses(string raw, string spec)
    {
        var hours = OpeningHours.Parse(raw);
        Assert.True(hours.Status == HoursParseStatus.Parsed, $"'{raw}' was {hours.Status}: {hours.Problem}");
        Assert.Null(hours.Problem);
        Assert.Equal(Of(spec), hours.Intervals);
        return hours;
    }

    /// <summary>Asserts <paramref name="raw"/> is Unparsed with a problem containing <paramref name="problemPart"/>.</summary>
    public static OpeningHours AssertUnparsed(string raw, string problemPart)
    {
        var hours = OpeningHours.Parse(raw);
        Assert.True(hours.Status == HoursParseStatus.Unparsed, $"'{raw}' was {hours.Status}: {hours}");
        Assert.Empty(hours.Intervals);
        Assert.False(hours.Always);
        Assert.NotNull(hours.Problem);
        Assert.Contains(problemPart, hours.Problem, StringComparison.Ordinal);
        Assert.Equal(raw, hours.Raw);
        return hours;
    }

    private static int Minutes(string hhmm)
    {
        var parts = hhmm.Split(':');
        return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) * 60)
            + int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
