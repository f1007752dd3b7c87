using System.Text.Json;
using Azure.Data.Tables;

namespace SiteFinder.Functions.Storage;

/// <summary>
/// One published document of type <typeparamref name="T"/>: JSON in a <see cref="PackedSnapshotTable"/>
/// under its own name in a table that is created on first use. The catalogue, the status board and
/// the aggregation checkpoint are each one (<see cref="CatalogueDocument"/>, <see cref="StatusBoardDocument"/>,
/// <see cref="StatusCheckpointDocument"/>), so versions, parts, cleanup and unchanged-document
/// detection are written once.
/// </summary>
/// <param name="service">The storage account's tables.</param>
/// <param name="table">The table the document lives in, created on first use.</param>
/// <param name="name">The document's name in that table.</param>
/// <param name="clock">The app clock (publication times).</param>
/// <param name="read">
/// Reads the document's JSON (the catalogue: <see cref="SiteRecordJsonReader"/>, returning null for JSON null); null
/// reads it with <see cref="JsonSerializer"/>. Either must read what the serializer with the web defaults reads.
/// </param>
public class SnapshotDocument<T>(TableServiceClient service, string table, string name, TimeProvider clock, Func<Stream, T?>? read = null)
    where T : class
{
    private static readonly JsonSerializerOptions Json = SnapshotJson.Options;

    private readonly LazyTable _table = new(service, table);

    /// <summary>The pointer, or null when none is published (nor the table made): a read, so the table is not created for it.</summary>
    public Task<SnapshotPointer?> GetCurrentAsync(CancellationToken cancellationToken) =>
        Unchecked.GetCurrentAsync(cancellationToken);

    public async Task<T> LoadAsync(SnapshotPointer pointer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        // A pointer was read from the table, so it exists.
        return await Unchecked.LoadAsync(
            pointer,
            stream => (read is null ? JsonSerializer.Deserialize<T>(stream, Json) : read(stream)) ?? throw new InvalidOperationException($"Snapshot {name} {pointer.Version} is empty."),
            cancellationToken);
    }

    /// <summary>
    /// Publishes the document as a new version unless its JSON equals the current one's (so a caller
    /// whose document has no natural order must give it one). <paramref name="items"/> is what the
    /// pointer reports of its size, for readiness and logs.
    /// </summary>
    public async Task<SnapshotPublication> PublishAsync(T document, int items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        return await (await PackedAsync(cancellationToken)).PublishAsync(
            stream => JsonSerializer.Serialize(stream, document, Json),
            items,
            cancellationToken);
    }

    /// <summary>
    /// Publishes the document <paramref name="build"/> reads (from rows that others may be writing),
    /// reading it again when another publisher moves the pointer meanwhile; see <see cref="PackedSnapshotTable"/>.
    /// </summary>
    public async Task<SnapshotPublication> PublishAsync(Func<CancellationToken, Task<(T Document, int Items)>> build, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(build);
        return await (await PackedAsync(cancellationToken)).PublishAsync(
            async ct =>
            {
                var (document, items) = await build(ct);
                return ((Action<Stream>)(stream => JsonSerializer.Serialize(stream, document, Json)), items);
            },
            attempts: 3,
            cancellationToken);
    }

    private PackedSnapshotTable Unchecked => new(_table.Unchecked, name, clock);

    private async Task<PackedSnapshotTable> PackedAsync(CancellationToken cancellationToken) =>
        new(await _table.GetAsync(cancellationToken), name, clock);
}
