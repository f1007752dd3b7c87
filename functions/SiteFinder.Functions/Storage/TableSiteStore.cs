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
        var table = await _sites.GetAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<SiteRecord>();
        await foreach (var entity in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
            records.Add(FromEntity(entity));
        return records;
    }

    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken)
    {
        var table = await _sites.GetAsync(cancellationToken).ConfigureAwait(false);

        // Real Table Storage may return an empty page with a continuation token, so look until a row or the end.
        await foreach (var page in table.QueryAsync<TableEntity>(maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
        {
            if (page.Values.Count > 0)
                return false;
        }

        return true;
    }

    private static TableEntity ToEntity(SiteRecord r) => new(PartitionOf(r.Id), r.Id)
    {
        [nameof(r.SourceId)] = r.SourceId,
        [nameof(r.Name)] = r.Name,
        [nameof(r.Address)] = r.Address,
        [nameof(r.District)] = r.District,
        [nameof(r.Street)] = r.Street,
        [nameof(r.Lat)] = r.Lat,
        [nameof(r.Lng)] = r.Lng,
        [nameof(r.SourceLat)] = r.SourceLat,
        [nameof(r.SourceLng)] = r.SourceLng,
        [nameof(r.SourceCoord)] = r.SourceCoord,
        [nameof(r.Type)] = r.Type,
        [nameof(r.TypeText)] = r.TypeText,
        [nameof(r.AudienceKind)] = r.AudienceKind,
        [nameof(r.AudienceGroups)] = r.AudienceGroups,
        [nameof(r.AudienceText)] = r.AudienceText,
        [nameof(r.Hours)] = r.Hours,
        [nameof(r.Phone)] = r.Phone,
        [nameof(r.Notes)] = r.Notes,
        [nameof(r.State)] = r.State,
        [nameof(r.UpdatedAt)] = r.UpdatedAt,
    };

    private static SiteRecord FromEntity(TableEntity e) => new()
    {
        Id = e.RowKey,
        SourceId = e.GetString(nameof(SiteRecord.SourceId)) ?? e.RowKey,
        Name = e.GetString(nameof(SiteRecord.Name)) ?? string.Empty,
        Address = e.GetString(nameof(SiteRecord.Address)) ?? string.Empty,
        District = e.GetString(nameof(SiteRecord.District)) ?? string.Empty,
        Street = e.GetString(nameof(SiteRecord.Street)),
        Lat = e.GetDouble(nameof(SiteRecord.Lat)) ?? 0,
        Lng = e.GetDouble(nameof(SiteRecord.Lng)) ?? 0,
        SourceLat = e.GetDouble(nameof(SiteRecord.SourceLat)) ?? 0,
        SourceLng = e.GetDouble(nameof(SiteRecord.SourceLng)) ?? 0,
        SourceCoord = e.GetString(nameof(SiteRecord.SourceCoord)) ?? "wgs84",
        Type = e.GetString(nameof(SiteRecord.Type)) ?? nameof(SiteType.Unknown),
        TypeText = e.GetString(nameof(SiteRecord.TypeText)),
        AudienceKind = e.GetString(nameof(SiteRecord.AudienceKind)) ?? nameof(AudienceKind.Public),
        AudienceGroups = e.GetString(nameof(SiteRecord.AudienceGroups)),
        AudienceText = e.GetString(nameof(SiteRecord.AudienceText)),
        Hours = e.GetString(nameof(SiteRecord.Hours)),
        Phone = e.GetString(nameof(SiteRecord.Phone)),
        Notes = e.GetString(nameof(SiteRecord.Notes)),
        State = e.GetString(nameof(SiteRecord.State)) ?? nameof(SiteState.Open),
        UpdatedAt = e.GetDateTimeOffset(nameof(SiteRecord.UpdatedAt)) ?? DateTimeOffset.MinValue,
    };
}
