using Microsoft.Extensions.Logging.Abstractions;
using SiteFinder.Functions.Snapshots;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Tests.Snapshots;

/// <summary>A value an instance published itself is served without being read back, and the version bookkeeping stays that of a refresh.</summary>
public sealed class PublishedSnapshotTests
{
    [Fact]
    public async Task A_value_published_here_is_served_at_once_and_a_refresh_that_finds_its_version_keeps_it()
    {
        var snapshot = new Counting { Stored = Pointer(1) };
        await snapshot.PublishedHereAsync(new SnapshotPublication(Pointer(1), Ours: true), "published 1");
        Assert.Equal("published 1", await snapshot.GetAsync(CancellationToken.None));
        Assert.True(snapshot.Health.Loaded);
        Assert.Equal((1L, 7), (snapshot.Health.Version, snapshot.Health.Items));
        var loadedAt = snapshot.Health.LoadedAt;

        await snapshot.RefreshAsync(CancellationToken.None);
        Assert.Equal(("published 1", 0), (snapshot.Current, snapshot.Loads));
        Assert.Equal(loadedAt, snapshot.Health.LoadedAt);

        snapshot.Stored = Pointer(2);
        await snapshot.RefreshAsync(CancellationToken.None);
        Assert.Equal(("loaded 2", 1), (snapshot.Current, snapshot.Loads));

        // The same version again, handed over after a refresh loaded it: nothing to swap.
        await snapshot.PublishedHereAsync(new SnapshotPublication(Pointer(2), Ours: true), "published 2");
        Assert.Equal("loaded 2", snapshot.Current);
    }

    [Fact]
    public async Task When_another_publisher_won_the_pointer_its_document_is_read_instead()
    {
        var snapshot = new Counting { Stored = Pointer(3) };
        await snapshot.PublishedHereAsync(new SnapshotPublication(Pointer(3), Ours: false), "ours");
        Assert.Equal(("loaded 3", 1), (snapshot.Current, snapshot.Loads));
        Assert.Equal(3, snapshot.Health.Version);
    }

    [Fact]
    public async Task A_first_load_started_before_anyone_asks_serves_the_first_request_without_another_read()
    {
        var snapshot = new Counting { Stored = Pointer(4) };
        snapshot.StartFirstLoad();
        await WaitUntilAsync(() => snapshot.Health.Loaded);
        Assert.Equal(("loaded 4", 1), (snapshot.Current, snapshot.Loads));

        Assert.Equal("loaded 4", await snapshot.GetAsync(CancellationToken.None));
        snapshot.StartFirstLoad();
        Assert.Equal((1, 1), (snapshot.Loads, snapshot.PointerReads));
    }

    [Fact]
    public async Task A_first_load_started_early_that_fails_is_recorded_and_the_next_request_tries_again()
    {
        var snapshot = new Counting { Stored = Pointer(5), Failing = true };
        snapshot.StartFirstLoad();
        await WaitUntilAsync(() => snapshot.Health.LastFailureAt is not null);
        Assert.False(snapshot.Health.Loaded);
        Assert.Equal(nameof(InvalidOperationException), snapshot.Health.LastError);

        // The failure is recorded just before the failed attempt ends: a request in between shares that attempt
        // (requests share one) and gets nothing, without a read of its own. The first request after it tries again.
        snapshot.Failing = false;
        string? served = null;
        for (var tries = 0; served is null && tries < 100; tries++)
        {
            served = await snapshot.GetAsync(CancellationToken.None);
            if (served is null)
                await Task.Delay(10);
        }

        Assert.Equal("loaded 5", served);
        Assert.Equal((1, 2), (snapshot.Loads, snapshot.PointerReads));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 10)
        {
            Assert.True(waited < 10_000, "the first load did not end within 10 s");
            await Task.Delay(10);
        }
    }

    private static SnapshotPointer Pointer(long version) => new(version, $"doc-{version}", 1, 7, $"hash-{version}", DateTimeOffset.UnixEpoch);

    /// <summary>A snapshot over a pointer the test sets, counting the documents it reads.</summary>
    private sealed class Counting() : PublishedSnapshot<string>(NullLogger.Instance, TimeProvider.System)
    {
        public SnapshotPointer? Stored { get; set; }

        public int Loads { get; private set; }

        public int PointerReads { get; private set; }

        public bool Failing { get; set; }

        protected override string Empty => string.Empty;

        public Task PublishedHereAsync(SnapshotPublication published, string value) => InstallAsync(published, value, CancellationToken.None);

        protected override Task<SnapshotPointer?> GetPointerAsync(CancellationToken cancellationToken)
        {
            PointerReads++;
            return Failing ? throw new InvalidOperationException("storage refused") : Task.FromResult(Stored);
        }

        protected override Task<string> LoadAsync(SnapshotPointer pointer, CancellationToken cancellationToken)
        {
            Loads++;
            return Task.FromResult($"loaded {pointer.Version}");
        }
    }
}
