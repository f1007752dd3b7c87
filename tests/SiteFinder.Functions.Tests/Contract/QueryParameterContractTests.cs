using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using SiteFinder.Domain.Sites;
using SiteFinder.Functions.Http;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Contract;

/// <summary>
/// The query parameters the document lists for an operation are exactly those its handler accepts.
/// Checked from outside, over HTTP, rather than by having the handlers take their names from
/// <see cref="ApiDescriptions"/>: what a handler accepts is what it reads (each read knows its name,
/// type, range and default), so the reads stay the one source of behaviour and the table stays a
/// description, and the test then holds the two together in both directions (a documented name that
/// is refused, a read name that is not documented) without the document deciding what the API does.
/// The refusal message lists every name the handler read, so one request with an unknown name gives
/// the handler's whole list.
/// </summary>
public sealed class QueryParameterContractTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>, IAsyncLifetime
{
    private const string Unknown = "zzNotAParameter";

    /// <summary>
    /// Operations that read no query parameter and ignore any given: probes (a load balancer may add a
    /// cache-buster) and cached documents. Nothing in the query can change their answer, so no typo can
    /// mislead; they must then document no parameter either.
    /// </summary>
    private static readonly HashSet<string> IgnoresQuery = new(StringComparer.Ordinal)
    {
        "Health", "Readiness", "OpenApiDocument", "OpenSitesFeed", "ProblemPage",
    };

    private static readonly Regex Reads = new("It reads (?<names>.+)$", RegexOptions.None, TimeSpan.FromSeconds(1));

    private readonly JsonDocument _document = JsonDocument.Parse(OpenApiContract.Json);

    public async Task InitializeAsync()
    {
        Assert.Equal(HttpStatusCode.OK, (await host.ImportCsvAsync("source_id,name,address,district,lng,lat,coord_system,hours\nq:1,参数采样点,黄浦区人民大道1号,黄浦区,121.4737,31.2304,WGS-84,24小时\n")).Response.StatusCode);

        // The site routes look the id up in the served catalogue, which a loaded machine may swap in a moment
        // after the import answers: wait for it, so that a 404 for the site is never mistaken for the query's answer.
        for (var attempt = 0; attempt < 100 && (await host.GetAsync("sites/" + SiteIds.FromSourceId("q:1"))).Response.StatusCode != HttpStatusCode.OK; attempt++)
            await Task.Delay(100);
    }

    public Task DisposeAsync()
    {
        _document.Dispose();
        return Task.CompletedTask;
    }

    public static TheoryData<string> OperationIds() => [.. ApiDescriptions.Operations.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(OperationIds))]
    public async Task The_documented_query_names_are_the_names_the_handler_accepts(string operationId)
    {
        var (path, method, documented) = Operation(operationId);
        var url = Concrete(path);

        if (IgnoresQuery.Contains(operationId))
        {
            Assert.Empty(documented);
            var (ignored, _) = await SendAsync(method, url + "?" + Unknown + "=1");
            Assert.NotEqual(HttpStatusCode.BadRequest, ignored.StatusCode);
            return;
        }

        // An undocumented name is refused, and the refusal names every parameter the handler read.
        var (response, body) = await SendAsync(method, url + "?" + Unknown + "=1");
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{operationId}: an unknown query parameter answered {(int)response.StatusCode}, not 400");
        var refusal = body.TryGetProperty("errors", out var errors) && errors.TryGetProperty(Unknown, out var named) ? named[0].GetString() : null;
        Assert.True(refusal is not null, $"{operationId}: the 400 does not name {Unknown}: {body}");
        var message = refusal!;
        var accepted = Reads.Match(message) is { Success: true } m
            ? m.Groups["names"].Value.Split(", ").Order(StringComparer.Ordinal).ToList()
            : [];
        Assert.True(accepted.Count > 0 || message.Contains("reads no query parameters", StringComparison.Ordinal), $"{operationId}: unexpected refusal '{message}'");
        var expected = documented.Order(StringComparer.Ordinal).ToList();
        Assert.True(expected.SequenceEqual(accepted), $"{operationId}: ApiDescriptions documents [{string.Join(", ", expected)}] but the handler reads [{string.Join(", ", accepted)}]");

        // And every documented name, given, is read (whatever it says of the value), never refused as unknown.
        if (documented.Count > 0)
        {
            var (given, answer) = await SendAsync(method, url + "?" + string.Join("&", documented.Select(n => n + "=1")));
            if (answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("errors", out var problems))
            {
                foreach (var name in documented)
                {
                    var refused = problems.TryGetProperty(name, out var p) && p[0].GetString()!.StartsWith("not a parameter", StringComparison.Ordinal);
                    Assert.False(refused, $"{operationId}: documented parameter {name} is refused as unknown ({(int)given.StatusCode})");
                }
            }
        }
    }

    private (string Path, string Method, List<string> Query) Operation(string operationId)
    {
        foreach (var path in _document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject().Where(m => m.Value.GetProperty("operationId").GetString() == operationId))
            {
                var query = method.Value.TryGetProperty("parameters", out var parameters)
                    ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).ToList()
                    : [];
                return (path.Name, method.Name.ToUpperInvariant(), query);
            }
        }

        throw new InvalidOperationException($"{operationId} is not in the document.");
    }

    /// <summary>A path with real values: a site id for a site (16 characters), a problem code, and a well-formed unknown id for the others.</summary>
    private static string Concrete(string path) =>
        Regex.Replace(path["/api/".Length..], @"\{(?<name>[A-Za-z]+)\}", m => m.Groups["name"].Value switch
        {
            "name" => "version-changed",
            "id" when !path.StartsWith("/api/manage/corrections/", StringComparison.Ordinal) => SiteIds.FromSourceId("q:1"),
            _ => "000000000000",
        }, RegexOptions.None, TimeSpan.FromSeconds(1));

    /// <summary>With every credential an operation may ask for, so that the query is what is judged.</summary>
    private Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(string method, string url) =>
        host.SendAsync(new HttpMethod(method), url, headers: new Dictionary<string, string>
        {
            ["x-functions-key"] = LocalHostFixture.FunctionKey,
            ["x-admin-key"] = LocalHostFixture.AdminKey,
            ["x-staff-token"] = "not-a-token",
        });
}
