using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using SiteFinder.Domain.Sites;

namespace SiteFinder.Functions.Storage;

/// <summary>
/// Sites in one table. PartitionKey is the first two hex digits of the id: 256 partitions spread
/// writes, and any site can still be read by id alone. Imports batch up to 100 rows per partition.
/// </summary>
public sealed class TableSiteStore(TableServiceClient service, IOptions<SiteTablesOptions> options) : ISiteStore
{
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
        await foreach (var entity in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
            records.Add(FromEntity(entity));
        return records;
    }

    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken)
    {
        var table = await _sites.GetAsync(cancellationToken);

        // Real Table Storage may return an empty page with a continuation token, so look until a row or the end.
        await foreach (var page in table.QueryAsync<TableEntity>(maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken).AsPages())
        {
            if (page.Values.Count > 0)
                return false;
        }

        return true;
    }

    private static TableEntity ToEntity(SiteRecord r) => RecordEntities<SiteRecord>.ToEntity(r, PartitionOf(r.Id), r.Id, nameof(SiteRecord.Id));

    private static SiteRecord FromEntity(TableEntity e) => RecordEntities<SiteRecord>.FromEntity(e, nameof(SiteRecord.Id));
}
