using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using SiteFinder.Domain.Status;

namespace SiteFinder.Functions.Storage;

/// <summary>What the aggregation records besides its checkpoint: the minutes it ran (claims) and the hourly history.</summary>
public interface IStatusHistoryStore
{
    /// <summary>Claims the aggregation of one minute; false when another run (repeated or overlapping) has it.</summary>
    Task<bool> TryClaimRunAsync(DateTimeOffset minute, CancellationToken cancellationToken);

    /// <summary>Writes the tallies' absolute values (merge), so writing the same tally twice changes nothing.</summary>
    Task WriteHoursAsync(IReadOnlyList<HourTally> tallies, CancellationToken cancellationToken);

    /// <summary>One site's tallies for the local dates from..to (inclusive).</summary>
    Task<IReadOnlyList<HourTally>> ReadHoursAsync(string siteId, DateOnly fromDate, DateOnly toDate, CancellationToken cancellationToken);

    /// <summary>Drops whole days of history before the date, and run claims older than a day.</summary>
    Task DeleteBeforeAsync(DateOnly date, DateTimeOffset claimsBefore, CancellationToken cancellationToken);
}

/// <summary>
/// Run claims live in the SiteStatus table (beside the board and the checkpoint); history in
/// StatusHistory with one row per local date and site (PartitionKey yyyyMMdd, RowKey site id) and
/// four properties per hour, so a day of 9,000 sites is 9,000 rows and dropping a day is one partition.
/// </summary>
public sealed class TableStatusHistoryStore(TableServiceClient service, IOptions<SiteTablesOptions> options, TimeProvider clock) : IStatusHistoryStore
{
    private const string ClaimsPartition = "runs";
    private const string DateFormat = "yyyyMMdd";

    private readonly LazyTable _status = new(service, options.Value.SiteStatus);
    private readonly LazyTable _history = new(service, options.Value.StatusHistory);

    public async Task<bool> TryClaimRunAsync(DateTimeOffset minute, CancellationToken cancellationToken)
    {
        var table = await _status.GetAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(new TableEntity(ClaimsPartition, Key(minute)) { ["ClaimedAt"] = clock.GetUtcNow() }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public Task WriteHoursAsync(IReadOnlyList<HourTally> tallies, CancellationToken cancellationToken) =>
        _history.SubmitBatchedAsync(
            tallies.Select(t =>
            {
                var h = t.Hour.ToString("D2", CultureInfo.InvariantCulture);
                var entity = new TableEntity(DateKey(t.Date), t.SiteId)
                {
                    ["N" + h] = t.Minutes,
                    ["WS" + h] = t.WaitSum,
                    ["WN" + h] = t.WaitMinutes,
                    ["B" + h] = t.BusyMinutes,
                };
                return (entity.PartitionKey, new TableTransactionAction(TableTransactionActionType.UpsertMerge, entity));
            }),
            cancellationToken);

    public async Task<IReadOnlyList<HourTally>> ReadHoursAsync(string siteId, DateOnly fromDate, DateOnly toDate, CancellationToken cancellationToken)
    {
        var table = await _history.GetAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {DateKey(fromDate)} and PartitionKey le {DateKey(toDate)} and RowKey eq {siteId}");
        var tallies = new List<HourTally>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var date = DateOnly.ParseExact(e.PartitionKey, DateFormat, CultureInfo.InvariantCulture);
            for (var hour = 0; hour < 24; hour++)
            {
                var h = hour.ToString("D2", CultureInfo.InvariantCulture);
                if (e.GetInt32("N" + h) is { } minutes)
                    tallies.Add(new HourTally(siteId, date, hour, minutes, e.GetDouble("WS" + h) ?? 0, e.GetInt32("WN" + h) ?? 0, e.GetInt32("B" + h) ?? 0));
            }
        }

        return tallies;
    }

    public async Task DeleteBeforeAsync(DateOnly date, DateTimeOffset claimsBefore, CancellationToken cancellationToken)
    {
        var history = await _history.GetAsync(cancellationToken);
        var old = new List<(string, TableTransactionAction)>();
        await foreach (var e in history.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey lt {DateKey(date)}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            old.Add((e.PartitionKey, new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)));
        await _history.SubmitBatchedAsync(old, cancellationToken);

        var status = await _status.GetAsync(cancellationToken);
        var claims = new List<(string, TableTransactionAction)>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ClaimsPartition} and RowKey lt {Key(claimsBefore)}");
        await foreach (var e in status.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            claims.Add((e.PartitionKey, new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)));
        await _status.SubmitBatchedAsync(claims, cancellationToken);
    }

    private static string Key(DateTimeOffset minute) => minute.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    /// <summary>Dates as keys sort as dates, so a range of days is a key range.</summary>
    private static string DateKey(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);
}
