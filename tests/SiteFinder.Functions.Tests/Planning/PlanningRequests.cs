using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SiteFinder.Functions.Http;
using SiteFinder.Functions.Tests.Contract;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Planning;

/// <summary>Uploads and questions for the planning endpoints, and the schema each answer must fit.</summary>
public static class PlanningRequests
{
    private static readonly Lazy<JsonDocument> Document = new(() => JsonDocument.Parse(OpenApiContract.Json));

    public static Task<(HttpResponseMessage Response, JsonElement Body)> UploadAsync(this LocalHostFixture host, string route, string body, string contentType, string key = LocalHostFixture.AdminKey) =>
        host.UploadAsync(route, Encoding.UTF8.GetBytes(body), contentType, key);

    public static async Task<(HttpResponseMessage Response, JsonElement Body)> UploadAsync(this LocalHostFixture host, string route, byte[] body, string contentType, string key = LocalHostFixture.AdminKey)
    {
        ArgumentNullException.ThrowIfNull(host);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(route, UriKind.Relative));
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("x-functions-key", LocalHostFixture.FunctionKey);
        request.Headers.Add("x-admin-key", key);
        var response = await host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, string.IsNullOrEmpty(text) ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public static Task<(HttpResponseMessage Response, JsonElement Body)> AskAsync(this LocalHostFixture host, string url) =>
        host.AdminAsync(HttpMethod.Get, url);

    /// <summary>The problems of <paramref name="body"/> against the OpenAPI schema of the operation's answer with that status.</summary>
    public static IReadOnlyList<string> SchemaErrors(string operationId, int status, JsonElement body)
    {
        var root = Document.Value.RootElement;
        var operation = root.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => m.Value))
            .Single(o => o.GetProperty("operationId").GetString() == operationId);
        var response = operation.GetProperty("responses").GetProperty(status.ToString(CultureInfo.InvariantCulture));
        if (response.TryGetProperty("$ref", out var reference))
            response = root.GetProperty("components").GetProperty("responses").GetProperty(reference.GetString()!.Split('/')[^1]);
        var schema = response.GetProperty("content").EnumerateObject().Single().Value.GetProperty("schema");
        return [.. new SchemaCheck(root).Errors(body, schema)];
    }
}
