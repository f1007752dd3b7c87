namespace SiteFinder.Functions.Tests.Hostile;

/// <summary>Which credentials a row sends (placeholders the fixture fills in: the keys and tokens exist only once it has started).</summary>
public enum Credentials
{
    /// <summary>None: an anonymous request.</summary>
    None,

    /// <summary>The function key and the city's admin key.</summary>
    City,

    /// <summary>The function key and a district operator's key (金山区, which does not manage the 黄浦区 sites).</summary>
    JinshanOperator,

    /// <summary>The staff token of site A.</summary>
    Staff,

    /// <summary>The function key only.</summary>
    FunctionKeyOnly,
}

/// <summary>
/// One row of the hostile-input table: a request as a hostile or careless client sends it, and the 4xx
/// problem it must get. <see cref="Target"/> is the path and query under /api/, sent byte for byte (no
/// client normalises it); "{A}" is site A's id, "{token}" its staff token id.
/// </summary>
public sealed record BadRequest(string Name, string Method, string Target, int Status, string Code)
{
    public Credentials Credentials { get; init; } = Credentials.None;

    /// <summary>The body's bytes, or null for none.</summary>
    public byte[]? Body { get; init; }

    /// <summary>Content-Type of the body; application/json when a body is given and this is null.</summary>
    public string? ContentType { get; init; }

    /// <summary>A Content-Length declared without the body being sent (a 50 MB upload refused before it is read).</summary>
    public long? DeclaredLength { get; init; }

    /// <summary>More header lines, "name: value", sent as they are.</summary>
    public IReadOnlyList<string> Headers { get; init; } = [];

    public override string ToString() => Name;
}
