using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Geocoding;

namespace SiteFinder.Functions.Storage;

/// <summary>
/// Gazetteer rows in the Gazetteer table: partition "rows-{generation}", row key a hash of the source
/// id (source ids hold '/', which keys may not). The published document shares the table under its
/// own partitions ("gazetteer-…", "pointer"), which no query here reaches.
/// </summary>
public sealed class TableGazetteerStore(TableServiceClient service, IOptions<SiteTablesOptions> options) : IGazetteerStore
{
    private const string Prefix = "rows-";

    private readonly LazyTable _table = new(service, options.Value.Gazetteer);

    /// <summary>A new generation's name: the time first, so that names sort as uploads were made, then random digits so two uploads in one tick differ.</summary>
    public static string NewGeneration(DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"{now.UtcTicks:D19}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");

    public async Task WriteAsync(string generation, IReadOnlyList<GazetteerEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var partition = Prefix + generation;
        await _table.SubmitBatchedAsync(
            entries.Select(e => (partition, new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(partition, e)))),
            cancellationToken);
    }

    public async Task<IReadOnlyList<GazetteerEntry>> LoadAsync(string generation, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var entries = new List<GazetteerEntry>();
        var partition = Prefix + generation;
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            entries.Add(new GazetteerEntry(
                e.GetString(nameof(GazetteerEntry.SourceId)) ?? string.Empty,
                e.GetString(nameof(GazetteerEntry.Name)) ?? string.Empty,
                e.GetString(nameof(GazetteerEntry.District)) ?? string.Empty,
                new GeoPoint(e.GetDouble("Lat") ?? 0, e.GetDouble("Lng") ?? 0),
                e.GetString(nameof(GazetteerEntry.Kind))));
        }

        return [.. entries.OrderBy(e => e.SourceId, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<string>> ListGenerationsAsync(CancellationToken cancellationToken) =>
        [.. (await KeysAsync(_ => true, cancellationToken)).Select(k => k.PartitionKey[Prefix.Length..]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    public async Task DeleteAsync(Func<string, bool> which, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(which);
        var doomed = await KeysAsync(which, cancellationToken);
        try
        {
            await _table.SubmitBatchedAsync(doomed.Select(k => (k.PartitionKey, new TableTransactionAction(TableTransactionActionType.Delete, k))), cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status == 404)
        {
            // Another upload cleaned the same rows first; what is gone is what was meant to go.
        }
    }

    private async Task<List<TableEntity>> KeysAsync(Func<string, bool> which, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {Prefix} and PartitionKey lt {Prefix + "~"}");
        var keys = new List<TableEntity>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            if (which(e.PartitionKey[Prefix.Length..]))
                keys.Add(new TableEntity(e.PartitionKey, e.RowKey) { ETag = Azure.ETag.All });
        }

        return keys;
    }

    private static TableEntity ToEntity(string partition, GazetteerEntry e) => new(partition, RowKey(e.SourceId))
    {
        [nameof(GazetteerEntry.SourceId)] = e.SourceId,
        [nameof(GazetteerEntry.Name)] = e.Name,
        [nameof(GazetteerEntry.District)] = e.District,
        ["Lat"] = e.Location.Lat,
        ["Lng"] = e.Location.Lng,
        [nameof(GazetteerEntry.Kind)] = e.Kind,
    };

    private static string RowKey(string sourceId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sourceId)))[..32];
}
