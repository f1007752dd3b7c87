using Azure;
using Azure.Data.Tables;
using SiteFinder.Functions.Storage;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Storage;

/// <summary>
/// Publishing documents of several parts on Azurite, and publishers that stop part-way. Random bytes
/// do not compress, so a megabyte or two already makes a document of several 640 KiB parts.
/// </summary>
public sealed class PackedSnapshotTableTests : IAsyncLifetime
{
    private const string Name = "doc";

    private readonly string _tableName = Azurite.UniqueTableName("packed");
    private TableClient _table = null!;

    public async Task InitializeAsync()
    {
        Azurite.EnsureRunning();
        _table = Azurite.Service.GetTableClient(_tableName);
        await _table.CreateIfNotExistsAsync();
    }

    public Task DisposeAsync() => _table.DeleteAsync();

    public enum Stop
    {
        WriteFails,
        Cancelled,
    }

    [Theory]
    [InlineData(Stop.WriteFails)]
    [InlineData(Stop.Cancelled)]
    public async Task A_publish_that_stops_part_way_leaves_readers_on_the_previous_version_and_the_next_publish_cleans_up(Stop stop)
    {
        var previous = RandomDocument(1_500_000, seed: 1);
        var failed = RandomDocument(3_000_000, seed: 2);
        var next = RandomDocument(1_000_000, seed: 3);
        var reader = new PackedSnapshotTable(_table, Name, TimeProvider.System);
        var v1 = await reader.PublishAsync(Writes(previous), 1, CancellationToken.None);
        Assert.InRange(v1.Parts, 2, 4);

        using var cancellation = new CancellationTokenSource();
        var stopping = new StopsAfterWrites(_tableName, 2, stop == Stop.Cancelled ? cancellation : null);
        var publishing = new PackedSnapshotTable(stopping, Name, TimeProvider.System).PublishAsync(Writes(failed), 2, cancellation.Token);
        if (stop == Stop.Cancelled)
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => publishing);
        else
            await Assert.ThrowsAsync<RequestFailedException>(() => publishing);

        // Some of the new version's parts were written, not all, and the pointer did not move.
        var orphan = Assert.Single(await PartitionsAsync(), p => p.Key != v1.Partition);
        Assert.StartsWith($"{Name}-000000000002-", orphan.Key, StringComparison.Ordinal);
        Assert.Equal(2, orphan.Value);
        foreach (var instance in new[] { reader, new PackedSnapshotTable(_table, Name, TimeProvider.System) })
        {
            var current = await instance.GetCurrentAsync(CancellationToken.None);
            Assert.Equal(v1, current);
            Assert.Equal(previous, await instance.LoadAsync(current!, ReadAll, CancellationToken.None));
        }

        var v2 = await reader.PublishAsync(Writes(next), 3, CancellationToken.None);
        Assert.Equal(2, v2.Version);
        Assert.NotEqual(orphan.Key, v2.Partition);
        Assert.Equal(next, await reader.LoadAsync((await reader.GetCurrentAsync(CancellationToken.None))!, ReadAll, CancellationToken.None));
        Assert.Equal(previous, await reader.LoadAsync(v1, ReadAll, CancellationToken.None));
        Assert.Equal([v1.Partition, v2.Partition], (await PartitionsAsync()).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Publishing_again_the_document_that_failed_part_way_completes_its_partition()
    {
        var previous = RandomDocument(100_000, seed: 4);
        var document = RandomDocument(3_000_000, seed: 5);
        var publisher = new PackedSnapshotTable(_table, Name, TimeProvider.System);
        var v1 = await publisher.PublishAsync(Writes(previous), 1, CancellationToken.None);
        await Assert.ThrowsAsync<RequestFailedException>(() =>
            new PackedSnapshotTable(new StopsAfterWrites(_tableName, 1, null), Name, TimeProvider.System).PublishAsync(Writes(document), 2, CancellationToken.None));

        var v2 = await publisher.PublishAsync(Writes(document), 2, CancellationToken.None);
        Assert.Equal(2, v2.Version);
        Assert.Equal(v2.Parts, (await PartitionsAsync())[v2.Partition]);
        Assert.Equal(document, await new PackedSnapshotTable(_table, Name, TimeProvider.System).LoadAsync(v2, ReadAll, CancellationToken.None));
        Assert.Equal([v1.Partition, v2.Partition], (await PartitionsAsync()).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_document_of_many_parts_round_trips_and_its_predecessors_but_one_are_deleted()
    {
        var publisher = new PackedSnapshotTable(_table, Name, TimeProvider.System);
        var documents = new[] { RandomDocument(7_000_000, seed: 6), RandomDocument(2_000_000, seed: 7), RandomDocument(500_000, seed: 8) };
        var pointers = new List<SnapshotPointer>();
        foreach (var document in documents)
            pointers.Add(await publisher.PublishAsync(Writes(document), document.Length, CancellationToken.None));

        Assert.Equal(11, pointers[0].Parts);
        Assert.Equal([2L, 3L], pointers.Skip(1).Select(p => p.Version));
        Assert.Equal(documents[1], await publisher.LoadAsync(pointers[1], ReadAll, CancellationToken.None));
        Assert.Equal(documents[2], await publisher.LoadAsync(pointers[2], ReadAll, CancellationToken.None));
        Assert.Equal([pointers[1].Partition, pointers[2].Partition], (await PartitionsAsync()).Keys.Order(StringComparer.Ordinal));
    }

    private static Action<Stream> Writes(byte[] document) => stream => stream.Write(document);

    private static byte[] ReadAll(Stream document)
    {
        using var copy = new MemoryStream();
        document.CopyTo(copy);
        return copy.ToArray();
    }

    private static byte[] RandomDocument(int bytes, int seed)
    {
        var document = new byte[bytes];
        new Random(seed).NextBytes(document);
        return document;
    }

    /// <summary>The document's partitions (the pointer's excepted) and how many entities each holds.</summary>
    private async Task<Dictionary<string, int>> PartitionsAsync()
    {
        var partitions = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var e in _table.QueryAsync<TableEntity>(e => e.PartitionKey != "pointer", select: ["PartitionKey"]))
            partitions[e.PartitionKey] = partitions.GetValueOrDefault(e.PartitionKey) + 1;
        return partitions;
    }
}
