using System.Text.Json;
using SiteFinder.Domain.Status;
using SiteFinder.Functions.Http;
using SiteFinder.Functions.Sites;
using SiteFinder.Functions.Status;

namespace SiteFinder.Functions.OpenData;

/// <summary>
/// The open data feed as this instance serves it: built once per (catalogue version, status board
/// version, minute) and kept as bytes, so that answering it costs a copy, never a build. The first
/// request of a new minute builds it (about a catalogue's worth of serialization); requests arriving
/// meanwhile wait for that one build rather than making their own.
/// </summary>
public sealed class SiteFeed(CatalogueProvider catalogue, StatusProvider statuses, TimeProvider clock)
{
    private readonly SemaphoreSlim _building = new(1, 1);
    private Built? _current;

    /// <summary>The feed for now; null when no catalogue could be loaded since this instance started.</summary>
    public async ValueTask<FeedDocument?> GetAsync(CancellationToken cancellationToken)
    {
        if (await catalogue.GetAsync(cancellationToken) is not { } served)
            return null;

        // The version is read before the board: a board newer than its version only rebuilds once more.
        var statusVersion = statuses.Health.Version;
        var board = await statuses.GetAsync(cancellationToken) ?? statuses.Current;
        var now = clock.GetUtcNow();
        var key = new FeedKey(served.Version, statusVersion, new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero));
        if (Volatile.Read(ref _current) is { } hit && hit.Matches(key, served, board))
            return hit.Document;

        await _building.WaitAsync(cancellationToken);
        try
        {
            if (Volatile.Read(ref _current) is { } built && built.Matches(key, served, board))
                return built.Document;
            var document = new FeedDocument(key, Build(served, board, key));
            Volatile.Write(ref _current, new Built(document, served, board));
            return document;
        }
        finally
        {
            _building.Release();
        }
    }

    /// <summary>The feed's bytes: every site that may be in service, with its status at the key's minute.</summary>
    public static byte[] Build(ServedCatalogue served, StatusBoard board, FeedKey key)
    {
        ArgumentNullException.ThrowIfNull(served);
        ArgumentNullException.ThrowIfNull(board);
        var features = served.Catalogue.Sites
            .Where(s => s.MayBeInService)
            .Select(s => OpenFeature.Of(s, served.PartsOf(s), key.Minute, board))
            .ToArray();
        var collection = new OpenFeatureCollection
        {
            License = OpenDataNotice.License,
            Usage = OpenDataNotice.Usage(board.Options.TtlMinutes),
            GeneratedAt = key.Minute,
            CatalogueVersion = key.CatalogueVersion,
            StatusVersion = key.StatusVersion,
            StatusTtlMinutes = board.Options.TtlMinutes,
            Features = features,
        };
        return JsonSerializer.SerializeToUtf8Bytes(collection, ApiJson.Options);
    }

    /// <summary>The document with the very catalogue and board it was built from: a version alone could name a board not yet swapped in.</summary>
    private sealed record Built(FeedDocument Document, ServedCatalogue Catalogue, StatusBoard Board)
    {
        public bool Matches(FeedKey key, ServedCatalogue catalogue, StatusBoard board) =>
            Document.Key == key && ReferenceEquals(Catalogue, catalogue) && ReferenceEquals(Board, board);
    }
}
