using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using SiteFinder.Domain.Sites;

namespace SiteFinder.Functions.Storage;

/// <summary>
/// Snapshots in the Catalogue table. The pointer row ("catalogue"/"current") names the version
/// and the partition that holds it ("snapshot-N-hash", so two publishers of one version never
/// share a partition). A snapshot is gzip'd JSON split over binary properties
/// (64 KiB each, at most 14 per entity to stay under the 1 MiB entity limit). Parts are written
/// before the pointer moves, and the pointer moves with an ETag check, so readers only ever see a
/// complete snapshot and two publishers cannot both win.
/// </summary>
public sealed class TableSnapshotStore(TableServiceClient service, IOptions<SiteTablesOptions> options, TimeProvider clock) : ICatalogueSnapshotStore
{
    private const string PointerPartition = "catalogue";
    private const string PointerRow = "current";
    private const int ChunkBytes = 64 * 1024;
    private const int ChunksPerEntity = 14;
    private const string PartitionPrefix = "snapshot-";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly TableClient _table = service.GetTableClient(options.Value.Catalogue);
    private readonly Lazy<Task> _created = new(() => service.GetTableClient(options.Value.Catalogue).CreateIfNotExistsAsync());

    public async Task<SnapshotPointer?> GetCurrentAsync(CancellationToken cancellationToken) =>
        (await GetPointerEntityAsync(cancellationToken).ConfigureAwait(false)) is { } entity ? ToPointer(entity) : null;

    public async Task<IReadOnlyList<SiteRecord>> LoadAsync(SnapshotPointer pointer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        await _created.Value.ConfigureAwait(false);
        using var compressed = new MemoryStream();
        var parts = 0;
        await foreach (var part in _table.QueryAsync<TableEntity>(e => e.PartitionKey == pointer.Partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            parts++;
            for (var i = 0; part.GetBinary(ChunkName(i)) is { } chunk; i++)
                compressed.Write(chunk);
        }

        if (parts != pointer.Parts)
            throw new InvalidOperationException($"Snapshot {pointer.Version} has {parts} parts, the pointer says {pointer.Parts}.");

        compressed.Position = 0;
        await using var json = new GZipStream(compressed, CompressionMode.Decompress);
        return await JsonSerializer.DeserializeAsync<List<SiteRecord>>(json, Json, cancellationToken).ConfigureAwait(false) ?? [];
    }

    public async Task<SnapshotPointer> PublishAsync(IReadOnlyList<SiteRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var json = JsonSerializer.SerializeToUtf8Bytes(records.OrderBy(r => r.Id, StringComparer.Ordinal), Json);
        var hash = Convert.ToHexStringLower(SHA256.HashData(json));

        var current = await GetPointerEntityAsync(cancellationToken).ConfigureAwait(false);
        if (current is not null && ToPointer(current) is { Partition.Length: > 0 } existing && existing.Hash == hash)
            return existing;

        var version = (current is null ? 0 : ToPointer(current).Version) + 1;
        var partition = $"{PartitionPrefix}{version:D12}-{hash[..16]}";
        var entities = Split(Compress(json), partition);
        await _table.SubmitTransactionAsync(entities.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken).ConfigureAwait(false);

        var pointer = new SnapshotPointer(version, partition, entities.Count, records.Count, hash, clock.GetUtcNow());
        var pointerEntity = new TableEntity(PointerPartition, PointerRow)
        {
            [nameof(SnapshotPointer.Version)] = pointer.Version,
            [nameof(SnapshotPointer.Partition)] = pointer.Partition,
            [nameof(SnapshotPointer.Parts)] = pointer.Parts,
            [nameof(SnapshotPointer.Sites)] = pointer.Sites,
            [nameof(SnapshotPointer.Hash)] = pointer.Hash,
            [nameof(SnapshotPointer.PublishedAt)] = pointer.PublishedAt,
        };

        try
        {
            if (current is null)
                await _table.AddEntityAsync(pointerEntity, cancellationToken).ConfigureAwait(false);
            else
                await _table.UpdateEntityAsync(pointerEntity, current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another publisher moved the pointer first; its snapshot is at least as new as ours was.
            // Ours is dropped unless it is the very partition the winner wrote (same version, same content).
            var winner = await GetCurrentAsync(cancellationToken).ConfigureAwait(false) ?? throw new InvalidOperationException("Snapshot pointer vanished.", e);
            if (winner.Partition != partition)
                await DeletePartitionsAsync(p => p == partition, cancellationToken).ConfigureAwait(false);
            return winner;
        }

        // Keep the previous snapshot for instances that are reading it right now; older ones go.
        var keep = current is null ? null : ToPointer(current).Partition;
        await DeletePartitionsAsync(p => p != partition && p != keep && string.CompareOrdinal(p, partition) < 0, cancellationToken).ConfigureAwait(false);
        return pointer;
    }

    private static string ChunkName(int i) => $"c{i:D2}";

    private static byte[] Compress(byte[] json)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            gzip.Write(json);
        return buffer.ToArray();
    }

    private static List<TableEntity> Split(byte[] data, string partition)
    {
        var entities = new List<TableEntity>();
        var chunks = data.Chunk(ChunkBytes).ToArray();
        foreach (var group in chunks.Chunk(ChunksPerEntity))
        {
            var entity = new TableEntity(partition, $"{entities.Count:D4}");
            for (var i = 0; i < group.Length; i++)
                entity[ChunkName(i)] = group[i];
            entities.Add(entity);
        }

        return entities;
    }

    private static SnapshotPointer ToPointer(TableEntity e) => new(
        e.GetInt64(nameof(SnapshotPointer.Version)) ?? 0,
        e.GetString(nameof(SnapshotPointer.Partition)) ?? string.Empty,
        e.GetInt32(nameof(SnapshotPointer.Parts)) ?? 0,
        e.GetInt32(nameof(SnapshotPointer.Sites)) ?? 0,
        e.GetString(nameof(SnapshotPointer.Hash)) ?? string.Empty,
        e.GetDateTimeOffset(nameof(SnapshotPointer.PublishedAt)) ?? DateTimeOffset.MinValue);

    private async Task<TableEntity?> GetPointerEntityAsync(CancellationToken cancellationToken)
    {
        await _created.Value.ConfigureAwait(false);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(PointerPartition, PointerRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Deletes the snapshot partitions the predicate picks; a few entities each, found by one key-range query.</summary>
    private async Task DeletePartitionsAsync(Func<string, bool> pick, CancellationToken cancellationToken)
    {
        var doomed = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {PartitionPrefix} and PartitionKey lt {PartitionPrefix + "~"}");
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (pick(e.PartitionKey))
                doomed.Add(e);
        }

        foreach (var partition in doomed.GroupBy(e => e.PartitionKey, StringComparer.Ordinal))
        {
            try
            {
                await _table.SubmitTransactionAsync(partition.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)), cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException e) when (e.Status == 404)
            {
                // A concurrent publisher cleaned it up first.
            }
        }
    }
}
