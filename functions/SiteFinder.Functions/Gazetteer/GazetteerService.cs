using SiteFinder.Domain.Geocoding;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Gazetteer;

/// <summary>
/// An upload replaces the gazetteer: its rows are written as a new generation, the document is
/// published from them, then the generations before it are deleted. A failure part-way leaves the
/// previous gazetteer in force (the pointer moves last), and the next upload deletes the partial rows.
/// </summary>
public sealed class GazetteerService(IGazetteerStore store, GazetteerDocument document, GazetteerProvider provider, TimeProvider clock)
{
    /// <summary>The snapshot now in force, or null when another upload published its own at the same time (this one's rows are removed).</summary>
    public async Task<SnapshotPointer?> ReplaceAsync(IReadOnlyList<GazetteerEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var generation = TableGazetteerStore.NewGeneration(clock.GetUtcNow());
        await store.WriteAsync(generation, entries, cancellationToken);

        // The generation is part of the document, so every upload publishes (even of the same file)
        // and no two uploads' documents are equal: the one whose pointer move wins is the one in force.
        var snapshot = new GazetteerSnapshot(generation, entries);
        var published = await document.PublishAsync(snapshot, entries.Count, cancellationToken);
        if (!published.Ours)
        {
            await store.DeleteAsync(g => g == generation, cancellationToken);
            await provider.RefreshAsync(cancellationToken);
            return null;
        }

        await provider.InstallAsync(published, snapshot, cancellationToken);

        // Only older generations: a newer one may be an upload still writing its rows.
        await store.DeleteAsync(g => string.CompareOrdinal(g, generation) < 0, cancellationToken);
        return published.Pointer;
    }
}
