namespace SiteFinder.Domain.Hours;

/// <summary>Outcome of parsing an opening-hours string.</summary>
public enum HoursParseStatus
{
    /// <summary>The whole text was understood; <see cref="OpeningHours.Intervals"/> holds the schedule.</summary>
    Parsed,

    /// <summary>Some of the text could not be interpreted; see <see cref="OpeningHours.Problem"/>.</summary>
    Unparsed,

    /// <summary>No text at all (null, empty or only white space).</summary>
    Empty,
}
