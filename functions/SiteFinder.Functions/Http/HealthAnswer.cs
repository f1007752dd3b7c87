namespace SiteFinder.Functions.Http;

/// <summary>The liveness answer, always <c>{"status": "ok"}</c>: a type of its own so that the document describes it.</summary>
public sealed record HealthAnswer(string Status)
{
    public static HealthAnswer Ok { get; } = new("ok");
}
