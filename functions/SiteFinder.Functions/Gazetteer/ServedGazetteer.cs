using SiteFinder.Domain.Geocoding;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Gazetteer;

/// <summary>The gazetteer an instance answers from: the published places and the matcher built over them once.</summary>
public sealed class ServedGazetteer
{
    public ServedGazetteer(GazetteerSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Generation = snapshot.Generation;
        Entries = snapshot.Entries;
        Matcher = PlaceMatcher<GazetteerEntry>.Build(snapshot.Entries, e => e.Name, e => e.District);
        Kinds = snapshot.Entries
            .GroupBy(e => e.Kind ?? string.Empty, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
    }

    public static ServedGazetteer Empty { get; } = new(new GazetteerSnapshot(string.Empty, []));

    /// <summary>The upload the places came from; empty before any upload.</summary>
    public string Generation { get; }

    public IReadOnlyList<GazetteerEntry> Entries { get; }

    public PlaceMatcher<GazetteerEntry> Matcher { get; }

    /// <summary>How many places of each kind, the most frequent first; "" counts the places without one.</summary>
    public IReadOnlyDictionary<string, int> Kinds { get; }
}
