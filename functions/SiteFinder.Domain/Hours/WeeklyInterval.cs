namespace SiteFinder.Domain.Hours;

/// <summary>
/// Minutes after local (Asia/Shanghai) midnight of <paramref name="Day"/>.
/// EndMinute &gt; StartMinute; EndMinute may exceed 1440 (up to 2880) when a site closes after midnight.
/// </summary>
/// <param name="Day">Day on which the opening starts.</param>
/// <param name="StartMinute">Opening minute after local midnight of <paramref name="Day"/> (0–1439), inclusive.</param>
/// <param name="EndMinute">Closing minute after local midnight of <paramref name="Day"/> (exclusive), at most 2880.</param>
public readonly record struct WeeklyInterval(DayOfWeek Day, int StartMinute, int EndMinute)
{
    /// <summary>Minutes in a day.</summary>
    public const int MinutesPerDay = 1440;

    /// <summary>
    /// True when this opening happens only every other week (隔周) and which week is unknown.
    /// Such intervals make <see cref="OpeningHours.IsOpenAt"/> answer null inside them.
    /// </summary>
    public bool AlternateWeeks { get; init; }

    /// <summary>
    /// <see cref="DateParity.Odd"/> or <see cref="DateParity.Even"/> when this opening holds only on such dates
    /// of the month (单号/双号); the date is the one the opening starts on, in Asia/Shanghai.
    /// </summary>
    public DateParity DateParity { get; init; }

    /// <summary>Length of the opening in minutes.</summary>
    public int DurationMinutes => EndMinute - StartMinute;

    /// <summary>True when the start, end and order are within the documented bounds.</summary>
    public bool IsWellFormed =>
        Enum.IsDefined(Day)
        && Enum.IsDefined(DateParity)
        && StartMinute >= 0
        && StartMinute < MinutesPerDay
        && EndMinute > StartMinute
        && EndMinute <= 2 * MinutesPerDay;

    /// <summary>For example "Mon 08:00-11:30", "Sat 22:00-06:00(+1)", "Wed 08:00-11:00 (alternate weeks)", "Thu 09:00-17:00 (odd dates)".</summary>
    public override string ToString()
    {
        var text = $"{Day.ToString()[..3]} {Format(StartMinute)}-{Format(EndMinute % MinutesPerDay)}";
        if (EndMinute == MinutesPerDay)
            text = $"{Day.ToString()[..3]} {Format(StartMinute)}-24:00";
        else if (EndMinute > MinutesPerDay)
            text += "(+1)";
        if (DateParity != DateParity.Any)
            text += DateParity == DateParity.Odd ? " (odd dates)" : " (even dates)";
        return AlternateWeeks ? text + " (alternate weeks)" : text;
    }

    private static string Format(int minute) => $"{minute / 60:00}:{minute % 60:00}";
}
