using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using SiteFinder.Domain.Status;
using SiteFinder.Functions.Storage;
using SiteFinder.Functions.Tests.Infrastructure;
using SiteFinder.Tests;

namespace SiteFinder.Functions.Tests.Storage;

/// <summary>The staff token store on Azurite: a token keeps the source it was issued for, so a demo token's reports are always labelled demo.</summary>
public sealed class TableStaffTokenStoreTests : IAsyncLifetime
{
    private const string Site = "00000000000000a1";

    private readonly SiteTablesOptions _options = new() { StaffTokens = Azurite.UniqueTableName("stafftok") };
    private readonly ManualClock _clock = new(new DateTimeOffset(2022, 4, 28, 2, 0, 0, TimeSpan.Zero));
    private TableStaffTokenStore _store = null!;

    public Task InitializeAsync()
    {
        Azurite.EnsureRunning();
        _store = new TableStaffTokenStore(Azurite.Service, Options.Create(_options), _clock);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Azurite.Service.DeleteTableAsync(_options.StaffTokens);

    [Fact]
    public async Task A_token_is_staff_or_demo_as_issued_and_says_so_when_verified_and_listed()
    {
        var (staff, staffToken) = await _store.IssueAsync(Site, revokeOthers: false, StatusSource.Staff, CancellationToken.None);
        var (demo, demoToken) = await _store.IssueAsync(Site, revokeOthers: false, StatusSource.Demo, CancellationToken.None);

        Assert.Equal(new StaffTokenMatch(staff.TokenId, "staff"), await _store.VerifyAsync(Site, staffToken, CancellationToken.None));
        Assert.Equal(new StaffTokenMatch(demo.TokenId, "demo"), await _store.VerifyAsync(Site, demoToken, CancellationToken.None));
        var listed = (await _store.ListAsync(Site, CancellationToken.None)).ToDictionary(t => t.TokenId, t => t.Source);
        Assert.Equal(StatusSource.Staff, listed[staff.TokenId]);
        Assert.Equal(StatusSource.Demo, listed[demo.TokenId]);

        var table = Azurite.Service.GetTableClient(_options.StaffTokens);
        Assert.Equal("demo", (await table.GetEntityAsync<TableEntity>(Site, demo.TokenId)).Value.GetString("Source"));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.IssueAsync(Site, revokeOthers: false, StatusSource.Residents, CancellationToken.None));
    }

    [Fact]
    public async Task A_token_stored_before_sources_were_is_staffs()
    {
        var (info, token) = await _store.IssueAsync(Site, revokeOthers: false, StatusSource.Staff, CancellationToken.None);
        var table = Azurite.Service.GetTableClient(_options.StaffTokens);
        var entity = (await table.GetEntityAsync<TableEntity>(Site, info.TokenId)).Value;
        entity.Remove("Source");
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace);

        Assert.Equal(new StaffTokenMatch(info.TokenId, "staff"), await _store.VerifyAsync(Site, token, CancellationToken.None));
        Assert.Equal(StatusSource.Staff, Assert.Single(await _store.ListAsync(Site, CancellationToken.None)).Source);
    }
}
