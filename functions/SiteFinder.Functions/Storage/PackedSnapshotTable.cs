using System.IO.Compression;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;

namespace SiteFinder.Functions.Storage;

/// <summary>
/// A versioned document in a table, for data read whole (the catalogue and the status board by
/// every instance, the aggregation checkpoint by the aggregator), as bytes: <see cref="SnapshotDocument{T}"/>
/// gives it a type. The pointer row names the version, the document's hash and the partition holding it
/// ("name-N-h", h a hash of the stored bytes, so publishers share a partition only when they store
/// the same bytes). The document is gzip'd and split over binary properties (64 KiB each, at most 10
/// per entity: under the 1 MiB entity limit even counted as base64 on the wire, as Azurite counts
/// it); an entity holds about 10,000 sites of the demo catalogue, 5,500 of the real lists.
/// <para>
/// Parts are written one entity per request, four at a time, not in one transaction: a transaction
/// carries at most 100 entities and 4 MiB, which five parts already exceed. Readers need no
/// transaction: the pointer moves only after every part is written, and with an ETag check, so
/// readers only see complete documents and two publishers cannot both win. A publisher that stops
/// part-way leaves a partition no pointer names; the next successful publish deletes it with the
/// other stale versions. A refresh costs one pointer read, plus one partition query when the
/// version changed.
/// </para>
/// <para>
/// Why a table and not a blob (figures on Azurite, tests/SiteFinder.Benchmarks/BENCHMARKS.md,
/// "Catalogue snapshot size"): the 6 MiB of 100,000 sites are stored in 43–101 ms as 10 entities
/// against 28–53 ms as one blob, and read in 71–117 ms against 14–51 ms, while a publish takes
/// 1.1–1.9 s and a refresh 1.3–2.1 s, nearly all of it serializing, compressing and parsing, which a
/// blob would not change. At 1,000,000 sites (63 MiB, 101 parts) the storage is under a tenth of a
/// 12 s publish and a 13 s refresh. What ends growth first is memory, the same for both: a process
/// that loads 1,000,000 sites peaks at 1,954 MiB, nearly all of a default 2,048 MB instance. So the
/// data stays in one kind of storage.
/// </para>
/// </summary>
public sealed class PackedSnapshotTable(TableClient table, string name, TimeProvider clock)
{
    private const string PointerPartition = "pointer";
    private const int ChunkBytes = 64 * 1024;
    private const int ChunksPerEntity = 10;
    private const int ParallelRequests = 4;

    private readonly string _prefix = name + "-";

    public async Task<SnapshotPointer?> GetCurrentAsync(CancellationToken cancellationToken) =>
        (await GetPointerEntityAsync(cancellationToken)) is { } entity ? ToPointer(entity) : null;

    /// <summary>Reads the document as published: <paramref name="read"/> gets it decompressing as it reads.</summary>
    public async Task<T> LoadAsync<T>(SnapshotPointer pointer, Func<Stream, T> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        ArgumentNullException.ThrowIfNull(read);
        using var compressed = new MemoryStream();
        // Each part by its keys (rows 0000, 0001, ... as Split has always named them, so older snapshots read
        // too), not by a partition query: a point read is Table Storage's cheapest request, and a fresh process
        // has just run the point-read code for the pointer, where the query's (pages of an entity array) ran for
        // the first time on the first answer's path. At most ParallelRequests at a time, written in order, so
        // that only that many parts are held beside the compressed bytes.
        for (var first = 0; first < pointer.Parts; first += ParallelRequests)
        {
            var window = await Task.WhenAll(Enumerable.Range(first, Math.Min(ParallelRequests, pointer.Parts - first))
                .Select(i => table.GetEntityIfExistsAsync<TableEntity>(pointer.Partition, PartKey(i), cancellationToken: cancellationToken)));
            for (var part = 0; part < window.Length; part++)
            {
                if (!window[part].HasValue)
                    throw new InvalidOperationException($"Snapshot {name} {pointer.Version} lacks part {first + part} of the {pointer.Parts} the pointer says.");
                for (var i = 0; window[part].Value!.GetBinary(ChunkName(i)) is { } chunk; i++)
                    compressed.Write(chunk);
            }
        }

        // Only the compressed bytes (an eleventh of the demo document, a seventh for the real lists)
        // are held whole, the document never is: a fresh process loading 100,000 sites peaked at
        // 284 MiB this way, at 480 MiB when the document and the growing buffer it was copied into
        // were held.
        compressed.Position = 0;
        using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        return read(gzip);
    }

    /// <summary>
    /// Publishes the document that <paramref name="write"/> writes as a new version unless it equals
    /// the current one; returns the pointer in force afterwards and whether it names this document.
    /// <paramref name="write"/> runs twice when the document changed and must write the same bytes
    /// both times: once to hash it, once to compress it, so the document is never held whole and an
    /// unchanged one is not compressed.
    /// </summary>
    public Task<SnapshotPublication> PublishAsync(Action<Stream> write, int items, CancellationToken cancellationToken) =>
        PublishAsync(_ => Task.FromResult((write, items)), attempts: 1, cancellationToken);

    /// <summary>
    /// Publishes what <paramref name="build"/> reads, read after the pointer: when another publisher
    /// moves the pointer in between, its document may have been read before ours or after, so ours is
    /// read and published again (up to <paramref name="attempts"/> times) rather than dropped. A
    /// document read from rows is then never older than the rows written before its publish began.
    /// </summary>
    public async Task<SnapshotPublication> PublishAsync(Func<CancellationToken, Task<(Action<Stream> Write, int Items)>> build, int attempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(build);
        for (var attempt = 1; ; attempt++)
        {
            var current = await GetPointerEntityAsync(cancellationToken);
            var (write, items) = await build(cancellationToken);
            if (await TryPublishAsync(current, write, items, cancellationToken) is { } published && (published.Ours || attempt >= attempts))
                return published;
        }
    }

    /// <summary>The publication, or (when the pointer moved since <paramref name="current"/> was read) the winner's with Ours false.</summary>
    private async Task<SnapshotPublication> TryPublishAsync(TableEntity? current, Action<Stream> write, int items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var hash = Hash(write);
        if (current is not null && ToPointer(current) is { Partition.Length: > 0 } existing && existing.Hash == hash)
            return new SnapshotPublication(existing, Ours: true);

        var version = (current is null ? 0 : ToPointer(current).Version) + 1;
        // The partition is named after the stored bytes, not the document: publishers whose gzip
        // differs (another runtime during a deployment) must not interleave parts in one partition.
        var compressed = Compress(write);
        var partition = $"{_prefix}{version:D12}-{Convert.ToHexStringLower(SHA256.HashData(compressed))[..16]}";
        var entities = Split(compressed, partition);
        await Parallel.ForEachAsync(entities, Concurrent(cancellationToken), async (entity, ct) =>
            await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct));

        var pointer = new SnapshotPointer(version, partition, entities.Count, items, hash, clock.GetUtcNow());
        var pointerEntity = new TableEntity(PointerPartition, name)
        {
            [nameof(SnapshotPointer.Version)] = pointer.Version,
            [nameof(SnapshotPointer.Partition)] = pointer.Partition,
            [nameof(SnapshotPointer.Parts)] = pointer.Parts,
            [nameof(SnapshotPointer.Items)] = pointer.Items,
            [nameof(SnapshotPointer.Hash)] = pointer.Hash,
            [nameof(SnapshotPointer.PublishedAt)] = pointer.PublishedAt,
        };

        try
        {
            if (current is null)
                await table.AddEntityAsync(pointerEntity, cancellationToken);
            else
                await table.UpdateEntityAsync(pointerEntity, current.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another publisher moved the pointer first; its document is at least as new as ours was.
            // Ours is dropped unless it is the very partition the winner wrote (same version, same bytes).
            var winner = await GetCurrentAsync(cancellationToken) ?? throw new InvalidOperationException("Snapshot pointer vanished.", e);
            if (winner.Partition != partition)
                await DeletePartitionsAsync(p => p == partition, cancellationToken);
            return new SnapshotPublication(winner, Ours: winner.Hash == hash);
        }

        // Keep the previous document for instances that are reading it right now. Every other
        // partition up to our version goes: older documents, and the parts of publishers that lost
        // the pointer to us or failed part-way (their pointer moves would now fail the ETag check).
        // Newer versions may be a publisher still writing its parts, so they stay.
        var keep = current is null ? null : ToPointer(current).Partition;
        var next = $"{_prefix}{version + 1:D12}";
        await DeletePartitionsAsync(p => p != partition && p != keep && string.CompareOrdinal(p, next) < 0, cancellationToken);
        return new SnapshotPublication(pointer, Ours: true);
    }

    private static string ChunkName(int i) => $"c{i:D2}";

    private static string PartKey(int i) => $"{i:D4}";

    private static string Hash(Action<Stream> write)
    {
        using var sha256 = SHA256.Create();
        using (var hashing = new CryptoStream(Stream.Null, sha256, CryptoStreamMode.Write))
            write(hashing);
        return Convert.ToHexStringLower(sha256.Hash!);
    }

    private static byte[] Compress(Action<Stream> write)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            write(gzip);
        return buffer.ToArray();
    }

    private static List<TableEntity> Split(byte[] data, string partition)
    {
        var entities = new List<TableEntity>();
        foreach (var group in data.Chunk(ChunkBytes).Chunk(ChunksPerEntity))
        {
            var entity = new TableEntity(partition, PartKey(entities.Count));
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
        e.GetInt32(nameof(SnapshotPointer.Items)) ?? 0,
        e.GetString(nameof(SnapshotPointer.Hash)) ?? string.Empty,
        e.GetDateTimeOffset(nameof(SnapshotPointer.PublishedAt)) ?? DateTimeOffset.MinValue);

    private async Task<TableEntity?> GetPointerEntityAsync(CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(PointerPartition, name, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Deletes this document's partitions that the predicate picks, found by one key-range query.</summary>
    private async Task DeletePartitionsAsync(Func<string, bool> pick, CancellationToken cancellationToken)
    {
        var doomed = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {_prefix} and PartitionKey lt {_prefix + "~"}");
        await foreach (var e in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            if (pick(e.PartitionKey))
                doomed.Add(e);
        }

        // One delete per entity rather than a transaction per partition: a concurrent cleaner that
        // took some entities first costs nothing (a delete of a missing entity succeeds), where one
        // missing entity would fail a whole transaction and leave the rest behind.
        await Parallel.ForEachAsync(doomed, Concurrent(cancellationToken), async (e, ct) =>
            await table.DeleteEntityAsync(e, ETag.All, ct));
    }

    private static ParallelOptions Concurrent(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = ParallelRequests, CancellationToken = cancellationToken };
}
