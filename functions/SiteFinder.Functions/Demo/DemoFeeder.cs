using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SiteFinder.Domain.Demo;
using SiteFinder.Domain.Status;
using SiteFinder.Functions.Configuration;
using SiteFinder.Functions.Sites;
using SiteFinder.Functions.Status;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Demo;

/// <summary>
/// Local runs only (SEED_DEMO_DATA=true): makes the demo catalogue look used. Once demo sites are
/// served, a share of them (DEMO_FEED_PERCENT of each district's open ones, <see cref="DemoFeed"/>)
/// report their simulated queues every five minutes and count their samples every minute; the others
/// stay silent, so stale sites exist too. It goes the way staff and scan systems go, short of HTTP:
/// tokens issued by the store the token endpoint uses (marked demo, so every report they carry shows
/// "source": "demo"), reports through <see cref="StaffReportService"/> as the report endpoint sends
/// them, throughput by the rules and store of the throughput endpoint. Two writes at a time and a
/// few hundred reports a minute at most, so real requests are not starved of storage or CPU.
/// </summary>
public sealed partial class DemoFeeder(
    CatalogueProvider catalogue,
    IStaffTokenStore tokens,
    StaffReportService reports,
    IStatusInputStore inputs,
    IOptions<DemoDataSettings> settings,
    TimeProvider clock,
    ILogger<DemoFeeder> logger) : BackgroundService
{
    private const int WritesAtOnce = 2;

    /// <summary>This process's demo tokens by site: secrets are shown once, so a restart issues new ones (and revokes the old demo ones).</summary>
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var demo = settings.Value;
        if (!demo.SeedDemoData || demo.DemoFeedPercent == 0)
            return;

        DemoFeed? feed = null;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(demo.DemoFeedSeconds), clock);
        try
        {
            do
            {
                try
                {
                    feed ??= await StartAsync(demo.DemoFeedPercent, stoppingToken);
                    if (feed is not null)
                        await RoundAsync(feed, stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // Storage down or Azurite still starting: the next round tries again; the feed keeps its queues.
                    LogRoundFailed(e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>The feed over the served catalogue's demo sites; null while there are none yet (the seeder is still loading them).</summary>
    private async Task<DemoFeed?> StartAsync(int percent, CancellationToken cancellationToken)
    {
        if (await catalogue.GetAsync(cancellationToken) is not { } served)
            return null;
        var chosen = DemoFeed.Choose(served.Catalogue.Sites, percent, DemoCatalogue.Seed);
        if (chosen.Count == 0)
            return null;

        LogStarted(chosen.Count, chosen.Select(s => s.District).Distinct().Count(), served.Catalogue.Sites.Count(DemoFeed.IsOpenDemoSite));
        return new DemoFeed(chosen, DemoCatalogue.Seed, clock);
    }

    private async Task RoundAsync(DemoFeed feed, CancellationToken cancellationToken)
    {
        var counts = feed.Advance();
        var due = feed.DueReports();
        var served = await catalogue.GetAsync(cancellationToken);
        var sent = 0;
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = WritesAtOnce, CancellationToken = cancellationToken }, async (report, ct) =>
        {
            // An operator may have closed or removed a demo site since: its staff would not report.
            if (served?.Catalogue.Find(report.SiteId) is not { State: Domain.Sites.SiteState.Open })
                return;
            var token = await TokenAsync(report.SiteId, ct);
            if (await reports.SubmitAsync(report.SiteId, token, report.Input, ct) is null)
            {
                // Revoked by an operator: the next report of the site gets a new token.
                lock (_tokens)
                    _tokens.Remove(report.SiteId);
                return;
            }

            // Only now made: a report whose write failed (or was skipped) is due again at the next round.
            feed.Sent(report);
            Interlocked.Increment(ref sent);
        });

        // As the throughput endpoint records a batch: whole minutes within the last day, a (site, minute) once.
        var now = clock.GetUtcNow();
        var countable = counts.Where(c => ThroughputBatch.IsCountableMinute(c.Minute, now) && served?.Catalogue.Find(c.SiteId) is not null).ToArray();
        foreach (var batch in countable.Chunk(ThroughputBatch.MaxCounts))
            await inputs.AddThroughputAsync(ThroughputBatch.LastWins(batch), cancellationToken);

        if (sent > 0 || countable.Length > 0)
            LogRound(sent, countable.Length);
    }

    /// <summary>The site's demo token, issued on its first report; earlier demo tokens of the site (an earlier run's) are revoked, staff tokens left alone.</summary>
    private async Task<string> TokenAsync(string siteId, CancellationToken cancellationToken)
    {
        lock (_tokens)
        {
            if (_tokens.TryGetValue(siteId, out var known))
                return known;
        }

        var (info, token) = await tokens.IssueAsync(siteId, revokeOthers: false, StatusSource.Demo, cancellationToken);
        foreach (var earlier in await tokens.ListAsync(siteId, cancellationToken))
        {
            if (earlier is { Source: StatusSource.Demo, RevokedAt: null } && earlier.TokenId != info.TokenId)
                await tokens.RevokeAsync(siteId, earlier.TokenId, cancellationToken);
        }

        lock (_tokens)
            _tokens[siteId] = token;
        return token;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo feeder started: {Fed} of {Open} open demo sites in {Districts} districts get demo reports")]
    private partial void LogStarted(int fed, int districts, int open);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Demo feeder sent {Reports} reports and {Counts} throughput counts")]
    private partial void LogRound(int reports, int counts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo feeder round failed; the next round tries again")]
    private partial void LogRoundFailed(Exception e);
}
