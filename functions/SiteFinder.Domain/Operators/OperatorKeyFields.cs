namespace SiteFinder.Domain.Operators;

/// <summary>
/// What an operator key's name and district may be. Both are shown in lists and audit entries, and
/// the district is compared with sites' districts as they are stored (trimmed, exact), so it is
/// trimmed here too: "浦东新区 " would otherwise be a key that manages no site at all.
/// </summary>
public static class OperatorKeyFields
{
    /// <summary>As long as a site's district may be (the importer's limit): a name longer than that is a mistake, not a name.</summary>
    public const int MaxLength = 100;

    /// <summary>The trimmed value, or why it cannot be one.</summary>
    public static (string? Value, string? Problem) Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return (null, "required");

        var value = text.Trim();
        if (value.Length > MaxLength)
            return (null, $"{value.Length} characters; at most {MaxLength}");

        // A line break or other control character in a name would forge extra lines in logs and lists.
        if (value.Any(char.IsControl))
            return (null, "must not contain control characters (line breaks, tabs)");

        return (value, null);
    }
}
