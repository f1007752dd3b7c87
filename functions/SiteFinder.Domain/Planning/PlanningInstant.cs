using System.Globalization;
using SiteFinder.Domain.Hours;

namespace SiteFinder.Domain.Planning;

/// <summary>
/// The instant a planner asks about, given as Shanghai wall-clock time ("2026-12-01T21:00", seconds
/// optional), because "who is covered at 21:00" is a local question. An offset or a Z is refused
/// rather than silently converted: a planner who sends one means something this cannot guess.
/// Answers are for whole minutes, as opening hours are.
/// </summary>
public static class PlanningInstant
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    private static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];

    public static bool TryParseLocal(string text, out DateTimeOffset instant, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        instant = default;
        if (!DateTime.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            error = $"'{text}' is not a local date-time such as 2026-12-01T21:00 (Shanghai time, no offset)";
            return false;
        }

        // A plan is about the years of the programme, not year 1 (before UTC's year 1 at +08:00) or 1900
        // (when Shanghai's offset was +08:05:43, which DateTimeOffset cannot hold): both would throw.
        if (local.Year is < MinYear or > MaxYear)
        {
            error = $"'{text}' is outside the years {MinYear} to {MaxYear}";
            return false;
        }

        instant = Minute(new DateTimeOffset(local, ShanghaiClock.Zone.GetUtcOffset(local)));
        error = null;
        return true;
    }

    /// <summary>The start of the minute holding <paramref name="instant"/>.</summary>
    public static DateTimeOffset Minute(DateTimeOffset instant) =>
        new(instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);

    /// <summary>The instant as Shanghai wall-clock time, to the minute: "2026-12-01T21:00".</summary>
    public static string ToLocalText(DateTimeOffset instant) =>
        ShanghaiClock.ToLocal(instant).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
}
