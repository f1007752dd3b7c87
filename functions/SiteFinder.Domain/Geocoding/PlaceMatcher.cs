using System.Buffers;
using System.Collections.Frozen;

namespace SiteFinder.Domain.Geocoding;

/// <summary>
/// Finds the places a typed name means, among a fixed list built once (the gazetteer, or a
/// catalogue's site names and addresses) and then shared by every request: immutable and thread-safe.
/// <para>
/// Candidates rank by kind (<see cref="PlaceMatchKind"/>: exact, core, prefix, substring, similar),
/// then by confidence, then by whether their district is the one given, then by their position in
/// the list, so that the same query always gives the same answer. Names compare as
/// <see cref="PlaceName.Normalize"/> leaves them. A similar name's score is the Dice coefficient of
/// the two names' sets of adjacent character pairs (bigrams), 2·|A∩B| / (|A|+|B|); prefix and
/// substring matches score by the share of the name the query covers.
/// </para>
/// <para>
/// An inverted index from each bigram to the entries holding it means a query only looks at the
/// entries that share a bigram with it, counting the shared bigrams as it goes. Every name equal to,
/// beginning with or containing a query of two or more characters holds all the query's bigrams, and
/// so does every core match (a core keeps at least two characters, and it begins both names), so no
/// candidate is missed. A query of one character has no bigram and is compared with every entry.
/// </para>
/// </summary>
public sealed class PlaceMatcher<T>
{
    /// <summary>The confidence of each kind; the confidences of different kinds never overlap, so confidence orders candidates as rank does.</summary>
    public const double ExactConfidence = 1.0;
    public const double CoreConfidence = 0.95;
    public const double PrefixConfidence = 0.8;
    public const double SubstringConfidence = 0.7;
    public const double SimilarConfidence = 0.7;

    private const double PartialRange = 0.1;

    private readonly T[] _items;
    private readonly string[] _names;
    private readonly string[] _cores;
    private readonly string[] _districts;
    private readonly int[] _gramCounts;
    private readonly FrozenDictionary<int, int[]> _postings;

    private PlaceMatcher(IReadOnlyList<T> items, Func<T, string> name, Func<T, string?> district)
    {
        _items = [.. items];
        _names = new string[_items.Length];
        _cores = new string[_items.Length];
        _districts = new string[_items.Length];
        _gramCounts = new int[_items.Length];
        var postings = new Dictionary<int, List<int>>();
        for (var i = 0; i < _items.Length; i++)
        {
            _names[i] = PlaceName.Normalize(name(_items[i]));
            _cores[i] = PlaceName.Core(_names[i]);
            _districts[i] = PlaceName.District(district(_items[i]));
            var grams = Bigrams(_names[i]);
            _gramCounts[i] = grams.Length;
            foreach (var gram in grams)
            {
                if (!postings.TryGetValue(gram, out var list))
                    postings[gram] = list = [];
                list.Add(i);
            }
        }

        // Bigrams() gives each gram once per name, so an entry appears at most once in a posting list
        // and the count a query makes of it is the number of bigrams they share.
        _postings = postings.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray());
    }

    public int Count => _items.Length;

    /// <summary>Builds the matcher over <paramref name="items"/>: each has a name and, optionally, a district.</summary>
    public static PlaceMatcher<T> Build(IReadOnlyList<T> items, Func<T, string> name, Func<T, string?> district)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(district);
        return new PlaceMatcher<T>(items, name, district);
    }

    /// <summary>
    /// The <paramref name="limit"/> best candidates for <paramref name="query"/>, best first; of two
    /// equally good, the one in <paramref name="district"/> (when given) first. Empty when nothing is alike.
    /// </summary>
    public IReadOnlyList<PlaceMatch<T>> Match(string? query, string? district = null, int limit = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var best = new TopK(limit);
        Scan(query, district, best.Offer);
        return Results(best.Best);
    }

    /// <summary>
    /// Every candidate for <paramref name="query"/>, ranked as <see cref="Match"/> ranks them: for a caller
    /// that orders them by more than the name (a site search also weighs where the sites are).
    /// </summary>
    public IReadOnlyList<PlaceMatch<T>> MatchAll(string? query, string? district = null)
    {
        var all = new List<Candidate>();
        Scan(query, district, all.Add);
        all.Sort(static (a, b) => a.Index == b.Index ? 0 : a.IsBetterThan(b) ? -1 : 1);
        return Results(all);
    }

    /// <summary>Judges every entry that may match <paramref name="query"/> and hands each candidate to <paramref name="offer"/>.</summary>
    private void Scan(string? query, string? district, Action<Candidate> offer)
    {
        var q = PlaceName.Normalize(query);
        if (q.Length == 0 || _items.Length == 0)
            return;

        var grams = Bigrams(q);
        var context = new Query(q, PlaceName.Core(q), grams.Length, PlaceName.District(district));
        if (grams.Length == 0)
        {
            for (var i = 0; i < _items.Length; i++)
            {
                if (Judge(context, i, shared: 0) is { } candidate)
                    offer(candidate);
            }

            return;
        }

        var shared = ArrayPool<int>.Shared.Rent(_items.Length);
        try
        {
            Array.Clear(shared, 0, _items.Length);
            var touched = new List<int>();
            foreach (var gram in grams)
            {
                if (!_postings.TryGetValue(gram, out var entries))
                    continue;
                foreach (var i in entries)
                {
                    if (shared[i]++ == 0)
                        touched.Add(i);
                }
            }

            foreach (var i in touched)
            {
                if (Judge(context, i, shared[i]) is { } candidate)
                    offer(candidate);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(shared);
        }
    }

    /// <summary>The distinct bigrams of a normalised name, each as its two UTF-16 units in one int; none for a name under two characters.</summary>
    internal static int[] Bigrams(string name)
    {
        if (name.Length < 2)
            return [];
        var grams = new HashSet<int>(name.Length - 1);
        for (var i = 0; i + 1 < name.Length; i++)
            grams.Add((name[i] << 16) | name[i + 1]);
        return [.. grams];
    }

    private Candidate? Judge(in Query query, int i, int shared)
    {
        var name = _names[i];
        PlaceMatchKind kind;
        double confidence;
        if (name.Length == 0)
            return null;

        if (name == query.Name)
        {
            (kind, confidence) = (PlaceMatchKind.Exact, ExactConfidence);
        }
        else if (_cores[i] == query.Core)
        {
            (kind, confidence) = (PlaceMatchKind.Core, CoreConfidence);
        }
        else if (shared == query.GramCount && name.StartsWith(query.Name, StringComparison.Ordinal))
        {
            // Only a name holding all the query's bigrams can begin with it or contain it (a one-character
            // query has none, so every name is checked), which spares most string searches.
            (kind, confidence) = (PlaceMatchKind.Prefix, PrefixConfidence + (PartialRange * query.Name.Length / name.Length));
        }
        else if (shared == query.GramCount && name.Contains(query.Name, StringComparison.Ordinal))
        {
            (kind, confidence) = (PlaceMatchKind.Substring, SubstringConfidence + (PartialRange * query.Name.Length / name.Length));
        }
        else if (shared > 0)
        {
            (kind, confidence) = (PlaceMatchKind.Similar, SimilarConfidence * 2.0 * shared / (query.GramCount + _gramCounts[i]));
        }
        else
        {
            return null;
        }

        var inDistrict = query.District.Length > 0 && _districts[i] == query.District;
        return new Candidate(i, kind, confidence, inDistrict);
    }

    private PlaceMatch<T>[] Results(IEnumerable<Candidate> candidates) =>
        [.. candidates.Select(c => new PlaceMatch<T>(_items[c.Index], c.Index, c.Kind, Math.Round(c.Confidence, 4), c.InDistrict))];

    private readonly record struct Query(string Name, string Core, int GramCount, string District);

    private readonly record struct Candidate(int Index, PlaceMatchKind Kind, double Confidence, bool InDistrict)
    {
        /// <summary>The ranking: kind, then confidence, then the district, then list order.</summary>
        public bool IsBetterThan(Candidate other) =>
            Kind != other.Kind ? Kind < other.Kind
            : Confidence != other.Confidence ? Confidence > other.Confidence
            : InDistrict != other.InDistrict ? InDistrict
            : Index < other.Index;
    }

    /// <summary>The best <c>k</c> candidates seen so far, kept sorted best first.</summary>
    private sealed class TopK(int k)
    {
        private readonly Candidate[] _best = new Candidate[k];
        private int _count;

        public IEnumerable<Candidate> Best => _best.Take(_count);

        public void Offer(Candidate candidate)
        {
            // _best[0.._count] is sorted best first, so a candidate no better than the last of a full
            // list is out, and one that gets in belongs just after the last entry better than it.
            if (_count == _best.Length && !candidate.IsBetterThan(_best[_count - 1]))
                return;

            var at = Math.Min(_count, _best.Length - 1);
            while (at > 0 && candidate.IsBetterThan(_best[at - 1]))
            {
                _best[at] = _best[at - 1];
                at--;
            }

            _best[at] = candidate;
            _count = Math.Min(_count + 1, _best.Length);
        }
    }
}
