using System.Collections.Concurrent;

using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SiteFinder.Functions.Tests.Geocoding;

/// <summary>
/// Azure Maps Search 2023-06-01 as the client sees it, on 127.0.0.1 (Kestrel in-process): GET /geocode
/// and POST /geocode:batch answer GeoJSON FeatureCollections (coordinates [lng, lat]) for the places it
/// knows, batch items with an error object for queries it is told to refuse, 400 with an error body
/// for a wrong api-version and 401 for a missing or wrong token, client id or key, as the spec and its
/// examples show (azure-rest-api-specs, specification/maps/data-plane/Search/stable/2023-06-01).
/// A test may put a <see cref="Fault"/> in front: a status with its error body, a Retry-After, a delay.
/// </summary>
public sealed class AzureMapsStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<StubRequest> _requests = new();
    private int _count;

    private AzureMapsStub(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Places by the query text the client sends (normalised, so lower case).</summary>
    public ConcurrentDictionary<string, StubPlace> Places { get; } = new(StringComparer.Ordinal);

    /// <summary>Queries a batch answers with an error item, as the service does for a query it cannot run.</summary>
    public ConcurrentDictionary<string, bool> Refused { get; } = new(StringComparer.Ordinal);

    /// <summary>Tokens the fake Entra ID issued; the stub accepts these only.</summary>
    public ConcurrentDictionary<string, bool> ValidTokens { get; } = new(StringComparer.Ordinal);

    public string ClientId { get; set; } = "6f3e0c1a-5a3e-4c63-9d8e-2b6f0a8c7d41";

    /// <summary>When set, the key the stub expects in the subscription-key header instead of a token.</summary>
    public string? SubscriptionKey { get; set; }

    /// <summary>Given the request and its number (1 for the first), a reply that replaces the normal answer, or null.</summary>
    public Func<StubRequest, int, StubFault?>? Fault { get; set; }

    public IReadOnlyList<StubRequest> Requests => [.. _requests];

    public int Count => Volatile.Read(ref _count);

    public static async Task<AzureMapsStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new AzureMapsStub(app);
        app.Run(stub.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        stub.Endpoint = new Uri(address);
        return stub;
    }

    public static StubFault Error(int status, string code, string message, string? retryAfter = null, TimeSpan delay = default) =>
        new(status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }.ToJsonString(), retryAfter, delay);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body);
        var recorded = new StubRequest(
            request.Method,
            request.Path.Value ?? string.Empty,
            request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            await reader.ReadToEndAsync(context.RequestAborted),
            DateTimeOffset.UtcNow);
        _requests.Enqueue(recorded);
        var number = Interlocked.Increment(ref _count);

        if (Fault?.Invoke(recorded, number) is { } fault)
        {
            try
            {
                await Task.Delay(fault.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (fault.RetryAfter is not null)
                context.Response.Headers.RetryAfter = fault.RetryAfter;
            await WriteAsync(context, fault.Status, fault.Body);
            return;
        }

        if (recorded.Query.GetValueOrDefault("api-version") != "2023-06-01")
        {
            var error = Error(400, "InvalidApiVersion", "The api-version query parameter is missing or not supported.");
            await WriteAsync(context, error.Status, error.Body);
            return;
        }

        if (!Authorized(recorded.Headers))
        {
            var error = Error(401, "401 Unauthorized", "Access denied: the token, x-ms-client-id or subscription key is missing or wrong.");
            await WriteAsync(context, error.Status, error.Body);
            return;
        }

        switch (recorded.Method, recorded.Path)
        {
            case ("GET", "/geocode"):
                await WriteAsync(context, 200, FeatureCollection(recorded.Query.GetValueOrDefault("query") ?? string.Empty, Top(recorded.Query.GetValueOrDefault("top"))).ToJsonString(), "application/geo+json");
                break;
            case ("POST", "/geocode:batch"):
                await WriteAsync(context, 200, Batch(recorded.Body).ToJsonString());
                break;
            default:
                var missing = Error(404, "NotFound", "No such operation.");
                await WriteAsync(context, missing.Status, missing.Body);
                break;
        }
    }

    private bool Authorized(Dictionary<string, string> headers)
    {
        if (SubscriptionKey is not null)
            return headers.GetValueOrDefault("subscription-key") == SubscriptionKey;
        var authorization = headers.GetValueOrDefault("Authorization") ?? string.Empty;
        return authorization.StartsWith("Bearer ", StringComparison.Ordinal)
            && ValidTokens.ContainsKey(authorization["Bearer ".Length..])
            && headers.GetValueOrDefault("x-ms-client-id") == ClientId;
    }

    private static int Top(string? top) => int.TryParse(top, out var n) ? n : 5;

    private JsonObject FeatureCollection(string query, int top)
    {
        var features = new JsonArray();
        if (Places.TryGetValue(query, out var place))
        {
            foreach (var feature in place.Features().Take(top))
                features.Add(feature);
        }

        return new JsonObject { ["type"] = "FeatureCollection", ["features"] = features };
    }

    /// <summary>An item per batch item, in order, echoing optionalId, as "Batch Response Model" says.</summary>
    private JsonObject Batch(string body)
    {
        var items = new JsonArray();
        var successful = 0;
        var request = JsonNode.Parse(body)!["batchItems"]!.AsArray();
        foreach (var item in request)
        {
            var query = (string?)item!["query"] ?? string.Empty;
            JsonObject answer;
            if (Refused.ContainsKey(query))
            {
                answer = new JsonObject { ["error"] = new JsonObject { ["code"] = "Conflicting Parameters", ["message"] = "The query could not be run." } };
            }
            else
            {
                answer = FeatureCollection(query, (int?)item["top"] ?? 5);
                successful++;
            }

            if ((string?)item["optionalId"] is { } id)
                answer["optionalId"] = id;
            items.Add(answer);
        }

        return new JsonObject
        {
            ["summary"] = new JsonObject { ["successfulRequests"] = successful, ["totalRequests"] = request.Count },
            ["batchItems"] = items,
        };
    }

    private static async Task WriteAsync(HttpContext context, int status, string body, string contentType = "application/json")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body, context.RequestAborted);
    }
}

/// <summary>A request as the stub received it.</summary>
public sealed record StubRequest(string Method, string Path, Dictionary<string, string> Query, Dictionary<string, string> Headers, string Body, DateTimeOffset ReceivedAt)
{
    public JsonArray BatchItems => JsonNode.Parse(Body)!["batchItems"]!.AsArray();
}

/// <summary>A reply in place of the normal one: status, body, Retry-After and a delay before it.</summary>
public sealed record StubFault(int Status, string Body, string? RetryAfter = null, TimeSpan Delay = default);

/// <summary>A place the stub knows: its point (WGS-84), its address line, and how Azure Maps rates the match.</summary>
public sealed record StubPlace(double Lng, double Lat, string FormattedAddress, string Confidence = "High", string Type = "PopulatedPlace", params string[] MatchCodes)
{
    public IEnumerable<JsonObject> Features()
    {
        yield return new JsonObject
        {
            ["type"] = "Feature",
            ["properties"] = new JsonObject
            {
                ["type"] = Type,
                ["confidence"] = Confidence,
                ["matchCodes"] = new JsonArray([.. (MatchCodes.Length == 0 ? ["Good"] : MatchCodes).Select(c => (JsonNode)c)]),
                ["address"] = new JsonObject
                {
                    ["countryRegion"] = new JsonObject { ["ISO"] = "CN", ["name"] = "中国" },
                    ["adminDistricts"] = new JsonArray(new JsonObject { ["shortName"] = "上海市" }),
                    ["formattedAddress"] = FormattedAddress,
                    ["locality"] = "上海市",
                },
                ["geocodePoints"] = new JsonArray(new JsonObject
                {
                    ["geometry"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(Lng, Lat) },
                    ["calculationMethod"] = "Rooftop",
                    ["usageTypes"] = new JsonArray("Display"),
                }),
            },
            ["geometry"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(Lng, Lat) },
            ["bbox"] = new JsonArray(Lng - 0.005, Lat - 0.005, Lng + 0.005, Lat + 0.005),
        };
    }

}
