namespace SiteFinder.Functions.Storage;

/// <summary>The shape of an operator key ("keyId.secret") and of its id, shared by the store and the API that refuses malformed ids before any lookup.</summary>
public static class OperatorKeys
{
    public const int IdLength = 12;

    /// <summary>Longer than any key the store issues (12 + 1 + 43): a longer header is not worth hashing.</summary>
    public const int MaxKeyLength = 200;

    /// <summary>Key ids are 12 lowercase hex digits; anything else never reaches storage as a key.</summary>
    public static bool IsWellFormedId(string? id) => id is { Length: IdLength } && id.All(char.IsAsciiHexDigitLower);

    /// <summary>Whether the text has the shape of an operator key, and its parts; says nothing of whether it is valid.</summary>
    public static bool TryParse(string? key, out string keyId, out string secret)
    {
        keyId = secret = string.Empty;
        if (key is null || key.Length > MaxKeyLength || key.Length <= IdLength + 1 || key[IdLength] != '.')
            return false;

        var id = key[..IdLength];
        if (!IsWellFormedId(id))
            return false;

        keyId = id;
        secret = key[(IdLength + 1)..];
        return true;
    }
}
