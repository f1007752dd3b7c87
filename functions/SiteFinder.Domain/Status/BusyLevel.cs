namespace SiteFinder.Domain.Status;

/// <summary>How busy a site is, as residents see it. NoData and Closed are stated, never hidden behind a guess.</summary>
public enum BusyLevel
{
    Idle,
    Normal,
    Busy,
    Congested,

    /// <summary>Staff paused sampling (break, restocking, disinfection).</summary>
    Paused,

    /// <summary>No report within the TTL: the finder does not know.</summary>
    NoData,

    /// <summary>Outside opening hours or not in service.</summary>
    Closed,

    /// <summary>
    /// Several residents said the site is closed although it should be open, and no one who knows has
    /// spoken since: a staff report or an operator's confirmation ends it. Never a staff level.
    /// </summary>
    Unconfirmed,
}

/// <summary>City-set rules for turning reports into levels and waits. Defaults follow Shenzhen's published thresholds.</summary>
public sealed record StatusOptions
{
    /// <summary>A status older than this is shown as "no recent data".</summary>
    public int TtlMinutes { get; init; } = 30;

    /// <summary>Waits below this are "idle".</summary>
    public double IdleBelowMinutes { get; init; } = 5;

    /// <summary>Waits from this are "busy" (below it "normal").</summary>
    public double BusyFromMinutes { get; init; } = 25;

    /// <summary>Waits from this are "congested".</summary>
    public double CongestedFromMinutes { get; init; } = 50;

    /// <summary>Samples one window takes a minute when no throughput counts are at hand.</summary>
    public double PerWindowSamplesPerMinute { get; init; } = 2;

    /// <summary>Throughput counts within this many minutes give the service rate.</summary>
    public int RateWindowMinutes { get; init; } = 5;

    /// <summary>At least this many counted minutes are needed before throughput replaces the per-window rate.</summary>
    public int MinimumRateMinutes { get; init; } = 3;

    public BusyLevel LevelForWait(double waitMinutes) =>
        waitMinutes >= CongestedFromMinutes ? BusyLevel.Congested
        : waitMinutes >= BusyFromMinutes ? BusyLevel.Busy
        : waitMinutes >= IdleBelowMinutes ? BusyLevel.Normal
        : BusyLevel.Idle;

    /// <summary>The wait to plan with when staff gave only a level: the middle of the level's band.</summary>
    public double? TypicalWait(BusyLevel level) => level switch
    {
        BusyLevel.Idle => 0,
        BusyLevel.Normal => (IdleBelowMinutes + BusyFromMinutes) / 2,
        BusyLevel.Busy => (BusyFromMinutes + CongestedFromMinutes) / 2,
        BusyLevel.Congested => CongestedFromMinutes,
        _ => null,
    };
}
