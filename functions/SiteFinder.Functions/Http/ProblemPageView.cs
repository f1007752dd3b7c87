namespace SiteFinder.Functions.Http;

/// <summary>The page about one problem type: its URI and code as answers carry them, its title, HTTP status and what it means.</summary>
public sealed record ProblemPageView(string Type, string Code, string Title, int Status, string Explanation);
