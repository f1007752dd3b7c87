using System.Globalization;
using SiteFinder.Domain.Sites;
using SiteFinder.Domain.Status;

namespace SiteFinder.Domain.Demo;

/// <summary>A report the demo feeder sends for a site, as staff would tap it.</summary>
public sealed record DemoReport(string SiteId, StaffReportInput Input)
{
    /// <summary>The minute the report is of (its client report id names it too).</summary>
    public DateTimeOffset Minute { get; init; }
}

/// <summary>
/// What the demo feeder says, and when: a share of the open demo sites, each a <see cref="DemoQueue"/>,
/// reporting its queue every <see cref="ReportEveryMinutes"/> minutes (staggered, so reports come
/// evenly) and counting its samples each minute as a scan system would. One in ten fed sites reports
/// once and then falls silent, as staff who forget, so that stale sites with a last report exist;
/// the sites not chosen never report. Deterministic given the seed and the clock.
/// </summary>
public sealed class DemoFeed
{
    public const int ReportEveryMinutes = 5;

    /// <summary>Minutes simulated before the first report, so that the first queues fit the time of day.</summary>
    public const int WarmUpMinutes = 60;

    /// <summary>Longer gaps than this (a machine asleep) are not replayed: the queues start over.</summary>
    public static readonly TimeSpan LongestCatchUp = TimeSpan.FromHours(2);

    private static readonly TimeSpan Every = TimeSpan.FromMinutes(ReportEveryMinutes);

    private readonly Fed[] _sites;
    private readonly TimeProvider _clock;
    private DateTimeOffset? _next;

    public DemoFeed(IReadOnlyList<Site> sites, int seed, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(sites);
        _clock = clock;
        _sites = [.. sites.OrderBy(s => s.Id, StringComparer.Ordinal).Select((site, index) =>
        {
            var random = new Random(unchecked(seed + (index * 7919)));
            var queue = new DemoQueue(1 + random.Next(3), 1.5 + (random.NextDouble() * 0.6), 0.55 + (random.NextDouble() * 0.7), random);
            return new Fed(site, queue, Slot: index % ReportEveryMinutes, Lapses: index % 10 == 9);
        })];
    }

    public IReadOnlyList<Site> Sites => [.. _sites.Select(s => s.Site)];

    /// <summary>The fed sites that fall silent after their first report.</summary>
    public IReadOnlyList<string> Lapsing => [.. _sites.Where(s => s.Lapses).Select(s => s.Site.Id)];

    /// <summary>
    /// Of the open demo sites (demo source ids), <paramref name="percent"/> of each district's, chosen
    /// by the seed: spread over the city, the same ones on every start.
    /// </summary>
    public static IReadOnlyList<Site> Choose(IEnumerable<Site> sites, int percent, int seed)
    {
        ArgumentNullException.ThrowIfNull(sites);
        var random = new Random(seed);
        var chosen = new List<Site>();
        foreach (var district in sites.Where(IsOpenDemoSite).GroupBy(s => s.District).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var candidates = district.OrderBy(s => s.Id, StringComparer.Ordinal).ToArray();
            random.Shuffle(candidates);
            chosen.AddRange(candidates.Take((int)Math.Round(candidates.Length * percent / 100.0)));
        }

        return chosen;
    }

    /// <summary>Demo sites are those of <see cref="DemoCatalogue"/>: their source ids say so.</summary>
    public static bool IsOpenDemoSite(Site site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return site.State == SiteState.Open && DemoCatalogue.IsDemoSourceId(site.SourceId);
    }

    /// <summary>
    /// Runs every queue up to the current minute and returns the samples each open site took in each
    /// whole minute since the last call (none on the first call, which only warms the queues up).
    /// </summary>
    public IReadOnlyList<ThroughputCount> Advance()
    {
        var now = Minute(_clock.GetUtcNow());
        var counted = _next is { } next && now - next <= LongestCatchUp;
        var minute = counted ? _next!.Value : now.AddMinutes(-WarmUpMinutes);
        var counts = new List<ThroughputCount>();
        for (; minute < now; minute = minute.AddMinutes(1))
        {
            foreach (var fed in _sites)
            {
                var open = IsOpen(fed.Site, minute);
                fed.Queue.Step(minute, open);
                if (counted && open && !fed.Silent)
                    counts.Add(new ThroughputCount(fed.Site.Id, minute, Math.Min(fed.Queue.ServedLastMinute, ThroughputBatch.MaxSamples)));
            }
        }

        _next = now;
        return counts;
    }

    /// <summary>
    /// The reports due now: a site reports while open, in its slot of every <see cref="ReportEveryMinutes"/>
    /// minutes, with a client report id of the minute (so a retry is the same report); a lapsing site
    /// reports once only. A report counts as made only once <see cref="Sent"/> says so: until then it
    /// is due again on every call, so a failed write is retried at the next chance rather than the next slot.
    /// </summary>
    public IReadOnlyList<DemoReport> DueReports()
    {
        var now = _clock.GetUtcNow();
        var minute = Minute(now);
        var number = minute.UtcTicks / TimeSpan.TicksPerMinute;
        var due = new List<DemoReport>();
        foreach (var fed in _sites)
        {
            if (fed.Silent || !IsOpen(fed.Site, now))
                continue;
            // In its slot; or, when a slot was missed (the feeder paused), at the next chance.
            var inSlot = number % ReportEveryMinutes == fed.Slot;
            var isDue = fed.Owed || (fed.LastReported is not { } last
                ? inSlot
                : minute - last >= Every && (inSlot || minute - last > Every));
            if (!isDue)
                continue;

            fed.Owed = true;
            var queue = Math.Min(fed.Queue.CountedQueue(), StaffReportInput.MaxQueueLength);
            var clientReportId = string.Create(CultureInfo.InvariantCulture, $"demo-{minute:yyyyMMddHHmm}");
            due.Add(new DemoReport(fed.Site.Id, new StaffReportInput(null, queue, fed.Queue.Windows, clientReportId)) { Minute = minute });
        }

        return due;
    }

    /// <summary>Marks <paramref name="report"/> made (its write succeeded): the site's next report waits for its slot; a lapsing site falls silent.</summary>
    public void Sent(DemoReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var fed = _sites.First(s => s.Site.Id == report.SiteId);
        lock (fed)
        {
            if (fed.LastReported is { } last && last >= report.Minute)
                return;
            fed.LastReported = report.Minute;
            fed.Owed = false;
        }
    }

    /// <summary>The queue of a fed site (for tests and logs).</summary>
    public DemoQueue QueueOf(string siteId) => _sites.First(s => s.Site.Id == siteId).Queue;

    private static bool IsOpen(Site site, DateTimeOffset at) => site.State == SiteState.Open && site.Hours.IsOpenAt(at) != false;

    private static DateTimeOffset Minute(DateTimeOffset t) => new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);

    private sealed record Fed(Site Site, DemoQueue Queue, int Slot, bool Lapses)
    {
        /// <summary>The minute of the last report sent.</summary>
        public DateTimeOffset? LastReported { get; set; }

        /// <summary>A report was due and has not been sent yet.</summary>
        public bool Owed { get; set; }

        /// <summary>A lapsing site after its one report: neither staff nor scan system says anything more.</summary>
        public bool Silent => Lapses && LastReported is not null;
    }
}
