using SiteFinder.Domain.Geocoding;

namespace SiteFinder.Functions.Storage;

/// <summary>
/// The uploaded gazetteers as rows, one generation per upload. Generations sort by the time they were
/// made, so an upload can remove the ones before it without touching one that a later upload is
/// still writing.
/// </summary>
public interface IGazetteerStore
{
    Task WriteAsync(string generation, IReadOnlyList<GazetteerEntry> entries, CancellationToken cancellationToken);

    Task<IReadOnlyList<GazetteerEntry>> LoadAsync(string generation, CancellationToken cancellationToken);

    /// <summary>The generations stored, oldest first.</summary>
    Task<IReadOnlyList<string>> ListGenerationsAsync(CancellationToken cancellationToken);

    /// <summary>Deletes every row of the generations <paramref name="which"/> picks.</summary>
    Task DeleteAsync(Func<string, bool> which, CancellationToken cancellationToken);
}
