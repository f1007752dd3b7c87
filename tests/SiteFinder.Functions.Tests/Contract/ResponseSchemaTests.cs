using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Sites;
using SiteFinder.Functions.Http;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Contract;

/// <summary>
/// Answers captured from the running local host fit the schema the document gives their operation and
/// status, so a field written without being in its C# type (the fast nearby writer) fails here.
/// </summary>
public sealed class ResponseSchemaTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>, IAsyncLifetime
{
    private const string Csv = "source_id,name,address,district,lng,lat,coord_system,hours,type,notes,phone\n" +
        "c:1,人民广场采样点,黄浦区人民大道1号,黄浦区,121.4737,31.2304,WGS-84,24小时,固定,请带身份证,021-12345678\n" +
        "c:2,南京东路便民采样点,黄浦区南京东路100号,黄浦区,121.4840,31.2380,WGS-84,周一至周日 8:00-11:00、13:00-17:00,便民,,\n" +
        "c:3,静安寺采样点,静安区南京西路1686号,静安区,121.4453,31.2235,WGS-84,无法解析的时间,,,\n";

    private readonly JsonDocument _document = JsonDocument.Parse(OpenApiContract.Json);

    private SchemaCheck Check => new(_document.RootElement);

    public async Task InitializeAsync()
    {
        var (response, _) = await host.ImportCsvAsync(Csv);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public Task DisposeAsync()
    {
        _document.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("NearbySites", "sites/nearby?lat=31.2304&lng=121.4737&limit=3", 200)]
    [InlineData("NearbySites", "sites/nearby?lat=31.2304&lng=121.4737&coord=gcj02&sort=time", 200)]
    [InlineData("NearbySites", "sites/nearby?lat=91&lng=121.4", 400)]
    [InlineData("SearchSites", "sites?q=%E9%87%87%E6%A0%B7&limit=2", 200)]
    [InlineData("ListDistricts", "districts", 200)]
    [InlineData("GetSite", "sites/0123456789abcdef", 404)]
    [InlineData("ProblemPage", "problems/version-changed", 200)]
    [InlineData("ProblemPage", "problems/nothing-like-it", 404)]
    [InlineData("Readiness", "health/ready", 200)]
    public async Task An_answer_fits_the_schema_of_its_operation_and_status(string operationId, string url, int status)
    {
        var (response, body) = await host.GetAsync(url);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Empty(Check.Errors(body, ResponseSchema(operationId, status)));
    }

    [Fact]
    public async Task A_site_in_detail_and_its_busyness_fit_their_schemas()
    {
        var id = SiteIds.FromSourceId("c:1");
        var (site, detail) = await host.GetAsync($"sites/{id}?coord=bd09");
        Assert.Equal(HttpStatusCode.OK, site.StatusCode);
        Assert.True(detail.TryGetProperty("notes", out _), "the detail answer has the fields the list leaves out");
        Assert.Empty(Check.Errors(detail, ResponseSchema("GetSite", 200)));

        var (busy, busyness) = await host.GetAsync($"sites/{id}/busyness");
        Assert.Equal(HttpStatusCode.OK, busy.StatusCode);
        Assert.Empty(Check.Errors(busyness, ResponseSchema("SiteBusyness", 200)));
    }

    [Fact]
    public async Task A_field_the_schema_does_not_declare_or_of_another_type_is_caught()
    {
        var gcj = ChinaCoordinates.WgsToGcj(new GeoPoint(31.2304, 121.4737));
        var (_, body) = await host.GetAsync(FormattableString.Invariant($"sites/nearby?lat={gcj.Lat}&lng={gcj.Lng}&coord=gcj02"));
        var schema = ResponseSchema("NearbySites", 200);
        Assert.Empty(Check.Errors(body, schema));

        var added = JsonNode.Parse(body.GetRawText())!;
        added["items"]![0]!["queueLength"] = 3;
        Assert.Contains(Check.Errors(ToElement(added), schema), e => e.Contains("'queueLength' is not in the schema", StringComparison.Ordinal));

        var retyped = JsonNode.Parse(body.GetRawText())!;
        retyped["items"]![0]!["walkMinutes"] = "5";
        Assert.Contains(Check.Errors(ToElement(retyped), schema), e => e.StartsWith("$.items[0].walkMinutes:", StringComparison.Ordinal));

        var missing = JsonNode.Parse(body.GetRawText())!;
        missing["items"]![0]!.AsObject().Remove("status");
        Assert.Contains(Check.Errors(ToElement(missing), schema), e => e.Contains("'status' is missing", StringComparison.Ordinal));
    }

    private static JsonElement ToElement(JsonNode node) => JsonDocument.Parse(node.ToJsonString()).RootElement.Clone();

    /// <summary>The schema the document gives the answer of an operation with this status (following a shared response).</summary>
    private JsonElement ResponseSchema(string operationId, int status)
    {
        var root = _document.RootElement;
        var operation = root.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => m.Value))
            .Single(o => o.GetProperty("operationId").GetString() == operationId);
        var response = operation.GetProperty("responses").GetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (response.TryGetProperty("$ref", out var reference))
            response = root.GetProperty("components").GetProperty("responses").GetProperty(reference.GetString()!.Split('/')[^1]);
        return response.GetProperty("content").EnumerateObject().Single().Value.GetProperty("schema");
    }
}
