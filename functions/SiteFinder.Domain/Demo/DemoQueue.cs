using SiteFinder.Domain.Hours;

namespace SiteFinder.Domain.Demo;

/// <summary>
/// One demo site's queue, a minute at a time, as the simulated-day test models it: Poisson arrivals
/// at a rate set by the hour of day (Asia/Shanghai) and the site's own popularity, and windows that
/// each serve at their own rate. A resident facing a wait of an hour or more goes elsewhere, so a
/// busy site stays congested rather than growing without end.
/// </summary>
public sealed class DemoQueue(int windows, double perWindowRate, double popularity, Random random)
{
    /// <summary>Longest wait a resident still joins the queue for.</summary>
    public const double LongestJoinedWaitMinutes = 60;

    private double _credit;

    public int Windows { get; } = windows;

    public double PerWindowRate { get; } = perWindowRate;

    /// <summary>How much more (or less) demand this site sees than the day's shape: 1 is the average site.</summary>
    public double Popularity { get; } = popularity;

    /// <summary>Samples the windows take in a minute.</summary>
    public double Capacity => Windows * PerWindowRate;

    public int Queue { get; private set; }

    public int ServedLastMinute { get; private set; }

    /// <summary>The wait of someone arriving now.</summary>
    public double WaitMinutes => Queue / Capacity;

    /// <summary>
    /// Demand as a share of a site's capacity by local time of day: a morning rush before work, a quiet
    /// lunch, an evening peak after work, little at night. Above 1 the queue grows.
    /// </summary>
    public static double Demand(TimeOnly local) => ((local.Hour * 60) + local.Minute) switch
    {
        < 390 => 0.1,    // until 06:30
        < 480 => 0.6,    // 06:30–08:00
        < 590 => 1.35,   // 08:00–09:50, the morning rush
        < 690 => 0.8,    // 09:50–11:30
        < 810 => 0.5,    // 11:30–13:30, lunch
        < 1020 => 0.7,   // 13:30–17:00
        < 1140 => 1.25,  // 17:00–19:00, after work
        < 1320 => 0.6,   // 19:00–22:00
        _ => 0.25,
    };

    /// <summary>One minute starting at <paramref name="minute"/>: arrivals join (none while the site is closed), then the windows serve what they can.</summary>
    public void Step(DateTimeOffset minute, bool open)
    {
        if (open)
        {
            var arrivals = Poisson(random, Capacity * Popularity * Demand(TimeOnly.FromDateTime(ShanghaiClock.ToLocal(minute))));
            for (var i = 0; i < arrivals && WaitMinutes < LongestJoinedWaitMinutes; i++)
                Queue++;
        }

        // Service not used (no one waiting) is not banked for later: the credit carries only the
        // fraction of a sample a minute's capacity leaves, so a burst is never served faster than the windows can.
        _credit = Math.Min(_credit + Capacity, Math.Floor(Capacity) + 1);
        ServedLastMinute = Math.Min(Queue, (int)_credit);
        _credit -= ServedLastMinute;
        Queue -= ServedLastMinute;
    }

    /// <summary>The queue as staff count it by eye, up to ±15% off: those waiting and those just served.</summary>
    public int CountedQueue() => (int)Math.Round((Queue + ServedLastMinute) * (0.85 + (random.NextDouble() * 0.3)));

    /// <summary>A Poisson draw of the given mean (Knuth's product of uniforms: fine for the small means of a minute's arrivals).</summary>
    public static int Poisson(Random random, double mean)
    {
        ArgumentNullException.ThrowIfNull(random);
        var limit = Math.Exp(-mean);
        var product = random.NextDouble();
        var count = 0;
        while (product > limit)
        {
            product *= random.NextDouble();
            count++;
        }

        return count;
    }
}
