using Azure.Data.Tables;
using SiteFinder.Functions.Storage;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Storage;

/// <summary>An add the SDK sent twice (a timeout, then a retry) on Azurite: its own entity is success, another's is not.</summary>
public sealed class TableAddsTests : IAsyncLifetime
{
    private readonly string _name = Azurite.UniqueTableName("adds");
    private TableClient _table = null!;

    public async Task InitializeAsync()
    {
        Azurite.EnsureRunning();
        _table = Azurite.Service.GetTableClient(_name);
        await _table.CreateIfNotExistsAsync();
    }

    public Task DisposeAsync() => Azurite.Service.DeleteTableAsync(_name);

    private static TableEntity Token(string hash) => new("site", "0123456789ab") { ["Hash"] = hash, ["IssuedAt"] = new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero), ["Count"] = 3 };

    [Fact]
    public async Task The_second_send_of_the_same_add_finds_its_own_entity_and_succeeds()
    {
        Assert.True(await _table.AddOnceAsync(Token("abc"), CancellationToken.None));

        Assert.True(await _table.AddOnceAsync(Token("abc"), CancellationToken.None));
        Assert.Single(_table.Query<TableEntity>());
    }

    [Fact]
    public async Task Another_entity_under_the_key_is_a_conflict_and_is_left_as_it_was()
    {
        Assert.True(await _table.AddOnceAsync(Token("abc"), CancellationToken.None));

        Assert.False(await _table.AddOnceAsync(Token("xyz"), CancellationToken.None));
        Assert.Equal("abc", (await _table.GetEntityAsync<TableEntity>("site", "0123456789ab")).Value.GetString("Hash"));
    }
}
