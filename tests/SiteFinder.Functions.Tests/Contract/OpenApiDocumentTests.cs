using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.OpenApi;
using SiteFinder.Functions.Http;
using SiteFinder.Functions.Tests.Infrastructure;
using SiteFinder.LocalHost;

namespace SiteFinder.Functions.Tests.Contract;

/// <summary>The served OpenAPI document describes what the build's functions.metadata serves, and is valid OpenAPI 3.1.</summary>
public sealed class OpenApiDocumentTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private static readonly string MetadataPath = Path.Combine(AppContext.BaseDirectory, "functions.metadata");

    [Fact]
    public void Every_http_function_in_functions_metadata_is_in_the_document_with_its_route_methods_and_auth()
    {
        using var document = JsonDocument.Parse(OpenApiContract.Json);
        var operations = Operations(document.RootElement).ToDictionary(o => o.Id);
        var functions = FunctionDefinition.Load(MetadataPath).Where(f => f.IsHttp && !ApiDescriptions.OutsideDocument.ContainsKey(f.Name)).ToList();
        Assert.NotEmpty(functions);
        Assert.Equal(functions.Select(f => f.Name).Order(), operations.Keys.Distinct().Order());

        foreach (var function in functions)
        {
            var operation = operations[function.Name];
            Assert.Equal("/api/" + RouteConstraint.Replace(function.Route!, string.Empty), operation.Path);
            Assert.Equal(function.Methods, operations.Values.Where(o => o.Id == function.Name).Select(o => o.Method.ToUpperInvariant()));
            Assert.Equal(function.AuthLevel!.ToLowerInvariant(), operation.Body.GetProperty(OpenApiContract.FunctionAuthExtension).GetString());

            // The function key is asked for exactly where the host asks for it: in every alternative of a function-level route, never elsewhere.
            var requirements = operation.Body.TryGetProperty("security", out var security) ? security.EnumerateArray().ToList() : [];
            if (function.AuthLevel == "Function")
            {
                Assert.NotEmpty(requirements);
                Assert.All(requirements, r => Assert.True(r.TryGetProperty("functionKey", out _) || r.TryGetProperty("functionKeyQuery", out _), function.Name));
            }
            else
            {
                Assert.DoesNotContain(requirements, r => r.TryGetProperty("functionKey", out _) || r.TryGetProperty("functionKeyQuery", out _));
            }

            // Each route parameter is in the path and described with the length its constraint allows.
            foreach (var name in RouteParameterNames(function.Route!))
            {
                var parameter = operation.Body.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == name && p.GetProperty("in").GetString() == "path");
                Assert.True(parameter.GetProperty("schema").TryGetProperty("maxLength", out _), $"{function.Name}: {name} has no maxLength");
            }
        }
    }

    [Fact]
    public void The_description_table_describes_exactly_the_http_functions_no_stale_entry()
    {
        Assert.Empty(ApiDescriptions.Operations.Keys.Intersect(ApiDescriptions.OutsideDocument.Keys));
        Assert.Equal(
            OpenApiContract.HttpFunctions().Select(f => f.Name).Order(StringComparer.Ordinal),
            ApiDescriptions.Operations.Keys.Concat(ApiDescriptions.OutsideDocument.Keys).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_read_outside_manage_documents_the_age_headers_it_is_sent_with()
    {
        using var document = JsonDocument.Parse(OpenApiContract.Json);
        var reads = Operations(document.RootElement)
            .Where(o => o.Method == "get" && !o.Path.StartsWith("/api/manage/", StringComparison.Ordinal) && !o.Path.StartsWith("/api/health", StringComparison.Ordinal))
            .ToList();
        Assert.Contains(reads, o => o.Id == "NearbySites");
        foreach (var read in reads)
        {
            var headers = read.Body.GetProperty("responses").GetProperty("200").GetProperty("headers");
            Assert.True(headers.TryGetProperty(ServingLanes.CatalogueAgeHeader, out _) && headers.TryGetProperty(ServingLanes.StatusAgeHeader, out _), read.Id);
        }

        // The first read loads the catalogue (its answer has no age yet); the second is stamped with one.
        _ = await host.GetAsync("districts");
        var (districts, _) = await host.GetAsync("districts");
        Assert.True(districts.Headers.Contains(ServingLanes.CatalogueAgeHeader));
    }

    [Fact]
    public void The_document_reads_back_as_openapi_3_1_without_errors_or_unresolved_references()
    {
        var result = OpenApiDocument.Parse(System.Text.Encoding.UTF8.GetString(OpenApiContract.Json), "json");
        Assert.Empty(result.Diagnostic!.Errors);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, result.Diagnostic.SpecificationVersion);
        var document = result.Document!;
        Assert.Equal(FunctionDefinition.Load(MetadataPath).Count(f => f.IsHttp && !ApiDescriptions.OutsideDocument.ContainsKey(f.Name)), document.Paths.Values.Sum(p => p.Operations!.Count));

        // Every $ref points at a component that is there.
        var text = System.Text.Encoding.UTF8.GetString(OpenApiContract.Json);
        using var json = JsonDocument.Parse(text);
        var components = json.RootElement.GetProperty("components");
        foreach (var reference in References(json.RootElement))
        {
            var parts = reference.Split('/');
            Assert.Equal("#", parts[0]);
            Assert.True(components.GetProperty(parts[2]).TryGetProperty(parts[3], out _), reference + " is not in the document");
        }
    }

    [Fact]
    public void Problem_responses_carry_the_type_uris_of_their_status()
    {
        using var json = JsonDocument.Parse(OpenApiContract.Json);
        var responses = json.RootElement.GetProperty("components").GetProperty("responses");
        var schemas = json.RootElement.GetProperty("components").GetProperty("schemas");
        foreach (var group in Problems.Types.GroupBy(t => t.Status))
        {
            Assert.True(responses.TryGetProperty("Problem" + group.Key, out _), $"no problem response for {group.Key}");
            var types = schemas.GetProperty("Problem" + group.Key).GetProperty("properties").GetProperty("type").GetProperty("enum").EnumerateArray().Select(e => e.GetString());
            Assert.Equal(group.Select(t => t.Uri).Order(), types.Order());
        }

        foreach (var status in new[] { 400, 401, 403, 404, 409, 412, 413, 428, 429, 503 })
            Assert.True(responses.TryGetProperty("Problem" + status, out _), $"no problem response for {status}");
    }

    [Fact]
    public async Task The_served_document_is_the_generated_one_and_honours_if_none_match()
    {
        using var response = await host.Client.GetAsync(new Uri("openapi.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(OpenApiContract.Json, await response.Content.ReadAsByteArrayAsync());
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        Assert.Equal(OpenApiContract.ETag, etag.Tag);

        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri("openapi.json", UriKind.Relative));
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await host.Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, notModified.Headers.ETag);

        using var weak = new HttpRequestMessage(HttpMethod.Get, new Uri("openapi.json", UriKind.Relative));
        weak.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag.Tag, isWeak: true));
        using var weakNotModified = await host.Client.SendAsync(weak);
        Assert.Equal(HttpStatusCode.NotModified, weakNotModified.StatusCode);

        using var stale = new HttpRequestMessage(HttpMethod.Get, new Uri("openapi.json", UriKind.Relative));
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"an-old-version\""));
        using var full = await host.Client.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
    }

    private static readonly System.Text.RegularExpressions.Regex RouteConstraint = new(@":[a-z]+(\(\d+\))?", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));

    private static IEnumerable<string> RouteParameterNames(string route) =>
        System.Text.RegularExpressions.Regex.Matches(route, @"\{([A-Za-z0-9]+)", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)).Select(m => m.Groups[1].Value);

    private static IEnumerable<(string Id, string Path, string Method, JsonElement Body)> Operations(JsonElement document)
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject())
                yield return (method.Value.GetProperty("operationId").GetString()!, path.Name, method.Name, method.Value);
        }
    }

    private static IEnumerable<string> References(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == "$ref" && property.Value.ValueKind == JsonValueKind.String)
                    yield return property.Value.GetString()!;
                foreach (var inner in References(property.Value))
                    yield return inner;
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var inner in element.EnumerateArray().SelectMany(References))
                yield return inner;
        }
    }
}
