using Azure;
using Microsoft.Extensions.Options;
using SiteFinder.Domain.Demo;
using SiteFinder.Domain.Sites;
using SiteFinder.Functions.Storage;
using SiteFinder.Functions.Tests.Infrastructure;
using SiteFinder.Tests;

namespace SiteFinder.Functions.Tests.Storage;

public sealed class TableSnapshotStoreTests : IAsyncLifetime
{
    private readonly SiteTablesOptions _options = new() { Catalogue = Azurite.UniqueTableName("snapshots") };
    private readonly List<SiteRecord> _demo = DemoCatalogue.Generate(DateTimeOffset.UnixEpoch).Select(SiteRecord.From).ToList();

    public Task InitializeAsync()
    {
        Azurite.EnsureRunning();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Azurite.Service.DeleteTableAsync(_options.Catalogue);

    private TableSnapshotStore NewStore() => new(Azurite.Service, Options.Create(_options), TimeProvider.System);

    [Fact]
    public async Task Publishes_9000_sites_in_a_few_entities_and_loads_them_back()
    {
        var store = NewStore();
        Assert.Null(await store.GetCurrentAsync(CancellationToken.None));

        var pointer = await store.PublishAsync(_demo, CancellationToken.None);
        Assert.Equal(1, pointer.Version);
        Assert.Equal(9_000, pointer.Items);
        Assert.InRange(pointer.Parts, 1, 5);

        var loaded = await NewStore().LoadAsync((await store.GetCurrentAsync(CancellationToken.None))!, CancellationToken.None);
        Assert.Equal(_demo.OrderBy(r => r.Id, StringComparer.Ordinal), loaded);
    }

    [Fact]
    public async Task Publishes_100000_sites_in_several_parts_and_loads_them_back()
    {
        // A province: 10 parts of up to 640 KiB, more than one table transaction can carry.
        var records = LargeCatalogue.Generate(100_000, DateTimeOffset.UnixEpoch);
        var store = NewStore();
        var pointer = await store.PublishAsync(records, CancellationToken.None);
        Assert.Equal(1, pointer.Version);
        Assert.Equal(100_000, pointer.Items);
        Assert.InRange(pointer.Parts, 6, 20);

        var reader = NewStore();
        var current = await reader.GetCurrentAsync(CancellationToken.None);
        Assert.Equal(pointer, current);
        var loaded = await reader.LoadAsync(current!, CancellationToken.None);
        Assert.Equal(100_000, loaded.Count);
        Assert.Equal(100_000, loaded.Select(r => r.Id).Distinct().Count());
        var byId = loaded.ToDictionary(r => r.Id);
        foreach (var i in new[] { 0, 8_999, 9_000, 54_321, 99_999 })
            Assert.Equal(records[i], byId[records[i].Id]);

        Assert.Equal(pointer, await store.PublishAsync(records.AsEnumerable().Reverse().ToList(), CancellationToken.None));
    }

    [Fact]
    public async Task A_publish_that_fails_part_way_leaves_every_reader_on_the_previous_catalogue()
    {
        var store = NewStore();
        var previous = await store.PublishAsync(_demo, CancellationToken.None);
        var larger = LargeCatalogue.Generate(30_000, DateTimeOffset.UnixEpoch); // three parts: the first is written, the others fail

        var failing = new TableSnapshotStore(new StopsAfterWrites(_options.Catalogue, 1, null).AsService(), Options.Create(_options), TimeProvider.System);
        await Assert.ThrowsAsync<RequestFailedException>(() => failing.PublishAsync(larger, CancellationToken.None));

        var reader = NewStore();
        Assert.Equal(previous, await reader.GetCurrentAsync(CancellationToken.None));
        Assert.Equal(_demo.OrderBy(r => r.Id, StringComparer.Ordinal), await reader.LoadAsync(previous, CancellationToken.None));

        var next = await store.PublishAsync(larger, CancellationToken.None);
        Assert.Equal(2, next.Version);
        Assert.InRange(next.Parts, 2, 5);
        Assert.Equal(30_000, (await reader.LoadAsync((await reader.GetCurrentAsync(CancellationToken.None))!, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Publishing_the_same_records_again_keeps_the_version_and_a_change_moves_it()
    {
        var store = NewStore();
        var first = await store.PublishAsync(_demo, CancellationToken.None);
        var again = await store.PublishAsync(_demo.AsEnumerable().Reverse().ToList(), CancellationToken.None);
        Assert.Equal(first, again);

        var changed = _demo.Select((r, i) => i == 0 ? r with { Name = "新名字" } : r).ToList();
        var second = await store.PublishAsync(changed, CancellationToken.None);
        Assert.Equal(2, second.Version);
        Assert.Contains(await store.LoadAsync(second, CancellationToken.None), r => r.Name == "新名字");

        // Two versions back are cleaned up; the previous one stays for readers mid-load.
        var third = await store.PublishAsync(_demo.Take(10).ToList(), CancellationToken.None);
        Assert.Equal(3, third.Version);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.LoadAsync(first, CancellationToken.None));
        Assert.Equal(9_000, (await store.LoadAsync(second, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Overlapping_publishers_leave_one_consistent_pointer()
    {
        var small = _demo.Take(50).ToList();
        var other = _demo.Skip(50).Take(60).ToList();
        var results = await Task.WhenAll(
            Enumerable.Range(0, 6).Select(i => NewStore().PublishAsync(i % 2 == 0 ? small : other, CancellationToken.None)));

        var current = await NewStore().GetCurrentAsync(CancellationToken.None);
        Assert.NotNull(current);
        var loaded = await NewStore().LoadAsync(current, CancellationToken.None);
        Assert.Equal(current.Items, loaded.Count);
        Assert.Contains(loaded.Count, new[] { 50, 60 });
        Assert.All(results, r => Assert.True(r.Version <= current.Version));
    }
}
