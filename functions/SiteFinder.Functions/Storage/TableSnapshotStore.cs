using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using SiteFinder.Domain.Sites;

namespace SiteFinder.Functions.Storage;

/// <summary>The published catalogue: every site as one packed document in the Catalogue table.</summary>
public sealed class TableSnapshotStore(TableServiceClient service, IOptions<SiteTablesOptions> options, TimeProvider clock) : ICatalogueSnapshotStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly RetryingLazy<PackedSnapshotTable> _table = new(async () =>
    {
        var table = service.GetTableClient(options.Value.Catalogue);
        await table.CreateIfNotExistsAsync();
        return new PackedSnapshotTable(table, "catalogue", clock);
    });

    public async Task<SnapshotPointer?> GetCurrentAsync(CancellationToken cancellationToken) =>
        await (await _table.GetAsync(cancellationToken)).GetCurrentAsync(cancellationToken);

    public async Task<IReadOnlyList<SiteRecord>> LoadAsync(SnapshotPointer pointer, CancellationToken cancellationToken) =>
        await (await _table.GetAsync(cancellationToken)).LoadAsync(pointer, document => JsonSerializer.Deserialize<List<SiteRecord>>(document, Json) ?? [], cancellationToken);

    public async Task<SnapshotPointer> PublishAsync(IReadOnlyList<SiteRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var ordered = records.OrderBy(r => r.Id, StringComparer.Ordinal).ToArray();
        return await (await _table.GetAsync(cancellationToken)).PublishAsync(document => JsonSerializer.Serialize(document, ordered, Json), records.Count, cancellationToken);
    }
}
