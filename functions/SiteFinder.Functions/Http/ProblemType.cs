namespace SiteFinder.Functions.Http;

/// <summary>
/// One kind of problem answer. <see cref="Name"/> is the stable machine-readable <c>code</c> a client can
/// map to its own text; <see cref="Uri"/> the <c>type</c>, relative to the app so that it resolves to the
/// page this API serves about it on whatever host the app runs (RFC 9457 allows a relative reference).
/// </summary>
public sealed record ProblemType(string Name, int Status, string Title, string Explanation)
{
    /// <summary>The route of the pages, under the host's "api" prefix.</summary>
    public const string PagePrefix = "/api/problems/";

    public string Uri => PagePrefix + Name;
}
