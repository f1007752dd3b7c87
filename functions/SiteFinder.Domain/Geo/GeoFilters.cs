namespace SiteFinder.Domain.Geo;

/// <summary>
/// A predicate over input positions that <see cref="GeoIndex"/> applies during a search. Implement it on a
/// struct and pass it to the generic overloads: the JIT then specialises the search for it and inlines the call.
/// It is asked only about items that would otherwise enter the answer, nearest-ish first.
/// </summary>
public interface IGeoFilter
{
    bool Accepts(int index);
}

/// <summary>No filter.</summary>
public readonly struct AcceptAll : IGeoFilter
{
    public bool Accepts(int index) => true;
}

/// <summary>Wraps a delegate, for callers that have one (costs a delegate call per candidate).</summary>
public readonly struct DelegateFilter(Func<int, bool> predicate) : IGeoFilter
{
    private readonly Func<int, bool> _predicate = predicate ?? throw new ArgumentNullException(nameof(predicate));

    public bool Accepts(int index) => _predicate(index);
}

/// <summary>Both filters must accept.</summary>
public readonly struct BothFilter<TFirst, TSecond>(TFirst first, TSecond second) : IGeoFilter
    where TFirst : struct, IGeoFilter
    where TSecond : struct, IGeoFilter
{
    public bool Accepts(int index) => first.Accepts(index) && second.Accepts(index);
}

/// <summary>
/// A fixed set of input positions as bits (one bit per item, 8 bytes per 64 items), usable as a filter.
/// Precomputed once per snapshot (the sites in service) and tested before any other filter.
/// </summary>
public readonly struct GeoBitset : IGeoFilter
{
    private readonly ulong[] _words;

    public GeoBitset(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Count = count;
        _words = new ulong[(count + 63) >> 6];
    }

    public int Count { get; }

    public bool this[int index] => (_words[index >> 6] & (1UL << index)) != 0;

    /// <summary>The set of positions in [0, count) that the predicate accepts.</summary>
    public static GeoBitset Where(int count, Func<int, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var set = new GeoBitset(count);
        for (var i = 0; i < count; i++)
        {
            if (predicate(i))
                set.Add(i);
        }

        return set;
    }

    public void Add(int index) => _words[index >> 6] |= 1UL << index;

    public bool Accepts(int index) => (_words[index >> 6] & (1UL << index)) != 0;
}
