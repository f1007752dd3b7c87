using Microsoft.Extensions.Logging;
using SiteFinder.Domain.Status;
using SiteFinder.Functions.Sites;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Status;

/// <summary>What one aggregation run did; Version is the published board's.</summary>
public sealed record AggregationResult(DateTimeOffset Minute, bool Ran, int Reports, int Sites, long Version);

/// <summary>
/// One aggregation run for the current minute. The minute is claimed first, so a repeated or
/// overlapping run for the same minute does nothing; a late run simply aggregates up to now, reading
/// every report received since the previous run's minute (with two minutes of overlap for writes
/// that landed late in a partition; re-reading a report changes nothing, "latest" is a total order).
/// </summary>
public sealed partial class StatusAggregator(
    IStatusInputStore inputs,
    IStatusHistoryStore history,
    StatusCheckpointDocument checkpoint,
    StatusBoardDocument board,
    CatalogueProvider catalogue,
    StatusProvider statuses,
    StatusOptions options,
    TimeProvider clock,
    ILogger<StatusAggregator> logger)
{
    private const int OverlapMinutes = 2;

    public async Task<AggregationResult> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
        if (!await history.TryClaimRunAsync(minute, cancellationToken))
        {
            LogSkipped(minute);
            return new AggregationResult(minute, false, 0, 0, 0);
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var pointer = await checkpoint.GetCurrentAsync(cancellationToken);
        var previous = pointer is null ? null : await checkpoint.LoadAsync(pointer, cancellationToken);
        // Reports older than the TTL cannot make a live status, so after an outage the catch-up read stops there.
        var oldestUseful = minute.AddMinutes(-options.TtlMinutes);
        var from = previous is null || previous.ProcessedThrough.AddMinutes(-OverlapMinutes) < oldestUseful
            ? oldestUseful
            : previous.ProcessedThrough.AddMinutes(-OverlapMinutes);
        var reportsTask = inputs.ReadReportsAsync(from, minute, cancellationToken);
        var countsTask = inputs.ReadThroughputAsync(minute.AddMinutes(-options.RateWindowMinutes), minute, cancellationToken);
        var sites = (await catalogue.GetAsync(cancellationToken))?.Catalogue.Sites
            ?? throw new InvalidOperationException("The catalogue could not be loaded; status aggregation needs it.");
        var reports = await reportsTask;
        var counts = await countsTask;

        var read = watch.ElapsedMilliseconds;

        var (next, hours) = StatusAggregation.Run(previous, sites, reports, counts, minute, options);
        var computed = watch.ElapsedMilliseconds;
        await history.WriteHoursAsync(hours, cancellationToken);
        var wroteHours = watch.ElapsedMilliseconds;

        // Two documents: the checkpoint for the next run, and the lean board that every instance
        // downloads. Each is whole on its own; should one fail, the run fails and the next run redoes
        // both from the checkpoint in force. This instance serves its board as published.
        var served = next.ToBoard();
        var saving = checkpoint.PublishAsync(next, next.Sites.Count, cancellationToken);
        var publishing = board.PublishAsync(served, served.Sites.Count, cancellationToken);
        await Task.WhenAll(saving, publishing);
        var published = await publishing;
        await statuses.InstallAsync(published, served, cancellationToken);
        var publishedAt = watch.ElapsedMilliseconds;

        // Retention: history older than the typical-busyness window, claims older than a day.
        var (oldestKeptDate, _) = HourTally.LocalHourOf(minute.AddDays(-TypicalBusyness.Days));
        await history.DeleteBeforeAsync(oldestKeptDate, minute.AddDays(-1), cancellationToken);

        LogRan(minute, reports.Count, next.Sites.Count, published.Pointer.Version);
        LogPhases(read, computed - read, wroteHours - computed, publishedAt - wroteHours, watch.ElapsedMilliseconds - publishedAt);
        return new AggregationResult(minute, true, reports.Count, next.Sites.Count, published.Pointer.Version);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Status for {Minute:u} already aggregated; nothing to do")]
    private partial void LogSkipped(DateTimeOffset minute);

    [LoggerMessage(Level = LogLevel.Information, Message = "Aggregation phases (ms): read {Read}, compute {Compute}, history {History}, publish {Publish}, retention {Retention}")]
    private partial void LogPhases(long read, long compute, long history, long publish, long retention);

    [LoggerMessage(Level = LogLevel.Information, Message = "Status for {Minute:u}: {Reports} reports read, {Sites} sites with a status, version {Version}")]
    private partial void LogRan(DateTimeOffset minute, int reports, int sites, long version);
}
