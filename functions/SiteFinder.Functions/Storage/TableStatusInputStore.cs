using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using SiteFinder.Domain.Status;

namespace SiteFinder.Functions.Storage;

/// <summary>Whether a report was stored now or had been stored before (a retry carrying the same client report id).</summary>
public sealed record ReportWrite(StatusReport Report, bool Duplicate)
{
    /// <summary>The client report id was used before for a report that says something else: nothing was stored.</summary>
    public bool Conflicting { get; init; }

    /// <summary>When <see cref="Conflicting"/>, the earlier report, if it was stored (not only its marker).</summary>
    public StatusReport? Earlier { get; init; }
}

/// <summary>Reports and throughput counts: append-only inputs of the aggregation.</summary>
public interface IStatusInputStore
{
    Task<ReportWrite> AddReportAsync(StatusReport report, string? clientReportId, CancellationToken cancellationToken);

    /// <summary>Reports received in the UTC minutes from..to (inclusive): one partition-range query.</summary>
    Task<IReadOnlyList<StatusReport>> ReadReportsAsync(DateTimeOffset fromMinute, DateTimeOffset toMinute, CancellationToken cancellationToken);

    /// <summary>Upserts counts keyed by (site, minute): sending the same minute again replaces it.</summary>
    Task AddThroughputAsync(IReadOnlyList<ThroughputCount> counts, CancellationToken cancellationToken);

    Task<IReadOnlyList<ThroughputCount>> ReadThroughputAsync(DateTimeOffset fromMinute, DateTimeOffset toMinute, CancellationToken cancellationToken);
}

/// <summary>
/// Reports are partitioned by the UTC minute they were received ("m202204280815"): at 9,000 sites
/// reporting once a minute that is 150 writes/s into one partition, well under its ~2,000/s target,
/// and the aggregation reads the minutes since its last run with one exact-partition query per minute, in parallel.
/// A client report id is made idempotent with a marker row in the site's own partition
/// ("ids-{site}"), written before the report, so a retry in any later minute finds it. The marker
/// keeps what the report said, so the same id with another report is told apart from a retry (a
/// conflict, nothing stored), even when a crash left the marker without its report.
/// Throughput counts are keyed by the counted minute and the site, so a resend replaces.
/// </summary>
public sealed class TableStatusInputStore(TableServiceClient service, IOptions<SiteTablesOptions> options) : IStatusInputStore
{
    /// <summary>What the aggregation reads of a report: less on the wire than whole entities.</summary>
    private static readonly string[] ReportColumns =
        ["PartitionKey", "RowKey", nameof(StatusReport.SiteId), nameof(StatusReport.ReceivedAt), nameof(StatusReport.Source), nameof(StatusReport.Reporter), nameof(StatusReport.Level), nameof(StatusReport.QueueLength), nameof(StatusReport.OpenWindows)];

    private readonly LazyTable _reports = new(service, options.Value.StatusReports);
    private readonly LazyTable _throughput = new(service, options.Value.Throughput);

    /// <summary>The marker's copy of what the report said, so a reused id is told from a retry even before the report is written.</summary>
    private const string MarkerBody = "Body";

    public static string MinutePartition(DateTimeOffset instant) => "m" + instant.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    public async Task<ReportWrite> AddReportAsync(StatusReport report, string? clientReportId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var table = await _reports.GetAsync(cancellationToken);
        if (clientReportId is null)
        {
            await table.AddEntityAsync(ToEntity(report, MinutePartition(report.ReceivedAt), null), cancellationToken);
            return new ReportWrite(report, Duplicate: false);
        }

        // Scoped to the reporter: two devices of one site may both count their taps from 1.
        var markerPartition = "ids-" + report.SiteId;
        var markerRow = $"{report.Reporter}:{clientReportId}";
        var marker = await table.GetEntityIfExistsAsync<TableEntity>(markerPartition, markerRow, cancellationToken: cancellationToken);
        if (!marker.HasValue)
        {
            var entity = new TableEntity(markerPartition, markerRow) { ["ReportPartition"] = MinutePartition(report.ReceivedAt), ["ReportRow"] = report.ReportId, [MarkerBody] = StaffReportInput.BodyOf(report) };
            try
            {
                await table.AddEntityAsync(entity, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // A concurrent retry wrote the marker first: fall through to its report.
            }

            marker = await table.GetEntityIfExistsAsync<TableEntity>(markerPartition, markerRow, cancellationToken: cancellationToken);
        }

        var partition = marker.Value!.GetString("ReportPartition");
        var row = marker.Value.GetString("ReportRow");
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
        if (existing.HasValue)
            return Earlier(FromEntity(existing.Value!), report);

        // Only the marker: it says what the first tap with this id said (markers older than the body column say nothing).
        if (marker.Value.GetString(MarkerBody) is { } markerBody && markerBody != StaffReportInput.BodyOf(report))
            return new ReportWrite(report, Duplicate: true) { Conflicting = true };

        // The marker has no report: this call's own first write, or a retry after a crash between the two
        // writes. Either way the report goes into the minute it is received now, so the aggregation reads it,
        // and the marker is pointed there.
        var stored = report with { ReportId = row! };
        var target = MinutePartition(stored.ReceivedAt);
        try
        {
            await table.AddEntityAsync(ToEntity(stored, target, clientReportId), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var winner = await table.GetEntityAsync<TableEntity>(target, row, cancellationToken: cancellationToken);
            return Earlier(FromEntity(winner.Value), report);
        }

        if (target != partition)
        {
            var moved = new TableEntity(markerPartition, markerRow) { ["ReportPartition"] = target, ["ReportRow"] = row, [MarkerBody] = StaffReportInput.BodyOf(stored) };
            await table.UpsertEntityAsync(moved, TableUpdateMode.Replace, cancellationToken);
        }

        return new ReportWrite(stored, Duplicate: false);
    }

    public async Task<IReadOnlyList<StatusReport>> ReadReportsAsync(DateTimeOffset fromMinute, DateTimeOffset toMinute, CancellationToken cancellationToken)
    {
        var entities = await ReadMinutesAsync(_reports, fromMinute, toMinute, ReportColumns, cancellationToken);
        return entities.Select(FromEntity).ToList();
    }

    public async Task AddThroughputAsync(IReadOnlyList<ThroughputCount> counts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counts);
        await _throughput.SubmitBatchedAsync(
            counts.Select(c =>
            {
                var entity = new TableEntity(MinutePartition(c.Minute), c.SiteId) { ["Samples"] = c.Samples };
                return (entity.PartitionKey, new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
            }),
            cancellationToken);
    }

    public async Task<IReadOnlyList<ThroughputCount>> ReadThroughputAsync(DateTimeOffset fromMinute, DateTimeOffset toMinute, CancellationToken cancellationToken)
    {
        var entities = await ReadMinutesAsync(_throughput, fromMinute, toMinute, ["PartitionKey", "RowKey", "Samples"], cancellationToken);
        return entities.Select(e =>
        {
            var minute = DateTime.ParseExact(e.PartitionKey[1..], "yyyyMMddHHmm", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            return new ThroughputCount(e.RowKey, new DateTimeOffset(minute, TimeSpan.Zero), e.GetInt32("Samples") ?? 0);
        }).ToList();
    }

    /// <summary>One exact-partition query per minute, up to 32 at a time (a TTL of 30 minutes reads at once): each is a single-partition scan.</summary>
    private static async Task<List<TableEntity>> ReadMinutesAsync(LazyTable lazy, DateTimeOffset fromMinute, DateTimeOffset toMinute, IEnumerable<string> columns, CancellationToken cancellationToken)
    {
        var table = await lazy.GetAsync(cancellationToken);
        var minutes = new List<string>();
        for (var m = fromMinute; m <= toMinute; m = m.AddMinutes(1))
            minutes.Add(MinutePartition(m));

        var pages = new List<TableEntity>[minutes.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, minutes.Count), new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var rows = new List<TableEntity>();
            await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == minutes[i], select: columns, cancellationToken: ct))
                rows.Add(e);
            pages[i] = rows;
        });
        return pages.SelectMany(p => p).ToList();
    }

    /// <summary>The answer when a report with this client id is already stored: a retry, or a reuse of the id for something else.</summary>
    private static ReportWrite Earlier(StatusReport stored, StatusReport asked) =>
        StaffReportInput.IsRetryOf(asked, stored)
            ? new(stored, Duplicate: true)
            : new(asked, Duplicate: true) { Conflicting = true, Earlier = stored };

    private static TableEntity ToEntity(StatusReport r, string partition, string? clientReportId) => new(partition, r.ReportId)
    {
        [nameof(StatusReport.SiteId)] = r.SiteId,
        [nameof(StatusReport.ReceivedAt)] = r.ReceivedAt,
        [nameof(StatusReport.Source)] = r.Source,
        [nameof(StatusReport.Reporter)] = r.Reporter,
        [nameof(StatusReport.Level)] = r.Level?.ToString(),
        [nameof(StatusReport.QueueLength)] = r.QueueLength,
        [nameof(StatusReport.OpenWindows)] = r.OpenWindows,
        ["ClientReportId"] = clientReportId,
    };

    private static StatusReport FromEntity(TableEntity e) => new()
    {
        SiteId = e.GetString(nameof(StatusReport.SiteId)) ?? string.Empty,
        ReportId = e.RowKey,
        ReceivedAt = e.GetDateTimeOffset(nameof(StatusReport.ReceivedAt)) ?? DateTimeOffset.MinValue,
        Source = e.GetString(nameof(StatusReport.Source)) ?? StatusSources.Staff,
        Reporter = e.GetString(nameof(StatusReport.Reporter)),
        Level = Enum.TryParse<BusyLevel>(e.GetString(nameof(StatusReport.Level)), out var level) ? level : null,
        QueueLength = e.GetInt32(nameof(StatusReport.QueueLength)),
        OpenWindows = e.GetInt32(nameof(StatusReport.OpenWindows)),
    };
}
