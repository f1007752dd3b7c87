using System.Globalization;
using Microsoft.Extensions.Options;
using SiteFinder.Domain.Demo;
using SiteFinder.Domain.Hours;
using SiteFinder.Domain.Import;
using SiteFinder.Domain.Sites;
using SiteFinder.Functions.Storage;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Storage;

public sealed class TableSiteStoreTests : IAsyncLifetime
{
    private readonly SiteTablesOptions _options = new() { Sites = Azurite.UniqueTableName("sitestore") };
    private TableSiteStore _store = null!;

    public Task InitializeAsync()
    {
        Azurite.EnsureRunning();
        _store = new TableSiteStore(Azurite.Service, Options.Create(_options));
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Azurite.Service.DeleteTableAsync(_options.Sites);

    [Fact]
    public async Task Upsert_round_trips_every_field_and_is_idempotent()
    {
        Assert.True(await _store.IsEmptyAsync(CancellationToken.None));
        var sites = DemoCatalogue.Generate(new DateTimeOffset(2022, 4, 1, 0, 0, 0, TimeSpan.Zero)).Take(700).ToList();

        await _store.UpsertAsync(sites, CancellationToken.None);
        await _store.UpsertAsync(sites, CancellationToken.None);

        var loaded = (await _store.LoadAllAsync(CancellationToken.None)).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var expected = sites.Select(SiteRecord.From).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, loaded);
        Assert.False(await _store.IsEmptyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Upsert_replaces_by_id_and_leaves_other_rows_alone()
    {
        var sites = DemoCatalogue.Generate(DateTimeOffset.UnixEpoch).Take(3).ToList();
        await _store.UpsertAsync(sites, CancellationToken.None);
        await _store.UpsertAsync([sites[0] with { Name = "改名", Street = null, State = SiteState.Closed }], CancellationToken.None);

        var loaded = (await _store.LoadAllAsync(CancellationToken.None)).ToDictionary(r => r.Id);
        Assert.Equal(3, loaded.Count);
        Assert.Equal("改名", loaded[sites[0].Id].Name);
        Assert.Equal("Closed", loaded[sites[0].Id].State);
        Assert.Equal(sites[1].Name, loaded[sites[1].Id].Name);
    }

    [Fact]
    public async Task Upserts_a_hundred_rows_of_the_longest_fields_into_one_partition()
    {
        // Chinese text at every field's import limit: 100 such rows make a transaction body over 4 MiB.
        string Longest(string field, char c) => new(c, SiteImporter.MaxLengths[field]);
        var template = DemoCatalogue.Generate(DateTimeOffset.UnixEpoch)[0];
        var sites = Enumerable.Range(0, 50_000)
            .Select(i => (i.ToString(CultureInfo.InvariantCulture) + ":").PadRight(SiteImporter.MaxLengths["source_id"], '源'))
            .Where(sourceId => SiteIds.FromSourceId(sourceId).StartsWith("00", StringComparison.Ordinal))
            .Take(100)
            .Select(sourceId => template with
            {
                Id = SiteIds.FromSourceId(sourceId),
                SourceId = sourceId,
                Name = Longest("name", '名'),
                Address = Longest("address", '址'),
                District = Longest("district", '区'),
                Street = Longest("street", '街'),
                Hours = OpeningHours.Parse(Longest("hours", '时')),
                TypeText = Longest("type", '类'),
                Audience = new Audience(AudienceKind.Groups, ["staff"], Longest("audience", '众')),
                Phone = Longest("phone", '电'),
                Notes = Longest("notes", '注'),
            })
            .ToList();
        Assert.Equal(100, sites.Count);

        await _store.UpsertAsync(sites, CancellationToken.None);

        var loaded = (await _store.LoadAllAsync(CancellationToken.None)).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        Assert.Equal(sites.Select(SiteRecord.From).OrderBy(r => r.Id, StringComparer.Ordinal), loaded);
    }

    [Fact]
    public async Task An_edit_and_its_audit_entry_are_written_together_or_not_at_all()
    {
        var site = DemoCatalogue.Generate(DateTimeOffset.UnixEpoch).First();
        await _store.UpsertAsync([site], CancellationToken.None);
        var stored = (await _store.GetAsync(site.Id, CancellationToken.None))!;
        var audit = new Domain.Audit.AuditEntry { SiteId = site.Id, At = DateTimeOffset.UnixEpoch, Who = "city", Action = Domain.Audit.AuditAction.Edit, Changes = [new("name", site.Name, "改名")] };

        var written = await _store.ReplaceAsync(stored.Record with { Name = "改名" }, stored.Version, audit, CancellationToken.None);
        Assert.NotEqual(stored.Version, written.Version);
        Assert.Equal(written.Version, (await _store.GetAsync(site.Id, CancellationToken.None))!.Version);

        // The old version is stale now: neither the row nor a second entry is written.
        await Assert.ThrowsAsync<SiteVersionConflictException>(() =>
            _store.ReplaceAsync(stored.Record with { Name = "旧版本上的修改" }, stored.Version, audit, CancellationToken.None));
        await Assert.ThrowsAsync<SiteVersionConflictException>(() =>
            _store.ReplaceAsync(stored.Record with { Name = "伪造版本" }, "\"not-a-version\"", audit, CancellationToken.None));

        Assert.Equal("改名", (await _store.GetAsync(site.Id, CancellationToken.None))!.Record.Name);
        var trail = await _store.ListAsync(site.Id, 10, null, CancellationToken.None);
        var entry = Assert.Single(trail.Items);
        Assert.Equal("改名", entry.Changes.Single().After);
        Assert.Null(trail.Cursor);

        // Audit rows share the sites' partitions but are never read as sites.
        var all = await _store.LoadAllAsync(CancellationToken.None);
        Assert.Equal([site.Id], all.Select(r => r.Id));
    }

    [Fact]
    public async Task The_audit_trail_of_one_site_holds_only_its_own_entries_newest_first()
    {
        var sites = DemoCatalogue.Generate(DateTimeOffset.UnixEpoch).Take(300).ToList();
        await _store.UpsertAsync(sites, CancellationToken.None);

        // Two sites of one partition, so that a trail's key range is shown to stop at its own site.
        var pair = sites.GroupBy(s => TableSiteStore.PartitionOf(s.Id)).First(g => g.Count() >= 2).Take(2).ToArray();
        foreach (var (site, i) in pair.SelectMany(s => Enumerable.Range(1, 3).Select(i => (s, i))))
        {
            var stored = (await _store.GetAsync(site.Id, CancellationToken.None))!;
            var entry = new Domain.Audit.AuditEntry { SiteId = site.Id, At = DateTimeOffset.UnixEpoch.AddMinutes(i), Who = "city", Action = Domain.Audit.AuditAction.Edit, Reason = $"{site.Id}#{i}" };
            await _store.ReplaceAsync(stored.Record with { Notes = $"#{i}" }, stored.Version, entry, CancellationToken.None);
        }

        var first = await _store.ListAsync(pair[0].Id, 2, null, CancellationToken.None);
        Assert.Equal([$"{pair[0].Id}#3", $"{pair[0].Id}#2"], first.Items.Select(e => e.Reason));
        Assert.True(_store.IsWellFormedCursor(first.Cursor!));
        var rest = await _store.ListAsync(pair[0].Id, 2, first.Cursor, CancellationToken.None);
        Assert.Equal([$"{pair[0].Id}#1"], rest.Items.Select(e => e.Reason));
        Assert.Null(rest.Cursor);
        Assert.False(_store.IsWellFormedCursor("'; drop"));
    }
}
