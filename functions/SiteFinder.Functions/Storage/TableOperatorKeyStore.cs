using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace SiteFinder.Functions.Storage;

/// <summary>An operator key as listed to the city: never the secret, nor its hash.</summary>
public sealed record OperatorKeyInfo(string KeyId, string Name, string District, DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt);

public interface IOperatorKeyStore
{
    /// <summary>Issues a key for a named operator of a district ("keyId.secret", shown once).</summary>
    Task<(OperatorKeyInfo Info, string Key)> IssueAsync(string name, string district, CancellationToken cancellationToken);

    /// <summary>Every key ever issued, revoked ones included, oldest first.</summary>
    Task<IReadOnlyList<OperatorKeyInfo>> ListAsync(CancellationToken cancellationToken);

    /// <summary>False when no such key was issued. Revoking a revoked key keeps its first revocation time.</summary>
    Task<bool> RevokeAsync(string keyId, CancellationToken cancellationToken);

    /// <summary>The key's holder when the key is valid (issued, not revoked, right secret), else null.</summary>
    Task<OperatorKeyInfo?> VerifyAsync(string key, CancellationToken cancellationToken);
}

/// <summary>
/// Keys in the OperatorKeys table, one partition per key (PartitionKey = key id, RowKey empty):
/// verifying a key is one point read, and requests of different operators never share a
/// partition's throughput. Listing scans the table, which holds a few keys per district. Only a
/// SHA-256 of the secret is stored; revoked keys are kept, marked, because audit entries name
/// their authors by key id.
/// </summary>
public sealed class TableOperatorKeyStore(TableServiceClient service, IOptions<SiteTablesOptions> options, TimeProvider clock) : IOperatorKeyStore
{
    /// <summary>
    /// How long a successful verification is trusted without reading storage again. It bounds how
    /// long a key revoked on another instance keeps working here: at most 30 s. On the instance that
    /// revoked it, the key stops at once (see <see cref="_revokedHere"/>).
    /// </summary>
    public static readonly TimeSpan VerificationCacheDuration = TimeSpan.FromSeconds(30);

    private const string RowKey = "";

    private readonly LazyTable _keys = new(service, options.Value.OperatorKeys);

    /// <summary>
    /// Keyed by key id; an entry is added only after storage confirmed the key, so there are never
    /// more entries than valid keys, whatever callers send. The hash is compared at every hit: a
    /// right id with a wrong secret is refused from the cache too.
    /// </summary>
    private readonly ConcurrentDictionary<string, CachedKey> _verified = new(StringComparer.Ordinal);

    /// <summary>
    /// Keys revoked through this instance. A revoked key never comes back, so this is never stale; it
    /// also beats a verification that read storage just before the revocation and caches afterwards.
    /// </summary>
    private readonly ConcurrentDictionary<string, bool> _revokedHere = new(StringComparer.Ordinal);

    public async Task<(OperatorKeyInfo Info, string Key)> IssueAsync(string name, string district, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(district);
        var table = await _keys.GetAsync(cancellationToken);
        var secret = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();

        // 48 random bits: two keys with one id are very unlikely, but Add refuses to overwrite one, so try another id then.
        for (var attempt = 1; ; attempt++)
        {
            var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(OperatorKeys.IdLength / 2));
            var entity = new TableEntity(keyId, RowKey)
            {
                ["Name"] = name,
                ["District"] = district,
                ["Hash"] = Hash(secret),
                ["IssuedAt"] = now,
            };
            // A retried add that met its own entity is ours; another key under the id (48 random bits) draws a new one.
            if (await table.AddOnceAsync(entity, cancellationToken))
                return (new OperatorKeyInfo(keyId, name, district, now, null), $"{keyId}.{secret}");
            if (attempt == 3)
                throw new InvalidOperationException("Three random operator key ids in a row were taken.");
        }
    }

    public async Task<IReadOnlyList<OperatorKeyInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await _keys.GetAsync(cancellationToken);
        var list = new List<OperatorKeyInfo>();
        await foreach (var e in table.QueryAsync<TableEntity>(select: ["PartitionKey", "Name", "District", "IssuedAt", "RevokedAt"], cancellationToken: cancellationToken))
            list.Add(Info(e));
        return [.. list.OrderBy(k => k.IssuedAt).ThenBy(k => k.KeyId, StringComparer.Ordinal)];
    }

    public async Task<bool> RevokeAsync(string keyId, CancellationToken cancellationToken)
    {
        if (!OperatorKeys.IsWellFormedId(keyId))
            return false;

        var table = await _keys.GetAsync(cancellationToken);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(keyId, RowKey, ["RevokedAt"], cancellationToken);
        if (!entity.HasValue)
            return false;

        _revokedHere[keyId] = true;
        _verified.TryRemove(keyId, out _);
        if (entity.Value!.GetDateTimeOffset("RevokedAt") is null)
            await table.UpdateEntityAsync(new TableEntity(keyId, RowKey) { ["RevokedAt"] = clock.GetUtcNow() }, ETag.All, TableUpdateMode.Merge, cancellationToken);
        return true;
    }

    public async Task<OperatorKeyInfo?> VerifyAsync(string key, CancellationToken cancellationToken)
    {
        if (!OperatorKeys.TryParse(key, out var keyId, out var secret) || _revokedHere.ContainsKey(keyId))
            return null;

        var given = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        var now = clock.GetUtcNow();
        if (_verified.TryGetValue(keyId, out var cached) && now < cached.Until)
            return CryptographicOperations.FixedTimeEquals(cached.Hash, given) ? cached.Info : null;

        var table = await _keys.GetAsync(cancellationToken);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(keyId, RowKey, cancellationToken: cancellationToken);
        if (!entity.HasValue || entity.Value!.GetDateTimeOffset("RevokedAt") is not null)
        {
            _verified.TryRemove(keyId, out _);
            return null;
        }

        var expected = Convert.FromHexString(entity.Value.GetString("Hash") ?? string.Empty);
        if (!CryptographicOperations.FixedTimeEquals(expected, given))
            return null;

        var info = Info(entity.Value);
        if (!_revokedHere.ContainsKey(keyId))
            _verified[keyId] = new CachedKey(expected, info, now + VerificationCacheDuration);
        return info;
    }

    private static OperatorKeyInfo Info(TableEntity e) =>
        new(e.PartitionKey, e.GetString("Name") ?? string.Empty, e.GetString("District") ?? string.Empty, e.GetDateTimeOffset("IssuedAt") ?? DateTimeOffset.MinValue, e.GetDateTimeOffset("RevokedAt"));

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private sealed record CachedKey(byte[] Hash, OperatorKeyInfo Info, DateTimeOffset Until);
}
