namespace SiteFinder.Functions.Http;

/// <summary>The known name a mistyped one was most likely meant to be, by edit distance (case ignored).</summary>
public static class ClosestName
{
    // Words clients carry over from other map APIs, too far by edits from the name meant (lon is as near lat as lng).
    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["lon"] = "lng",
        ["long"] = "lng",
        ["longitude"] = "lng",
        ["latitude"] = "lat",
    };

    /// <summary>
    /// The closest of <paramref name="known"/>, or null when none is close: a suggestion far from what was
    /// typed (<c>x</c> → <c>radius</c>) misleads more than it helps. Close is at most 2 edits, or a third
    /// of the longer name for long names; a name that only adds or drops a suffix (<c>coords</c>,
    /// <c>radiusMeters</c>) is close too, and so is a common synonym (<c>lon</c> for <c>lng</c>).
    /// Ties go to the earlier known name.
    /// </summary>
    public static string? Of(string typed, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(known);
        if (Synonyms.TryGetValue(typed, out var meant) && known.FirstOrDefault(k => k.Equals(meant, StringComparison.OrdinalIgnoreCase)) is { } synonym)
            return synonym;
        var lower = typed.ToLowerInvariant();
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var name in known)
        {
            var candidate = name.ToLowerInvariant();
            var distance = Distance(lower, candidate);
            var close = distance <= Math.Max(2, Math.Max(lower.Length, candidate.Length) / 3) ||
                (Math.Min(lower.Length, candidate.Length) >= 3 && (lower.StartsWith(candidate, StringComparison.Ordinal) || candidate.StartsWith(lower, StringComparison.Ordinal)));
            if (close && distance < bestDistance)
                (best, bestDistance) = (name, distance);
        }

        return best;
    }

    /// <summary>Levenshtein distance: insertions, deletions and substitutions, one each.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
