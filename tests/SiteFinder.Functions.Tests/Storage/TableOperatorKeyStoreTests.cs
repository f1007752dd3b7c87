using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using SiteFinder.Functions.Storage;
using SiteFinder.Functions.Tests.Infrastructure;
using SiteFinder.Tests;

namespace SiteFinder.Functions.Tests.Storage;

/// <summary>The operator key store on Azurite; two stores on one table stand for two instances of the app.</summary>
public sealed class TableOperatorKeyStoreTests : IAsyncLifetime
{
    private readonly SiteTablesOptions _options = new() { OperatorKeys = Azurite.UniqueTableName("opkeys") };
    private readonly ManualClock _clock = new(new DateTimeOffset(2022, 4, 28, 2, 0, 0, TimeSpan.Zero));
    private TableOperatorKeyStore _here = null!;
    private TableOperatorKeyStore _elsewhere = null!;

    public Task InitializeAsync()
    {
        Azurite.EnsureRunning();
        _here = new TableOperatorKeyStore(Azurite.Service, Options.Create(_options), _clock);
        _elsewhere = new TableOperatorKeyStore(Azurite.Service, Options.Create(_options), _clock);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Azurite.Service.DeleteTableAsync(_options.OperatorKeys);

    [Fact]
    public async Task A_key_is_stored_as_the_hash_of_its_secret_in_a_partition_of_its_own()
    {
        var (info, key) = await _here.IssueAsync("浦东新区-张三", "浦东新区", CancellationToken.None);

        Assert.True(OperatorKeys.TryParse(key, out var keyId, out var secret));
        Assert.Equal(info.KeyId, keyId);
        Assert.True(OperatorKeys.IsWellFormedId(keyId));

        var entity = Assert.Single(Azurite.Service.GetTableClient(_options.OperatorKeys).Query<TableEntity>());
        Assert.Equal(keyId, entity.PartitionKey);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))), entity.GetString("Hash"));
        Assert.Equal("浦东新区-张三", entity.GetString("Name"));
        Assert.Equal("浦东新区", entity.GetString("District"));
        Assert.DoesNotContain(entity, p => p.Value is string text && text.Contains(secret, StringComparison.Ordinal));

        Assert.Equal(info, await _elsewhere.VerifyAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Wrong_secrets_unknown_ids_and_odd_text_are_not_keys_even_after_a_cached_success()
    {
        var (_, key) = await _here.IssueAsync("黄浦区-李四", "黄浦区", CancellationToken.None);
        Assert.NotNull(await _here.VerifyAsync(key, CancellationToken.None));

        Assert.Null(await _here.VerifyAsync(key[..13] + "not-the-secret", CancellationToken.None));
        Assert.Null(await _here.VerifyAsync("0123456789ab" + key[12..], CancellationToken.None));
        foreach (var odd in new[] { string.Empty, key[..12], key[..13], key.ToUpperInvariant(), "../../x.y", key + new string('x', 200) })
            Assert.Null(await _here.VerifyAsync(odd, CancellationToken.None));
    }

    [Fact]
    public async Task A_revoked_key_stops_at_once_where_it_was_revoked_and_within_the_cache_time_elsewhere()
    {
        var (info, key) = await _here.IssueAsync("金山区-王五", "金山区", CancellationToken.None);
        Assert.NotNull(await _here.VerifyAsync(key, CancellationToken.None));
        Assert.NotNull(await _elsewhere.VerifyAsync(key, CancellationToken.None));

        Assert.True(await _here.RevokeAsync(info.KeyId, CancellationToken.None));

        Assert.Null(await _here.VerifyAsync(key, CancellationToken.None));

        // The other instance trusts its cached verification until it expires, and no longer.
        _clock.Advance(TableOperatorKeyStore.VerificationCacheDuration - TimeSpan.FromSeconds(1));
        Assert.NotNull(await _elsewhere.VerifyAsync(key, CancellationToken.None));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await _elsewhere.VerifyAsync(key, CancellationToken.None));

        // An instance that never saw the key reads storage and refuses it.
        var fresh = new TableOperatorKeyStore(Azurite.Service, Options.Create(_options), _clock);
        Assert.Null(await fresh.VerifyAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Revoked_keys_stay_listed_with_their_first_revocation_time_and_unknown_ids_are_not_revoked()
    {
        var (first, _) = await _here.IssueAsync("宝山区-赵六", "宝山区", CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var (second, _) = await _here.IssueAsync("宝山区-钱七", "宝山区", CancellationToken.None);

        _clock.Advance(TimeSpan.FromMinutes(1));
        var revokedAt = _clock.GetUtcNow();
        Assert.True(await _here.RevokeAsync(first.KeyId, CancellationToken.None));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await _elsewhere.RevokeAsync(first.KeyId, CancellationToken.None));
        Assert.False(await _here.RevokeAsync("0123456789ab", CancellationToken.None));
        Assert.False(await _here.RevokeAsync("not-an-id", CancellationToken.None));

        var listed = await _elsewhere.ListAsync(CancellationToken.None);
        Assert.Equal([first with { RevokedAt = revokedAt }, second], listed);
    }
}
