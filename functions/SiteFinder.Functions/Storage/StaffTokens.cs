namespace SiteFinder.Functions.Storage;

/// <summary>The shape of a staff token id, shared by the store that issues ids and the API that refuses malformed ones before any lookup.</summary>
public static class StaffTokens
{
    public const int IdLength = 12;

    /// <summary>Token ids are 12 lowercase hex digits; anything else never reaches storage as a key.</summary>
    public static bool IsWellFormedId(string? id) => id is { Length: IdLength } && id.All(char.IsAsciiHexDigitLower);
}
