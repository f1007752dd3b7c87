namespace SiteFinder.Domain.Hours;

/// <summary>Local time of the sites: Asia/Shanghai (UTC+8, no daylight saving since 1991).</summary>
public static class ShanghaiClock
{
    private static readonly Lazy<TimeZoneInfo> LazyZone = new(FindZone);

    /// <summary>Asia/Shanghai from the system, or a fixed UTC+8 custom zone when the system does not know the id.</summary>
    public static TimeZoneInfo Zone => LazyZone.Value;

    /// <summary>The wall-clock time in Shanghai at <paramref name="instant"/>, whatever the instant's own offset.</summary>
    public static DateTime ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
        }
    }
}
