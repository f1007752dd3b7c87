using SiteFinder.Domain.Geo;

namespace SiteFinder.Domain.Planning;

/// <summary>
/// The walk the city's aim counts: great-circle metres × the README's detour factor (1.3) ÷ 80 m a
/// minute, the same constants the nearby answers use (<see cref="GreatCircle"/>). Unrounded here, so
/// that "within 15 minutes" means at most 923 m of straight line, not "rounds up to 15".
/// </summary>
public static class WalkingTime
{
    public const int DefaultMinutes = 15;
    public const int MinMinutes = 1;
    public const int MaxMinutes = 60;

    public static double Minutes(double meters) => meters * GreatCircle.WalkingDetourFactor / GreatCircle.WalkingMetersPerMinute;

    /// <summary>The straight-line reach of a walk of <paramref name="minutes"/>: 923 m for 15.</summary>
    public static double ReachMeters(double minutes) => minutes * GreatCircle.WalkingMetersPerMinute / GreatCircle.WalkingDetourFactor;
}
