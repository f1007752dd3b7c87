namespace SiteFinder.Domain.Geocoding;

/// <summary>How a candidate matched, best first; <see cref="PlaceMatcher{T}"/> never ranks a later kind above an earlier one.</summary>
public enum PlaceMatchKind
{
    /// <summary>The normalised names are equal.</summary>
    Exact,

    /// <summary>Equal once the optional trailing words are taken off both (利津路1313 for 利津路1313弄).</summary>
    Core,

    /// <summary>The name begins with the query.</summary>
    Prefix,

    /// <summary>The name contains the query.</summary>
    Substring,

    /// <summary>Only some character pairs are shared (a typo, a word left out in the middle).</summary>
    Similar,
}

/// <summary>One candidate: the item it was built from, its position in the list given, and how sure the match is (0–1).</summary>
public sealed record PlaceMatch<T>(T Item, int Index, PlaceMatchKind Kind, double Confidence, bool DistrictMatched);
