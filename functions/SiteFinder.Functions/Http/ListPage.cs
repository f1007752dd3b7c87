using System.Text.Json.Serialization;

namespace SiteFinder.Functions.Http;

/// <summary>Every list answer: <c>{"items": [...], "cursor": ...}</c>, the cursor null on the last page, plus any figures about the list.</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Cursor = null)
{
    [JsonExtensionData]
    public Dictionary<string, object>? Extra { get; init; }
}
