using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using SiteFinder.Domain.Demo;
using SiteFinder.Domain.Sites;
using SiteFinder.Functions.Storage;
using SiteFinder.Functions.Tests.Infrastructure;
using SiteFinder.Tests;

namespace SiteFinder.Functions.Tests.Storage;

/// <summary>
/// Published documents on Azurite: the catalogue as the app publishes it, and documents of random
/// bytes, which do not compress, so a megabyte or two already makes several 640 KiB parts; with
/// publishers that stop part-way and publishers that overlap.
/// </summary>
public sealed class SnapshotDocumentTests : IAsyncLifetime
{
    private const string Name = "doc";

    private readonly SiteTablesOptions _options = new() { Catalogue = Azurite.UniqueTableName("snapshots") };
    private readonly List<SiteRecord> _demo = DemoCatalogue.Generate(DateTimeOffset.UnixEpoch).Select(SiteRecord.From).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();

    public enum Stop
    {
        WriteFails,
        Cancelled,
    }

    private string TableName => _options.Catalogue;

    private TableClient Table => Azurite.Service.GetTableClient(TableName);

    public Task InitializeAsync()
    {
        Azurite.EnsureRunning();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Azurite.Service.DeleteTableAsync(TableName);

    [Fact]
    public async Task Publishes_9000_sites_in_a_few_entities_and_loads_them_back()
    {
        var catalogue = NewCatalogue();
        Assert.Null(await catalogue.GetCurrentAsync(CancellationToken.None));

        var published = await catalogue.PublishAsync(_demo, _demo.Count, CancellationToken.None);
        Assert.True(published.Ours);
        Assert.Equal(1, published.Pointer.Version);
        Assert.Equal(9_000, published.Pointer.Items);
        Assert.InRange(published.Pointer.Parts, 1, 5);

        var loaded = await NewCatalogue().LoadAsync((await catalogue.GetCurrentAsync(CancellationToken.None))!, CancellationToken.None);
        Assert.Equal(_demo, loaded);
    }

    [Fact]
    public async Task A_publish_that_read_its_rows_before_another_publish_reads_them_again_instead_of_going_back_in_time()
    {
        var rows = _demo.Take(100).ToList();
        var slow = NewCatalogue();
        var fast = NewCatalogue();
        var readOnce = new TaskCompletionSource();
        var mayWrite = new TaskCompletionSource();
        var reads = 0;

        // The slow publisher reads the rows, then stalls; meanwhile a row changes and the fast one publishes it.
        var slowPublish = slow.PublishAsync(
            async _ =>
            {
                var snapshot = rows.ToList();
                if (Interlocked.Increment(ref reads) == 1)
                {
                    readOnce.SetResult();
                    await mayWrite.Task;
                }

                return ((IReadOnlyList<SiteRecord>)snapshot, snapshot.Count);
            },
            CancellationToken.None);
        await readOnce.Task;
        rows[0] = rows[0] with { Name = "改名之后" };
        var fastPublished = await fast.PublishAsync(_ => Task.FromResult(((IReadOnlyList<SiteRecord>)rows.ToList(), rows.Count)), CancellationToken.None);
        mayWrite.SetResult();
        var slowPublished = await slowPublish;

        Assert.Equal(2, reads);
        Assert.Equal(fastPublished.Pointer.Version, slowPublished.Pointer.Version);
        var current = (await NewCatalogue().GetCurrentAsync(CancellationToken.None))!;
        var loaded = await NewCatalogue().LoadAsync(current, CancellationToken.None);
        Assert.Equal("改名之后", loaded[0].Name);
    }

    [Fact]
    public async Task Publishes_100000_sites_in_several_parts_and_loads_them_back()
    {
        // A province: 10 parts of up to 640 KiB, more than one table transaction can carry.
        var records = LargeCatalogue.Generate(100_000, DateTimeOffset.UnixEpoch);
        var catalogue = NewCatalogue();
        var pointer = (await catalogue.PublishAsync(records, records.Count, CancellationToken.None)).Pointer;
        Assert.Equal(1, pointer.Version);
        Assert.Equal(100_000, pointer.Items);
        Assert.InRange(pointer.Parts, 6, 20);

        var reader = NewCatalogue();
        var current = await reader.GetCurrentAsync(CancellationToken.None);
        Assert.Equal(pointer, current);
        var loaded = await reader.LoadAsync(current!, CancellationToken.None);
        Assert.Equal(100_000, loaded.Count);
        Assert.Equal(100_000, loaded.Select(r => r.Id).Distinct().Count());
        var byId = loaded.ToDictionary(r => r.Id);
        foreach (var i in new[] { 0, 8_999, 9_000, 54_321, 99_999 })
            Assert.Equal(records[i], byId[records[i].Id]);

        Assert.Equal(pointer, (await reader.PublishAsync(loaded, loaded.Count, CancellationToken.None)).Pointer);
    }

    [Fact]
    public async Task Publishing_the_same_document_again_keeps_the_version_and_a_change_moves_it()
    {
        var catalogue = NewCatalogue();
        var first = (await catalogue.PublishAsync(_demo, _demo.Count, CancellationToken.None)).Pointer;
        var again = await NewCatalogue().PublishAsync(_demo.ToList(), _demo.Count, CancellationToken.None);
        Assert.Equal(new SnapshotPublication(first, Ours: true), again);

        var changed = _demo.Select((r, i) => i == 0 ? r with { Name = "新名字" } : r).ToList();
        var second = (await catalogue.PublishAsync(changed, changed.Count, CancellationToken.None)).Pointer;
        Assert.Equal(2, second.Version);
        Assert.Contains(await catalogue.LoadAsync(second, CancellationToken.None), r => r.Name == "新名字");

        // Two versions back are cleaned up; the previous one stays for readers mid-load.
        var third = (await catalogue.PublishAsync(_demo.Take(10).ToList(), 10, CancellationToken.None)).Pointer;
        Assert.Equal(3, third.Version);
        await Assert.ThrowsAsync<InvalidOperationException>(() => catalogue.LoadAsync(first, CancellationToken.None));
        Assert.Equal(9_000, (await catalogue.LoadAsync(second, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Overlapping_publishers_leave_one_consistent_pointer_and_each_knows_whether_it_won()
    {
        var small = _demo.Take(50).ToList();
        var other = _demo.Skip(50).Take(60).ToList();
        var documents = Enumerable.Range(0, 6).Select(i => i % 2 == 0 ? small : other).ToList();
        var results = await Task.WhenAll(documents.Select(d => NewCatalogue().PublishAsync(d, d.Count, CancellationToken.None)));

        var current = await NewCatalogue().GetCurrentAsync(CancellationToken.None);
        Assert.NotNull(current);
        var loaded = await NewCatalogue().LoadAsync(current, CancellationToken.None);
        Assert.Equal(current.Items, loaded.Count);
        Assert.Contains(loaded.Count, new[] { 50, 60 });
        Assert.All(results, r => Assert.True(r.Pointer.Version <= current.Version));

        // A publisher that lost the pointer is told so: the pointer it got names the other document.
        Assert.All(results.Zip(documents), r => Assert.Equal(r.Second.Count == r.First.Pointer.Items, r.First.Ours));
    }

    [Theory]
    [InlineData(Stop.WriteFails)]
    [InlineData(Stop.Cancelled)]
    public async Task A_publish_that_stops_part_way_leaves_readers_on_the_previous_version_and_the_next_publish_cleans_up(Stop stop)
    {
        var previous = RandomDocument(1_500_000, seed: 1);
        var failed = RandomDocument(3_000_000, seed: 2);
        var next = RandomDocument(1_000_000, seed: 3);
        var reader = NewBytes(Azurite.Service);
        var v1 = (await reader.PublishAsync(previous, 1, CancellationToken.None)).Pointer;
        Assert.InRange(v1.Parts, 2, 4);

        using var cancellation = new CancellationTokenSource();
        var stopping = new StopsAfterWrites(TableName, 2, stop == Stop.Cancelled ? cancellation : null);
        var publishing = NewBytes(stopping.AsService()).PublishAsync(failed, 2, cancellation.Token);
        if (stop == Stop.Cancelled)
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => publishing);
        else
            await Assert.ThrowsAsync<RequestFailedException>(() => publishing);

        // Some of the new version's parts were written, not all, and the pointer did not move.
        var orphan = Assert.Single(await PartitionsAsync(), p => p.Key != v1.Partition);
        Assert.StartsWith($"{Name}-000000000002-", orphan.Key, StringComparison.Ordinal);
        Assert.Equal(2, orphan.Value);
        foreach (var instance in new[] { reader, NewBytes(Azurite.Service) })
        {
            var current = await instance.GetCurrentAsync(CancellationToken.None);
            Assert.Equal(v1, current);
            Assert.Equal(previous, await instance.LoadAsync(current!, CancellationToken.None));
        }

        var v2 = (await reader.PublishAsync(next, 3, CancellationToken.None)).Pointer;
        Assert.Equal(2, v2.Version);
        Assert.NotEqual(orphan.Key, v2.Partition);
        Assert.Equal(next, await reader.LoadAsync((await reader.GetCurrentAsync(CancellationToken.None))!, CancellationToken.None));
        Assert.Equal(previous, await reader.LoadAsync(v1, CancellationToken.None));
        Assert.Equal([v1.Partition, v2.Partition], (await PartitionsAsync()).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Publishing_again_the_document_that_failed_part_way_completes_its_partition()
    {
        var previous = RandomDocument(100_000, seed: 4);
        var document = RandomDocument(3_000_000, seed: 5);
        var publisher = NewBytes(Azurite.Service);
        var v1 = (await publisher.PublishAsync(previous, 1, CancellationToken.None)).Pointer;
        await Assert.ThrowsAsync<RequestFailedException>(() =>
            NewBytes(new StopsAfterWrites(TableName, 1, null).AsService()).PublishAsync(document, 2, CancellationToken.None));

        var v2 = (await publisher.PublishAsync(document, 2, CancellationToken.None)).Pointer;
        Assert.Equal(2, v2.Version);
        Assert.Equal(v2.Parts, (await PartitionsAsync())[v2.Partition]);
        Assert.Equal(document, await NewBytes(Azurite.Service).LoadAsync(v2, CancellationToken.None));
        Assert.Equal([v1.Partition, v2.Partition], (await PartitionsAsync()).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_document_of_many_parts_round_trips_and_its_predecessors_but_one_are_deleted()
    {
        var publisher = NewBytes(Azurite.Service);
        var documents = new[] { RandomDocument(7_000_000, seed: 6), RandomDocument(2_000_000, seed: 7), RandomDocument(500_000, seed: 8) };
        var pointers = new List<SnapshotPointer>();
        foreach (var document in documents)
            pointers.Add((await publisher.PublishAsync(document, document.Length, CancellationToken.None)).Pointer);

        Assert.Equal(11, pointers[0].Parts);
        Assert.Equal([2L, 3L], pointers.Skip(1).Select(p => p.Version));
        Assert.Equal(documents[1], await publisher.LoadAsync(pointers[1], CancellationToken.None));
        Assert.Equal(documents[2], await publisher.LoadAsync(pointers[2], CancellationToken.None));
        Assert.Equal([pointers[1].Partition, pointers[2].Partition], (await PartitionsAsync()).Keys.Order(StringComparer.Ordinal));
    }

    private CatalogueDocument NewCatalogue() => new(Azurite.Service, Options.Create(_options), TimeProvider.System);

    /// <summary>A document of bytes (JSON base64, which gzip brings back to about the bytes' size) in this test's table.</summary>
    private SnapshotDocument<byte[]> NewBytes(TableServiceClient service) => new(service, TableName, Name, TimeProvider.System);

    private static byte[] RandomDocument(int bytes, int seed)
    {
        var document = new byte[bytes];
        new Random(seed).NextBytes(document);
        return document;
    }

    /// <summary>The table's document partitions (the pointers' excepted) and how many entities each holds.</summary>
    private async Task<Dictionary<string, int>> PartitionsAsync()
    {
        var partitions = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var e in Table.QueryAsync<TableEntity>(e => e.PartitionKey != "pointer", select: ["PartitionKey"]))
            partitions[e.PartitionKey] = partitions.GetValueOrDefault(e.PartitionKey) + 1;
        return partitions;
    }
}
