using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using SiteFinder.Domain.Status;

namespace SiteFinder.Functions.Storage;

/// <summary>A staff token as listed to admins: never the secret. Source is whose reports it carries: staff's, or the demo feeder's.</summary>
public sealed record StaffTokenInfo(string TokenId, DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt, StatusSource Source);

/// <summary>A token that is valid for its site: its id (the reports' reporter) and the source its reports are labelled with.</summary>
public sealed record StaffTokenMatch(string TokenId, string Source);

public interface IStaffTokenStore
{
    /// <summary>
    /// Issues a token for the site ("tokenId.secret", shown once); with revokeOthers it is a rotation.
    /// The source (staff, or demo for the demo feeder) is stored with it and labels every report it carries.
    /// </summary>
    Task<(StaffTokenInfo Info, string Token)> IssueAsync(string siteId, bool revokeOthers, StatusSource source, CancellationToken cancellationToken);

    Task<IReadOnlyList<StaffTokenInfo>> ListAsync(string siteId, CancellationToken cancellationToken);

    Task<bool> RevokeAsync(string siteId, string tokenId, CancellationToken cancellationToken);

    /// <summary>The token's id and source when it is valid for this site, else null. A token of another site is not found here.</summary>
    Task<StaffTokenMatch?> VerifyAsync(string siteId, string token, CancellationToken cancellationToken);
}

/// <summary>
/// Tokens in the StaffTokens table: PartitionKey is the site, so a token can only ever be checked against its own site; only a SHA-256 of the secret is stored.
/// A token of the demo feeder has Source "demo"; one without a Source (every token issued before sources were stored) is staff's.
/// </summary>
public sealed class TableStaffTokenStore(TableServiceClient service, IOptions<SiteTablesOptions> options, TimeProvider clock) : IStaffTokenStore
{
    private readonly LazyTable _tokens = new(service, options.Value.StaffTokens);

    public async Task<(StaffTokenInfo Info, string Token)> IssueAsync(string siteId, bool revokeOthers, StatusSource source, CancellationToken cancellationToken)
    {
        if (source is not (StatusSource.Staff or StatusSource.Demo))
            throw new ArgumentException($"A staff token carries staff or demo reports, not {source}.", nameof(source));
        var table = await _tokens.GetAsync(cancellationToken);
        var secret = Base64UrlSecret();
        var now = clock.GetUtcNow();
        string tokenId;
        do
        {
            // A new id only when another token of the site holds this one (48 random bits: all but never).
            tokenId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(StaffTokens.IdLength / 2));
        }
        while (!await table.AddOnceAsync(new TableEntity(siteId, tokenId) { ["Hash"] = Hash(secret), ["IssuedAt"] = now, ["Source"] = StatusSources.NameOf(source) }, cancellationToken));

        // Revoking after issuing: when storage fails halfway, the site's staff keep a working token
        // (the old ones not revoked yet) instead of none, and the operator simply rotates again.
        if (revokeOthers)
        {
            foreach (var token in await ListAsync(siteId, cancellationToken))
            {
                if (token.RevokedAt is null && token.TokenId != tokenId)
                    await RevokeAsync(siteId, token.TokenId, cancellationToken);
            }
        }

        return (new StaffTokenInfo(tokenId, now, null, source), $"{tokenId}.{secret}");
    }

    public async Task<IReadOnlyList<StaffTokenInfo>> ListAsync(string siteId, CancellationToken cancellationToken)
    {
        var table = await _tokens.GetAsync(cancellationToken);
        var list = new List<StaffTokenInfo>();
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == siteId, cancellationToken: cancellationToken))
            list.Add(new StaffTokenInfo(e.RowKey, e.GetDateTimeOffset("IssuedAt") ?? DateTimeOffset.MinValue, e.GetDateTimeOffset("RevokedAt"), StatusSources.Parse(SourceOf(e)) ?? StatusSource.Staff));
        return list;
    }

    public async Task<bool> RevokeAsync(string siteId, string tokenId, CancellationToken cancellationToken)
    {
        var table = await _tokens.GetAsync(cancellationToken);
        while (true)
        {
            var entity = await table.GetEntityIfExistsAsync<TableEntity>(siteId, tokenId, ["RevokedAt"], cancellationToken);
            if (!entity.HasValue)
                return false;

            // Revoking twice keeps the first time: when a token stopped working is what an operator asks later.
            if (entity.Value!.GetDateTimeOffset("RevokedAt") is not null)
                return true;

            try
            {
                // Kept, marked revoked: reports name their reporter by token id, and the id must stay explainable.
                // Conditional on the version read, so that two revocations at once cannot both write a time.
                await table.UpdateEntityAsync(new TableEntity(siteId, tokenId) { ["RevokedAt"] = clock.GetUtcNow() }, entity.Value.ETag, TableUpdateMode.Merge, cancellationToken);
                return true;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Deleted or changed since it was read: read it again.
            }
        }
    }

    public async Task<StaffTokenMatch?> VerifyAsync(string siteId, string token, CancellationToken cancellationToken)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == token.Length - 1 || token.Length > 200)
            return null;

        var tokenId = token[..dot];
        if (!StaffTokens.IsWellFormedId(tokenId))
            return null;

        var table = await _tokens.GetAsync(cancellationToken);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(siteId, tokenId, cancellationToken: cancellationToken);
        if (!entity.HasValue || entity.Value!.GetDateTimeOffset("RevokedAt") is not null)
            return null;

        var expected = Convert.FromHexString(entity.Value.GetString("Hash") ?? string.Empty);
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(token[(dot + 1)..]));
        return CryptographicOperations.FixedTimeEquals(expected, given) ? new StaffTokenMatch(tokenId, SourceOf(entity.Value)) : null;
    }

    private static string SourceOf(TableEntity entity) => entity.GetString("Source") ?? StatusSources.Staff;

    private static string Base64UrlSecret() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
