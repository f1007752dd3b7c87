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
        await table.CreateIfNotExistsAsync().ConfigureAwait(false);
        return new PackedSnapshotTable(table, "catalogue", clock);
    });

    public async Task<SnapshotPointer?> GetCurrentAsync(CancellationToken cancellationToken) =>
        await (await _table.GetAsync(cancellationToken).ConfigureAwait(false)).GetCurrentAsync(cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<SiteRecord>> LoadAsync(SnapshotPointer pointer, CancellationToken cancellationToken)
    {
        var bytes = await (await _table.GetAsync(cancellationToken).ConfigureAwait(false)).LoadAsync(pointer, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize<List<SiteRecord>>(bytes, Json) ?? [];
    }

    public async Task<SnapshotPointer> PublishAsync(IReadOnlyList<SiteRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var json = JsonSerializer.SerializeToUtf8Bytes(records.OrderBy(r => r.Id, StringComparer.Ordinal), Json);
        return await (await _table.GetAsync(cancellationToken).ConfigureAwait(false)).PublishAsync(json, records.Count, cancellationToken).ConfigureAwait(false);
    }
}
