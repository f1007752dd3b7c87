using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using SiteFinder.Domain.Audit;
using SiteFinder.Domain.Sites;

namespace SiteFinder.Functions.Storage;

/// <summary>
/// Sites in one table. PartitionKey is the first two hex digits of the id: 256 partitions spread
/// writes, and any site can still be read by id alone. Imports batch up to 100 rows per partition.
/// A site's audit entries live in its partition, beside it, so that an edit and its entry are one
/// transaction (Table Storage has no transaction across partitions or tables): a change is never
/// stored without its entry, nor an entry without its change. Their row keys start with '~', which
/// sorts after every hex digit, so the site rows are exactly the keys below '~'.
/// </summary>
public sealed class TableSiteStore(TableServiceClient service, IOptions<SiteTablesOptions> options) : ISiteStore, ISiteAuditLog
{
    /// <summary>Every site row key is below this; every audit row key at or above it.</summary>
    private const string AuditRowPrefix = "~audit~";

    private const string SiteRowsFilter = "RowKey lt '~'";

    /// <summary>An audit row key after the site id: inverted ticks (newest sorts first) and 4 random hex digits (two entries in one tick).</summary>
    private const int AuditSuffixLength = 19 + 4;

    /// <summary>
    /// Chinese written as is, not as \uXXXX: a string property holds at most 32K characters, and the
    /// longest fields before and after (notes 4,000, hours 2,000, address 1,000 ...) then fit with room.
    /// </summary>
    private static readonly JsonSerializerOptions AuditJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };

    /// <summary>
    /// Sites (with their entries) per transaction in <see cref="WriteAllAsync"/>: a transaction body may
    /// not pass 4 MiB, and a site at the importer's longest fields plus its entry is about 150 KB in
    /// the worst case (every character of Chinese sent as \uXXXX), so 20 pairs stay below it.
    /// </summary>
    private const int SitesPerTransaction = 20;

    private readonly LazyTable _sites = new(service, options.Value.Sites);

    public static string PartitionOf(string id) => id[..2];

    public Task UpsertAsync(IReadOnlyList<Site> sites, CancellationToken cancellationToken) =>
        _sites.SubmitBatchedAsync(
            sites.Select(s => ToEntity(SiteRecord.From(s))).Select(e => (e.PartitionKey, new TableTransactionAction(TableTransactionActionType.UpsertReplace, e))),
            cancellationToken);

    public async Task<IReadOnlyList<SiteRecord>> LoadAllAsync(CancellationToken cancellationToken)
    {
        var table = await _sites.GetAsync(cancellationToken);
        var records = new List<SiteRecord>();
        await foreach (var entity in table.QueryAsync<TableEntity>(SiteRowsFilter, cancellationToken: cancellationToken))
            records.Add(FromEntity(entity));
        return records;
    }

    public async Task<IReadOnlyList<StoredSite>> LoadAllStoredAsync(CancellationToken cancellationToken)
    {
        var table = await _sites.GetAsync(cancellationToken);
        var sites = new List<StoredSite>();
        await foreach (var entity in table.QueryAsync<TableEntity>(SiteRowsFilter, cancellationToken: cancellationToken))
            sites.Add(new StoredSite(FromEntity(entity), VersionOf(entity.ETag)));
        return sites;
    }

    public async Task WriteAllAsync(IReadOnlyList<(SiteRecord Record, string? Version, AuditEntry Audit)> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var table = await _sites.GetAsync(cancellationToken);

        // A site and its entry are two actions of one transaction.
        var batches = changes
            .GroupBy(c => PartitionOf(c.Record.Id), StringComparer.Ordinal)
            .SelectMany(g => g.Chunk(SitesPerTransaction))
            .ToArray();
        var refused = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (batch, ct) =>
        {
            var actions = new List<TableTransactionAction>(batch.Length * 2);
            foreach (var (record, version, audit) in batch)
            {
                actions.Add(version is null
                    ? new TableTransactionAction(TableTransactionActionType.Add, ToEntity(record))
                    : new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(record), TableETagOf(version) ?? new ETag("\"stale\"")));
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, ToEntity(audit)));
            }

            try
            {
                await table.SubmitTransactionAsync(actions, ct);
            }
            catch (TableTransactionFailedException e) when (e.Status is 412 or 409 or 404)
            {
                foreach (var (record, _, _) in batch)
                    refused.Add(record.Id);
            }
        });

        if (!refused.IsEmpty)
            throw new SiteVersionConflictException([.. refused.Order(StringComparer.Ordinal)]);
    }

    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken)
    {
        var table = await _sites.GetAsync(cancellationToken);

        // Real Table Storage may return an empty page with a continuation token, so look until a row or the end.
        await foreach (var page in table.QueryAsync<TableEntity>(SiteRowsFilter, maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken).AsPages())
        {
            if (page.Values.Count > 0)
                return false;
        }

        return true;
    }

    public async Task<StoredSite?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var table = await _sites.GetAsync(cancellationToken);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(PartitionOf(id), id, cancellationToken: cancellationToken);
        return entity.HasValue ? new StoredSite(FromEntity(entity.Value!), VersionOf(entity.Value!.ETag)) : null;
    }

    public async Task<StoredSite> ReplaceAsync(SiteRecord record, string version, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(audit);
        if (TableETagOf(version) is not { } etag)
            throw new SiteVersionConflictException(record.Id);

        var table = await _sites.GetAsync(cancellationToken);
        var entity = ToEntity(record);
        try
        {
            var response = await table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, etag),
                    new TableTransactionAction(TableTransactionActionType.Add, ToEntity(audit)),
                ],
                cancellationToken);
            // The site's new ETag, read back rather than taken from the transaction's sub-responses, whose
            // order the emulator does not promise. If the row read is not the one written, someone wrote
            // after us: the version returned is then our write's guess, which at worst makes the next
            // edit answer 412 and read again, never overwrite that newer write.
            var stored = await table.GetEntityAsync<TableEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken);
            return FromEntity(stored.Value) == record
                ? new StoredSite(record, VersionOf(stored.Value.ETag))
                : new StoredSite(record, VersionOf(response.Value[0].Headers.ETag ?? default));
        }
        catch (TableTransactionFailedException e) when (e.Status is 412 or 404)
        {
            // A transaction that timed out on the wire may have been applied, and the SDK's retry then
            // finds the row changed: by us. If the row is exactly what we wrote, the edit did happen.
            var now = await table.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken);
            if (now.HasValue && FromEntity(now.Value!) == record)
                return new StoredSite(record, VersionOf(now.Value!.ETag));
            throw new SiteVersionConflictException(record.Id);
        }
    }

    public async Task<AuditPage> ListAsync(string siteId, int limit, string? cursor, CancellationToken cancellationToken)
    {
        var table = await _sites.GetAsync(cancellationToken);
        var prefix = AuditRowPrefix + siteId + "~";
        var from = cursor is null ? prefix : prefix + cursor;
        // Built with CreateQueryFilter, which quotes and escapes each value: the site id and cursor come
        // from the request, and a quote in them must not end the string and add a clause (OData injection).
        var partition = PartitionOf(siteId);
        var end = prefix + "\u007f";
        var filter = cursor is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {end}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {from} and RowKey lt {end}");

        var items = new List<AuditEntry>(limit);
        string? lastKey = null;
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: limit + 1, cancellationToken: cancellationToken))
        {
            if (items.Count == limit)
                return new AuditPage(items, lastKey![prefix.Length..]);
            items.Add(AuditFromEntity(siteId, entity));
            lastKey = entity.RowKey;
        }

        return new AuditPage(items, null);
    }

    public bool IsWellFormedCursor(string cursor) =>
        cursor.Length == AuditSuffixLength && cursor.All(char.IsAsciiHexDigitLower);

    /// <summary>The version clients see: the table's ETag as an opaque strong ETag, so that HTTP's If-Match compares it byte for byte.</summary>
    private static string VersionOf(ETag etag) => "\"" + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(etag.ToString())) + "\"";

    private static ETag? TableETagOf(string version)
    {
        var inner = version.Trim();
        if (inner.Length < 3 || inner[0] != '"' || inner[^1] != '"')
            return null;
        try
        {
            return new ETag(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(inner.AsSpan(1, inner.Length - 2))));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static TableEntity ToEntity(SiteRecord r) => RecordEntities<SiteRecord>.ToEntity(r, PartitionOf(r.Id), r.Id, nameof(SiteRecord.Id));

    private static SiteRecord FromEntity(TableEntity e) => RecordEntities<SiteRecord>.FromEntity(e, nameof(SiteRecord.Id));

    private static TableEntity ToEntity(AuditEntry a)
    {
        var inverted = (DateTimeOffset.MaxValue.UtcTicks - a.At.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
        var rowKey = AuditRowPrefix + a.SiteId + "~" + inverted + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2));
        return new TableEntity(PartitionOf(a.SiteId), rowKey)
        {
            ["At"] = a.At,
            ["Who"] = a.Who,
            ["Action"] = a.Action.ToString(),
            ["Changes"] = JsonSerializer.Serialize(a.Changes, AuditJson),
            ["Reason"] = a.Reason,
            ["ImportId"] = a.ImportId,
            ["CorrectionId"] = a.CorrectionId,
        };
    }

    private static AuditEntry AuditFromEntity(string siteId, TableEntity e) => new()
    {
        SiteId = siteId,
        At = e.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue,
        Who = e.GetString("Who") ?? string.Empty,
        Action = Enum.TryParse<AuditAction>(e.GetString("Action"), out var action) ? action : AuditAction.Edit,
        Changes = JsonSerializer.Deserialize<FieldChange[]>(e.GetString("Changes") ?? "[]") ?? [],
        Reason = e.GetString("Reason"),
        ImportId = e.GetString("ImportId"),
        CorrectionId = e.GetString("CorrectionId"),
    };
}
