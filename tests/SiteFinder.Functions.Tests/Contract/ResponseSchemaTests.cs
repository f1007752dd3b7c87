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
    [InlineData("NearbySites", "sites/nearby?address=%E4%BA%BA%E6%B0%91%E5%B9%BF%E5%9C%BA%E9%87%87%E6%A0%B7%E7%82%B9&limit=2", 200)]
    [InlineData("NearbySites", "sites/nearby?address=%E4%BA%BA%E6%B0%91%E5%B9%BF%E5%9C%BA&coord=gcj02&limit=2", 200)]
    [InlineData("DistrictOutlines", "districts/outlines?coord=gcj02", 200)]
    [InlineData("DistrictOutlines", "districts/outlines?coords=gcj02", 400)]
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

    [Fact]
    public async Task The_write_operator_and_feed_answers_fit_their_schemas()
    {
        var (import, imported) = await host.ImportCsvAsync(Csv);
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        Assert.Empty(Check.Errors(imported, ResponseSchema("ImportSites", 200)));

        var checks = new List<(string Operation, int Status, HttpResponseMessage Response, JsonElement Body)>();
        async Task<JsonElement> Capture(string operation, int status, Task<(HttpResponseMessage Response, JsonElement Body)> call)
        {
            var (response, body) = await call;
            checks.Add((operation, status, response, body));
            return body;
        }

        var id = SiteIds.FromSourceId("c:1");
        await Capture("Health", 200, host.GetAsync("health"));
        await Capture("OpenSitesFeed", 200, host.GetAsync("open/sites.geojson"));
        await Capture("OpenSiteChanges", 200, host.GetAsync("open/changes?limit=2"));

        var issued = await Capture("IssueStaffToken", 201, host.AdminAsync(HttpMethod.Post, $"manage/sites/{id}/tokens"));
        var staff = new Dictionary<string, string> { ["x-staff-token"] = issued.GetProperty("token").GetString()! };
        var report = new { level = "busy", clientReportId = "schema-1" };
        await Capture("ReportStatus", 201, host.SendAsync(HttpMethod.Post, $"sites/{id}/status", report, staff));
        await Capture("ReportStatus", 200, host.SendAsync(HttpMethod.Post, $"sites/{id}/status", report, staff));

        var minute = DateTimeOffset.UtcNow.AddMinutes(-5);
        minute = new DateTimeOffset(minute.Year, minute.Month, minute.Day, minute.Hour, minute.Minute, 0, TimeSpan.Zero);
        await Capture("RecordThroughput", 200, host.AdminAsync(HttpMethod.Post, "manage/throughput", new { counts = new[] { new { siteId = id, minute, samples = 4 }, new { siteId = id, minute, samples = 5 } } }));

        var other = await Capture("SubmitCorrection", 202, host.SendAsync(HttpMethod.Post, $"sites/{id}/corrections", new { kind = "other", text = "电话打不通" }));
        await Capture("RejectCorrection", 200, host.AdminAsync(HttpMethod.Post, $"manage/corrections/{other.GetProperty("id").GetString()}/reject", new { reason = "已核实" }));
        var moved = await Capture("SubmitCorrection", 202, host.SendAsync(HttpMethod.Post, $"sites/{SiteIds.FromSourceId("c:3")}/corrections", new { kind = "wrong-location", location = new { lat = 31.2236, lng = 121.4454, coord = "wgs84" } }));
        var accepted = await Capture("AcceptCorrection", 200, host.AdminAsync(HttpMethod.Post, $"manage/corrections/{moved.GetProperty("id").GetString()}/accept", new { reason = "核对地图" }));
        Assert.True(accepted.TryGetProperty("changes", out _), "accepting a move answers the site's changes");

        await Capture("IssueOperatorKey", 201, host.AdminAsync(HttpMethod.Post, "manage/operators", new { name = "黄浦区-测试", district = "黄浦区" }));

        using var upload = new HttpRequestMessage(HttpMethod.Post, new Uri("manage/gazetteer", UriKind.Relative))
        {
            Content = new StringContent("name,district,lng,lat,coord,kind\n翠湖天地,黄浦区,121.4760,31.2180,wgs84,compound\n无坐标,黄浦区,0,0,wgs84,compound\n", System.Text.Encoding.UTF8, "text/csv"),
        };
        upload.Headers.Add("x-functions-key", LocalHostFixture.FunctionKey);
        upload.Headers.Add("x-admin-key", LocalHostFixture.AdminKey);
        var uploaded = await host.Client.SendAsync(upload);
        checks.Add(("UploadGazetteer", 200, uploaded, JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement.Clone()));

        foreach (var (operation, status, response, body) in checks)
        {
            Assert.True(status == (int)response.StatusCode, $"{operation}: {(int)response.StatusCode} {body}");
            Assert.True(Check.Errors(body, ResponseSchema(operation, status)) is [], $"{operation} {status}: {string.Join("; ", Check.Errors(body, ResponseSchema(operation, status)))}");
        }
    }

    /// <summary>
    /// Every answer with a body is a C# type in the document, so an anonymous object (an untyped
    /// "object") cannot slip in: a JSON success answer refers to a component schema with properties.
    /// The document itself is the one exception: its schema is OpenAPI's own, not this API's.
    /// </summary>
    [Fact]
    public void Every_success_answer_with_a_body_has_a_typed_schema()
    {
        var untyped = new List<string>();
        foreach (var path in _document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject())
            {
                var operationId = method.Value.GetProperty("operationId").GetString()!;
                foreach (var response in method.Value.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('2')))
                {
                    var where = $"{operationId} {response.Name}";
                    if (response.Name == "204")
                        continue;
                    if (!response.Value.TryGetProperty("content", out var content))
                    {
                        untyped.Add(where + ": no content");
                        continue;
                    }

                    foreach (var media in content.EnumerateObject())
                    {
                        var schema = media.Value.TryGetProperty("schema", out var s) ? s : default;
                        var json = media.Name.EndsWith("json", StringComparison.Ordinal);
                        if (schema.ValueKind != JsonValueKind.Object)
                            untyped.Add($"{where} {media.Name}: no schema");
                        else if (json && operationId != "OpenApiDocument" && !IsTyped(schema))
                            untyped.Add($"{where} {media.Name}: {schema.GetRawText()} is not a C# type of the API");
                    }
                }
            }
        }

        Assert.True(untyped.Count == 0, "Success answers without a typed schema (give each its record and list it in ApiDescriptions):\n" + string.Join("\n", untyped));
    }

    private bool IsTyped(JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
        && Check.Component(reference.GetString()!.Split('/')[^1]) is var component
        && component.TryGetProperty("properties", out var properties)
        && properties.EnumerateObject().Any();

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
