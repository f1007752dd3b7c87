using System.Globalization;
using System.Text;

namespace SiteFinder.Functions.Tests.Hostile;

/// <summary>
/// The hostile-input table: every endpoint, every parameter and body the issue lists, each with the
/// status and problem code it must get. Rows are generated per parameter where the same hostility applies
/// to many (numbers, coordinate systems, ids, bodies) and written out where it is particular.
/// </summary>
public static class BadRequests
{
    private const string Invalid = "invalid-request";
    private const string NoEndpoint = "no-endpoint";
    private const string NotFound = "not-found";
    private const string TooLarge = "too-large";
    private const string Unsupported = "unsupported-media-type";
    private const string Unauthorized = "unauthorized";
    private const string Forbidden = "forbidden";
    private const string OutsideScope = "outside-scope";

    /// <summary>
    /// Not a problem code: Kestrel's HTTP/1.1 parser answers a NUL in the path (%00) or in a header with an
    /// empty 400 before the app sees the request, on the local host as on Azure's front end (README).
    /// </summary>
    public const string KestrelRefusal = "(kestrel: empty 400)";

    /// <summary>A well-formed site id that no site has.</summary>
    private const string NoSuchSite = "0000000000000000";

    private const string Nearby = "sites/nearby?lat=31.2304&lng=121.4737";

    /// <summary>What a client might send for a decimal: none is one (NaN, infinities, overflow, hex, comma decimals, controls, other digits).</summary>
    private static readonly string[] BadNumbers =
    [
        "NaN", "nan", "Infinity", "-Infinity", "%2BInfinity", "%E2%88%9E", "1e309", "-1e309", "0x1F", "1F", "31,23", "31%2C5", "abc", "31.2.3",
        "%00", "31%00", "31%0D%0A", "31%09", "%E2%80%8B31", "%D9%A3%D9%A1", "%EF%BC%93%EF%BC%91", "1_0", "--1", "%27%20or%20true%20or%20%27",
    ];

    private static readonly string[] BadInts = ["NaN", "1e309", "0x10", "1,5", "1.5", "-1", "99999999999", "abc", "%00", "1%0A", "Infinity", "%EF%BC%91"];

    private static readonly string[] BadCoords = ["utm", "epsg%3A4326", "WGS-85", "gcj-03", "bd09mc", "cgcs2000", "%00", "wgs84%00", "%27%20or%20true%20or%20%27", "mercator"];

    public static IReadOnlyList<BadRequest> All { get; } = Build();

    public static IReadOnlyDictionary<string, BadRequest> ByName { get; } = All.ToDictionary(r => r.Name, StringComparer.Ordinal);

    public static IEnumerable<object[]> Names => All.Select(r => new object[] { r.Name });

    private static List<BadRequest> Build()
    {
        var rows = new List<BadRequest>();
        void Get(string name, string target, int status = 400, string code = Invalid, Credentials credentials = Credentials.None) =>
            rows.Add(new BadRequest(name, "GET", target, status, code) { Credentials = credentials });

        // Decimals: every number parameter of the resident's reads.
        foreach (var (i, value) in BadNumbers.Index())
        {
            Get($"nearby lat={value}", $"sites/nearby?lat={value}&lng=121.47");
            Get($"nearby lng={value}", $"sites/nearby?lat=31.23&lng={value}");
            Get($"nearby radius={value}", $"{Nearby}&radius={value}");
            Get($"search lat={value}", $"sites?lat={value}&lng=121.47");
            if (i % 2 == 0)
                Get($"search lng={value}", $"sites?lat=31.23&lng={value}");
        }

        // Whole numbers: limits and cursors, anonymous and operator.
        foreach (var value in BadInts)
        {
            Get($"nearby limit={value}", $"{Nearby}&limit={value}");
            Get($"search limit={value}", $"sites?q=a&limit={value}");
            Get($"geocode limit={value}", $"geocode?q=%E4%BA%BA%E6%B0%91%E5%B9%BF%E5%9C%BA&limit={value}");
            Get($"changes limit={value}", $"open/changes?limit={value}");
            Get($"gazetteer limit={value}", $"manage/gazetteer?limit={value}", credentials: Credentials.City);
            Get($"audit limit={value}", $"manage/sites/{{A}}/audit?limit={value}", credentials: Credentials.City);
        }

        // Out of range, swapped, huge.
        Get("nearby swapped lat and lng", "sites/nearby?lat=121.4737&lng=31.2304");
        Get("nearby lat 90.0001", "sites/nearby?lat=90.0001&lng=121.47");
        Get("nearby lat -91", "sites/nearby?lat=-91&lng=121.47");
        Get("nearby lng 180.5", "sites/nearby?lat=31.23&lng=180.5");
        Get("nearby lng -181", "sites/nearby?lat=31.23&lng=-181");
        Get("search swapped lat and lng", "sites?lat=121.4737&lng=31.2304");
        Get("search lat without lng", "sites?lat=31.23");
        Get("nearby limit 51", $"{Nearby}&limit=51");
        Get("nearby limit 0", $"{Nearby}&limit=0");
        Get("nearby limit 2^31", $"{Nearby}&limit=2147483648");
        Get("nearby radius 0", $"{Nearby}&radius=0");
        Get("nearby radius 50,001 m", $"{Nearby}&radius=50001");
        Get("nearby radius 1e12", $"{Nearby}&radius=1e12");
        Get("nearby radius -5", $"{Nearby}&radius=-5");
        Get("search limit 101", "sites?q=a&limit=101");
        Get("geocode limit 21", "geocode?q=a&limit=21");
        Get("changes limit 1001", "open/changes?limit=1001");
        Get("gazetteer limit 1001", "manage/gazetteer?limit=1001", credentials: Credentials.City);
        Get("gazetteer cursor -1", "manage/gazetteer?cursor=-1", credentials: Credentials.City);
        Get("audit limit 101", "manage/sites/{A}/audit?limit=101", credentials: Credentials.City);

        // Empty and repeated parameters.
        Get("nearby with no parameters", "sites/nearby");
        Get("nearby lat empty", "sites/nearby?lat=&lng=121.47");
        Get("nearby lng empty", "sites/nearby?lat=31.23&lng=");
        Get("nearby lat and lng empty", "sites/nearby?lat=&lng=");
        Get("nearby lat blank", "sites/nearby?lat=%20&lng=121.47");
        Get("nearby lat twice", "sites/nearby?lat=31.23&lat=31.24&lng=121.47");
        Get("nearby lng twice", "sites/nearby?lat=31.23&lng=121.47&lng=121.48");
        Get("nearby coord twice", $"{Nearby}&coord=wgs84&coord=gcj02");
        Get("nearby limit twice", $"{Nearby}&limit=5&limit=6");
        Get("nearby sort twice", $"{Nearby}&sort=time&sort=distance");
        Get("nearby address and lat", "sites/nearby?address=%E4%BA%BA%E6%B0%91%E5%B9%BF%E5%9C%BA&lat=31.2&lng=121.4");
        Get("nearby address 201 characters", "sites/nearby?address=" + string.Concat(Enumerable.Repeat("%E4%BA%BA", 201)));
        Get("search q twice", "sites?q=a&q=b");
        Get("search q 101 characters", "sites?q=" + new string('a', 101));
        Get("search district twice", "sites?district=a&district=b");
        Get("search cursor not ours", "sites?q=a&cursor=%27%20or%20true%20or%20%27");
        Get("search cursor 65 characters", "sites?q=a&cursor=" + new string('A', 65));
        Get("geocode q empty", "geocode?q=");
        Get("geocode without q", "geocode");
        Get("geocode q twice", "geocode?q=a&q=b");
        Get("geocode q 201 characters", "geocode?q=" + new string('x', 201));
        Get("geocode q with NUL", "geocode?q=a%00b");
        Get("changes since twice", "open/changes?since=a&since=b");
        Get("changes since not a cursor", "open/changes?since=%27%20or%20true%20or%20%27");
        Get("changes since 201 characters", "open/changes?since=" + new string('9', 201));
        Get("changes since year 99999", "open/changes?since=99999-01-01T00:00:00Z");
        Get("audit cursor not ours", "manage/sites/{A}/audit?cursor=x%27%20or%20PartitionKey%20gt%20%27", credentials: Credentials.City);
        Get("audit cursor twice", "manage/sites/{A}/audit?cursor=a&cursor=b", credentials: Credentials.City);
        Get("corrections siteId not hex", "manage/corrections?siteId=%27%20or%20true%20or%20%27", credentials: Credentials.City);
        Get("corrections siteId 17 characters", "manage/corrections?siteId=0123456789abcdef0", credentials: Credentials.City);
        Get("corrections state twice", "manage/corrections?state=pending&state=accepted", credentials: Credentials.City);
        Get("stale district of another operator", "manage/stale?district=%E9%BB%84%E6%B5%A6%E5%8C%BA", 403, OutsideScope, Credentials.JinshanOperator);

        // Coordinate systems nobody has.
        foreach (var coord in BadCoords)
        {
            Get($"nearby coord={coord}", $"{Nearby}&coord={coord}");
            Get($"site coord={coord}", $"sites/{{A}}?coord={coord}");
            Get($"search coord={coord}", $"sites?q=a&coord={coord}");
            Get($"geocode coord={coord}", $"geocode?q=a&coord={coord}");
            Get($"gazetteer coord={coord}", $"manage/gazetteer?coord={coord}", credentials: Credentials.City);
        }

        // Choices that are not among the choices.
        Get("nearby sort fastest", $"{Nearby}&sort=fastest");
        Get("nearby sort 1", $"{Nearby}&sort=1");
        Get("nearby type bogus", $"{Nearby}&type=bogus");
        Get("nearby type flags", $"{Nearby}&type=fixed,convenience");
        Get("nearby open later", $"{Nearby}&open=later");
        Get("nearby audience aliens", $"{Nearby}&audience=aliens");
        Get("nearby notBusy yes", $"{Nearby}&notBusy=yes");
        Get("nearby notBusy 1", $"{Nearby}&notBusy=1");
        Get("district outlines coord mercator", "districts/outlines?coord=mercator");
        Get("corrections state bogus", "manage/corrections?state=bogus", credentials: Credentials.City);
        Get("corrections kind bogus", "manage/corrections?kind=bogus", credentials: Credentials.City);
        rows.Add(new BadRequest("import dryRun maybe", "POST", "manage/sites/import?dryRun=maybe", 400, Invalid) { Credentials = Credentials.City, Body = Csv("source_id,name\nx:1,a\n"), ContentType = "text/csv" });
        rows.Add(new BadRequest("import closeMissing 1", "POST", "manage/sites/import?closeMissing=1", 400, Invalid) { Credentials = Credentials.City, Body = Csv("source_id,name\nx:1,a\n"), ContentType = "text/csv" });
        rows.Add(new BadRequest("tokens rotate yes", "POST", "manage/sites/{A}/tokens?rotate=yes", 400, Invalid) { Credentials = Credentials.City });

        // A parameter no endpoint reads (a typo), on every endpoint that reads none or others.
        foreach (var (name, method, target, credentials) in new (string, string, string, Credentials)[]
        {
            ("nearby", "GET", Nearby + "&coords=gcj02", Credentials.None),
            ("site", "GET", "sites/{A}?foo=1", Credentials.None),
            ("search", "GET", "sites?qq=a", Credentials.None),
            ("districts", "GET", "districts?x=1", Credentials.None),
            ("district outlines", "GET", "districts/outlines?coords=gcj02", Credentials.None),
            ("busyness", "GET", "sites/{A}/busyness?days=30", Credentials.None),
            ("geocode", "GET", "geocode?q=a&city=x", Credentials.None),
            ("changes", "GET", "open/changes?after=1", Credentials.None),
            ("status report", "POST", "sites/{A}/status?x=1", Credentials.Staff),
            ("correction", "POST", "sites/{A}/corrections?x=1", Credentials.None),
            ("manage site", "GET", "manage/sites/{A}?x=1", Credentials.City),
            ("audit", "GET", "manage/sites/{A}/audit?x=1", Credentials.City),
            ("corrections", "GET", "manage/corrections?x=1", Credentials.City),
            ("accept", "POST", "manage/corrections/0123456789ab/accept?x=1", Credentials.City),
            ("throughput", "POST", "manage/throughput?x=1", Credentials.City),
            ("tokens", "GET", "manage/sites/{A}/tokens?x=1", Credentials.City),
            ("stale", "GET", "manage/stale?x=1", Credentials.City),
            ("operators", "GET", "manage/operators?x=1", Credentials.City),
            ("gazetteer", "GET", "manage/gazetteer?x=1", Credentials.City),
            ("import", "POST", "manage/sites/import?dryrun2=true", Credentials.City),
        })
        {
            rows.Add(new BadRequest($"{name}: unknown parameter", method, target, 400, Invalid) { Credentials = credentials, Body = method == "POST" ? Json("{}") : null });
        }

        // Ids: too long or short (no route), not hex, upper case, traversal, percent-encoded controls, injection.
        var idRoutes = new (string Name, string Method, string Template, Credentials Credentials, string? Body)[]
        {
            ("site", "GET", "sites/{0}", Credentials.None, null),
            ("busyness", "GET", "sites/{0}/busyness", Credentials.None, null),
            ("status", "POST", "sites/{0}/status", Credentials.Staff, "{\"level\":\"busy\"}"),
            ("submit correction", "POST", "sites/{0}/corrections", Credentials.None, "{\"kind\":\"closed\",\"text\":\"已关闭\"}"),
            ("manage site", "GET", "manage/sites/{0}", Credentials.City, null),
            ("audit", "GET", "manage/sites/{0}/audit", Credentials.City, null),
            ("tokens", "GET", "manage/sites/{0}/tokens", Credentials.City, null),
            ("issue token", "POST", "manage/sites/{0}/tokens", Credentials.City, null),
        };
        var badIds = new (string Name, string Id, int Status, string Code)[]
        {
            ("17 characters", "0123456789abcdef0", 404, NoEndpoint),
            ("15 characters", "0123456789abcde", 404, NoEndpoint),
            ("200 characters", new string('a', 200), 404, NoEndpoint),
            ("not hex", "zzzzzzzzzzzzzzzz", 400, Invalid),
            ("upper case", "0123456789ABCDEF", 400, Invalid),
            ("traversal", "..%2F..%2F..%2Fa", 400, Invalid),
            ("encoded NUL", "0123456789abcde%00", 400, KestrelRefusal),
            ("encoded CR LF", "0123456789abcd%0D%0A", 400, Invalid),
            ("injection", "%27%20or%20true%20or%20%2712", 400, Invalid),
            ("well-formed, no such site", NoSuchSite, 404, NotFound),
        };
        foreach (var route in idRoutes)
        {
            foreach (var id in badIds)
            {
                // Issuing a token for a site that is not in the catalogue is the one id answer that names another code.
                rows.Add(new BadRequest($"{route.Name} id {id.Name}", route.Method, string.Format(CultureInfo.InvariantCulture, route.Template, id.Id), id.Status, id.Code)
                {
                    Credentials = route.Credentials,
                    Body = route.Body is null ? null : Json(route.Body),
                });
            }
        }

        rows.Add(new BadRequest("traversal in the path", "GET", "sites/../../../etc/passwd", 404, NoEndpoint));
        rows.Add(new BadRequest("encoded traversal in the path", "GET", "sites/%2e%2e/%2e%2e/manage/stale", 404, NoEndpoint));
        rows.Add(new BadRequest("token id not hex", "DELETE", "manage/sites/{A}/tokens/zzzzzzzzzzzz", 400, Invalid) { Credentials = Credentials.City });
        rows.Add(new BadRequest("token id 13 characters", "DELETE", "manage/sites/{A}/tokens/0123456789abc", 404, NoEndpoint) { Credentials = Credentials.City });
        rows.Add(new BadRequest("token id injection", "DELETE", "manage/sites/{A}/tokens/%27%20or%20%27%27%3D%27", 400, Invalid) { Credentials = Credentials.City });
        rows.Add(new BadRequest("token id unknown", "DELETE", "manage/sites/{A}/tokens/0123456789ab", 404, NotFound) { Credentials = Credentials.City });
        rows.Add(new BadRequest("token of site A under site B", "DELETE", "manage/sites/{B}/tokens/{token}", 404, NotFound) { Credentials = Credentials.City });
        rows.Add(new BadRequest("correction id not hex", "POST", "manage/corrections/zzzzzzzzzzzz/accept", 400, Invalid) { Credentials = Credentials.City });
        rows.Add(new BadRequest("correction id injection", "POST", "manage/corrections/x%27%20or%20%27/reject", 400, Invalid) { Credentials = Credentials.City, Body = Json("{\"reason\":\"x\"}") });
        rows.Add(new BadRequest("correction id unknown", "POST", "manage/corrections/0123456789ab/accept", 404, NotFound) { Credentials = Credentials.City });
        rows.Add(new BadRequest("operator key id not hex", "DELETE", "manage/operators/zzzzzzzzzzzz", 400, Invalid) { Credentials = Credentials.City });
        rows.Add(new BadRequest("operator key id injection", "DELETE", "manage/operators/%27%20or%20%27", 400, Invalid) { Credentials = Credentials.City });
        rows.Add(new BadRequest("operator key id unknown", "DELETE", "manage/operators/0123456789ab", 404, NotFound) { Credentials = Credentials.City });
        rows.Add(new BadRequest("problem name unknown", "GET", "problems/no-such-problem", 404, NotFound));
        rows.Add(new BadRequest("problem name NUL", "GET", "problems/%00", 400, KestrelRefusal));
        rows.Add(new BadRequest("problem name with a control character", "GET", "problems/a%01b", 404, NotFound));
        rows.Add(new BadRequest("problem name 41 characters", "GET", "problems/" + new string('a', 41), 404, NoEndpoint));

        // Bodies of every JSON endpoint: empty, truncated, not an object, 10,000 deep, bad UTF-8, lone
        // surrogates, wrong types and charsets, 50 MB.
        var jsonRoutes = new (string Name, string Method, string Target, Credentials Credentials, long Limit)[]
        {
            ("status", "POST", "sites/{A}/status", Credentials.Staff, 4096),
            ("correction", "POST", "sites/{A}/corrections", Credentials.None, 4096),
            ("throughput", "POST", "manage/throughput", Credentials.City, 256 * 1024),
            ("operators", "POST", "manage/operators", Credentials.City, 4096),
            ("edit", "PATCH", "manage/sites/{A}", Credentials.City, 64 * 1024),
            ("reject", "POST", "manage/corrections/{correction}/reject", Credentials.City, 64 * 1024),
        };
        var deep = new string('[', 10_000) + new string(']', 10_000);
        var deepObject = string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000);
        foreach (var route in jsonRoutes)
        {
            var headers = route.Name == "edit" ? new[] { "If-Match: {etag}" } : [];
            BadRequest Body(string what, byte[]? body, int status, string code, string? contentType = null) =>
                new($"{route.Name} body {what}", route.Method, route.Target, status, code) { Credentials = route.Credentials, Body = body, ContentType = contentType, Headers = headers };

            if (route.Name != "reject")
                rows.Add(Body("empty", [], 400, Invalid));
            rows.Add(Body("truncated", Json("{\"level\":\"bu"), 400, Invalid));
            rows.Add(Body("an array", Json("[1,2]"), 400, Invalid));
            rows.Add(Body("a string", Json("\"busy\""), 400, Invalid));
            rows.Add(Body("null", Json("null"), 400, Invalid));
            rows.Add(Body("10,000 levels of arrays", Json(deep), deep.Length > route.Limit ? 413 : 400, deep.Length > route.Limit ? TooLarge : Invalid));
            rows.Add(Body("10,000 levels of objects", Json(deepObject), deepObject.Length > route.Limit ? 413 : 400, deepObject.Length > route.Limit ? TooLarge : Invalid));
            rows.Add(Body("bytes that are not UTF-8", [(byte)'{', (byte)'"', 0xFF, 0xFE, (byte)'"', (byte)':', (byte)'1', (byte)'}'], 400, Invalid));
            rows.Add(Body("a raw lone surrogate (CESU bytes)", [.. "{\"text\":\""u8, 0xED, 0xA0, 0x80, .. "\"}"u8], 400, Invalid));
            rows.Add(Body("text/plain", Json("{}"), 415, Unsupported, "text/plain"));
            rows.Add(Body("a form", Encoding.ASCII.GetBytes("level=busy"), 415, Unsupported, "application/x-www-form-urlencoded"));
            rows.Add(Body("XML", Encoding.ASCII.GetBytes("<level>busy</level>"), 415, Unsupported, "application/xml"));
            rows.Add(Body("charset gb18030", Encoding.UTF8.GetBytes("{}"), 415, Unsupported, "application/json; charset=gb18030"));
            rows.Add(Body("charset latin1", Encoding.UTF8.GetBytes("{}"), 415, Unsupported, "application/json; charset=iso-8859-1"));
            rows.Add(Body("a content type that is not one", Json("{}"), 415, Unsupported, "json"));
            rows.Add(new BadRequest($"{route.Name} body of 50 MB", route.Method, route.Target, 413, TooLarge) { Credentials = route.Credentials, DeclaredLength = 50L * 1024 * 1024, ContentType = "application/json", Headers = headers });
        }

        // Staff reports: wrong types, negative and huge queues.
        foreach (var (what, json) in new[]
        {
            ("queueLength as text", "{\"queueLength\":\"12\",\"openWindows\":1}"),
            ("queueLength true", "{\"queueLength\":true,\"openWindows\":1}"),
            ("queueLength 1.5", "{\"queueLength\":1.5,\"openWindows\":1}"),
            ("queueLength -1", "{\"queueLength\":-1,\"openWindows\":1}"),
            ("queueLength 1e9", "{\"queueLength\":1000000000,\"openWindows\":1}"),
            ("queueLength 1e309", "{\"queueLength\":1e309,\"openWindows\":1}"),
            ("queueLength an object", "{\"queueLength\":{\"n\":1},\"openWindows\":1}"),
            ("queueLength an array", "{\"queueLength\":[12],\"openWindows\":1}"),
            ("openWindows 0", "{\"queueLength\":5,\"openWindows\":0}"),
            ("openWindows -3", "{\"queueLength\":5,\"openWindows\":-3}"),
            ("openWindows 1e6", "{\"queueLength\":5,\"openWindows\":1000000}"),
            ("level 5", "{\"level\":5}"),
            ("level not a level", "{\"level\":\"BUSY!\"}"),
            ("level empty", "{\"level\":\"\"}"),
            ("level escaped lone surrogate", "{\"level\":\"\\ud800\"}"),
            ("level with NUL", "{\"level\":\"busy\\u0000\"}"),
            ("nothing to report", "{}"),
            ("clientReportId with a space", "{\"level\":\"busy\",\"clientReportId\":\"a b\"}"),
            ("clientReportId 65 characters", "{\"level\":\"busy\",\"clientReportId\":\"" + new string('a', 65) + "\"}"),
            ("clientReportId injection", "{\"level\":\"busy\",\"clientReportId\":\"' or true or '\"}"),
        })
        {
            rows.Add(new BadRequest($"status {what}", "POST", "sites/{A}/status", 400, Invalid) { Credentials = Credentials.Staff, Body = Json(json) });
        }

        rows.Add(new BadRequest("status without a token", "POST", "sites/{A}/status", 401, Unauthorized) { Body = Json("{\"level\":\"busy\"}") });
        rows.Add(new BadRequest("status with a wrong token", "POST", "sites/{A}/status", 403, Forbidden) { Body = Json("{\"level\":\"busy\"}"), Headers = ["x-staff-token: wrong-staff-token-000000"] });
        rows.Add(new BadRequest("status with site A's token on site B", "POST", "sites/{B}/status", 403, Forbidden) { Credentials = Credentials.Staff, Body = Json("{\"level\":\"busy\"}") });
        rows.Add(new BadRequest("status with an injection for a token", "POST", "sites/{A}/status", 403, Forbidden) { Body = Json("{\"level\":\"busy\"}"), Headers = ["x-staff-token: ' or true or '"] });

        // Throughput batches: too many, empty, wrong shapes, future and unaligned minutes.
        string Count(string siteId, string minute, string samples) => $"{{\"siteId\":\"{siteId}\",\"minute\":\"{minute}\",\"samples\":{samples}}}";
        const string Minute = "2022-04-28T01:30:00Z";
        var oneCount = Count("{A}", Minute, "3");
        foreach (var (what, json) in new[]
        {
            ("1,001 counts", "{\"counts\":[" + string.Join(',', Enumerable.Repeat(oneCount, 1001)) + "]}"),
            ("no counts", "{\"counts\":[]}"),
            ("counts not an array", "{\"counts\":{}}"),
            ("without counts", "{\"count\":[]}"),
            ("a count that is not an object", "{\"counts\":[1]}"),
            ("a future minute", "{\"counts\":[" + Count("{A}", "2022-04-28T03:00:00Z", "3") + "]}"),
            ("a minute 25 hours ago", "{\"counts\":[" + Count("{A}", "2022-04-27T01:00:00Z", "3") + "]}"),
            ("an unaligned minute", "{\"counts\":[" + Count("{A}", "2022-04-28T01:30:15Z", "3") + "]}"),
            ("a minute that is not a time", "{\"counts\":[" + Count("{A}", "soon", "3") + "]}"),
            ("a minute of year 99999", "{\"counts\":[" + Count("{A}", "99999-01-01T00:00:00Z", "3") + "]}"),
            ("negative samples", "{\"counts\":[" + Count("{A}", Minute, "-1") + "]}"),
            ("samples as text", "{\"counts\":[" + Count("{A}", Minute, "\"3\"") + "]}"),
            ("samples 1e9", "{\"counts\":[" + Count("{A}", Minute, "1000000000") + "]}"),
            ("samples 2.5", "{\"counts\":[" + Count("{A}", Minute, "2.5") + "]}"),
            ("a site id that is not hex", "{\"counts\":[" + Count("' or true or '", Minute, "3") + "]}"),
            ("a site that does not exist", "{\"counts\":[" + Count(NoSuchSite, Minute, "3") + "]}"),
            ("a count without its minute", "{\"counts\":[{\"siteId\":\"{A}\",\"samples\":3}]}"),
            ("one good count and one bad", "{\"counts\":[" + oneCount + "," + Count("{A}", "2022-04-28T01:31:15Z", "3") + "]}"),
        })
        {
            rows.Add(new BadRequest($"throughput {what}", "POST", "manage/throughput", 400, Invalid) { Credentials = Credentials.City, Body = Json(json) });
        }

        rows.Add(new BadRequest("throughput of another district's site", "POST", "manage/throughput", 403, OutsideScope) { Credentials = Credentials.JinshanOperator, Body = Json("{\"counts\":[" + oneCount + "]}") });

        // Site imports: wrong columns, quoting, BOM, GB18030, 100,001 rows, wrong charsets and shapes.
        BadRequest Import(string what, byte[] body, string contentType, int status = 400, string code = Invalid) =>
            new($"import {what}", "POST", "manage/sites/import", status, code) { Credentials = Credentials.City, Body = body, ContentType = contentType };
        rows.Add(Import("CSV with wrong columns", Csv("foo,bar\n1,2\n"), "text/csv"));
        rows.Add(Import("CSV with wrong columns after a BOM", [0xEF, 0xBB, 0xBF, .. Csv("名称,地址\n甲,乙\n")], "text/csv"));
        rows.Add(Import("CSV with an unclosed quote", Csv("source_id,name\nx:1,\"unclosed\nx:2,b\n"), "text/csv"));
        rows.Add(Import("CSV with a quote inside an unquoted cell", Csv("source_id,name\nx:1,a\"b\"c\n"), "text/csv"));
        rows.Add(Import("CSV with text after a closing quote", Csv("source_id,name\nx:1,\"ab\"c\n"), "text/csv"));
        rows.Add(Import("CSV with a header only", Csv("source_id,name,address,district,lng,lat,coord_system,hours,type,notes\n"), "text/csv"));
        rows.Add(Import("JSON empty array", Json("[]"), "application/json"));
        rows.Add(Import("CSV of GB18030 declared UTF-8", Gb18030("source_id,name\nx:1,人民广场\n"), "text/csv; charset=utf-8"));
        rows.Add(Import("CSV of a BOM only", [0xEF, 0xBB, 0xBF], "text/csv"));
        rows.Add(Import("CSV in latin1", Csv("source_id,name\nx:1,a\n"), "text/csv; charset=latin1"));
        rows.Add(Import("CSV in UTF-16", Encoding.Unicode.GetBytes("source_id,name\nx:1,a\n"), "text/csv; charset=utf-16"));
        rows.Add(Import("empty", [], "text/csv"));
        rows.Add(Import("white space only", Csv(" \r\n\t\n"), "text/csv"));
        rows.Add(Import("of 100,001 rows", Csv("source_id,name\n" + string.Concat(Enumerable.Range(0, 100_001).Select(i => string.Create(CultureInfo.InvariantCulture, $"h:{i},n\n")))), "text/csv"));
        rows.Add(Import("JSON object without sites", Json("{\"a\":1}"), "application/json"));
        rows.Add(Import("JSON truncated", Json("[{\"source_id\":\"x"), "application/json"));
        rows.Add(Import("JSON 10,000 levels deep", Json(deep), "application/json"));
        rows.Add(Import("JSON with bytes that are not UTF-8", [(byte)'[', 0xFF, (byte)']'], "application/json; charset=utf-8"));
        rows.Add(Import("JSON with a raw lone surrogate", [.. "[{\"source_id\":\""u8, 0xED, 0xA0, 0x80, .. "\"}]"u8], "application/json; charset=utf-8"));
        rows.Add(Import("JSON with an escaped lone surrogate", Json("[{\"source_id\":\"x\",\"name\":\"\\ud800\"}]"), "application/json"));
        rows.Add(new BadRequest("import of 50 MB", "POST", "manage/sites/import", 413, TooLarge) { Credentials = Credentials.City, DeclaredLength = 50L * 1024 * 1024, ContentType = "text/csv" });

        // Gazetteer uploads (the city key only).
        BadRequest Gazetteer(string what, byte[] body, string contentType, int status = 400, string code = Invalid, Credentials credentials = Credentials.City) =>
            new($"gazetteer {what}", "POST", "manage/gazetteer", status, code) { Credentials = credentials, Body = body, ContentType = contentType };
        rows.Add(Gazetteer("empty", [], "text/csv"));
        rows.Add(Gazetteer("CSV with wrong columns", Csv("foo,bar\n1,2\n"), "text/csv"));
        rows.Add(Gazetteer("CSV with an unclosed quote", Csv("name,lng,lat,coord\n\"a,121.4,31.2,wgs84\n"), "text/csv"));
        rows.Add(Gazetteer("rows all at (0, 0)", Csv("name,lng,lat,coord\na,0,0,wgs84\n"), "text/csv"));
        rows.Add(Gazetteer("rows with NaN points", Csv("name,lng,lat,coord\na,NaN,NaN,wgs84\n"), "text/csv"));
        rows.Add(Gazetteer("in latin1", Csv("name,lng,lat,coord\na,121.4,31.2,wgs84\n"), "text/csv; charset=latin1"));
        rows.Add(Gazetteer("JSON truncated", Json("[{\"name\":"), "application/json"));
        rows.Add(Gazetteer("by a district operator", Csv("name,lng,lat,coord\na,121.4,31.2,wgs84\n"), "text/csv", 403, OutsideScope, Credentials.JinshanOperator));
        rows.Add(new BadRequest("gazetteer of 50 MB", "POST", "manage/gazetteer", 413, TooLarge) { Credentials = Credentials.City, DeclaredLength = 50L * 1024 * 1024, ContentType = "text/csv" });

        // Operator keys, edits and corrections with fields of the wrong kind.
        foreach (var (what, json) in new[]
        {
            ("without a name", "{\"district\":\"金山区\"}"),
            ("without a district", "{\"name\":\"x\"}"),
            ("name an object", "{\"name\":{\"a\":1},\"district\":\"金山区\"}"),
            ("name 1,000 characters", "{\"name\":\"" + new string('a', 1000) + "\",\"district\":\"金山区\"}"),
            ("name with NUL", "{\"name\":\"a\\u0000b\",\"district\":\"金山区\"}"),
            ("district a number", "{\"name\":\"x\",\"district\":5}"),
        })
        {
            rows.Add(new BadRequest($"operators {what}", "POST", "manage/operators", 400, Invalid) { Credentials = Credentials.City, Body = Json(json) });
        }

        rows.Add(new BadRequest("operators issued by a district operator", "POST", "manage/operators", 403, OutsideScope) { Credentials = Credentials.JinshanOperator, Body = Json("{\"name\":\"x\",\"district\":\"金山区\"}") });
        rows.Add(new BadRequest("edit without If-Match", "PATCH", "manage/sites/{A}", 428, "precondition-required") { Credentials = Credentials.City, Body = Json("{\"name\":\"x\"}") });
        rows.Add(new BadRequest("edit with an old If-Match", "PATCH", "manage/sites/{A}", 412, "version-changed") { Credentials = Credentials.City, Body = Json("{\"name\":\"x\"}"), Headers = ["If-Match: \"b2xk\""] });
        rows.Add(new BadRequest("edit with an If-Match injection", "PATCH", "manage/sites/{A}", 412, "version-changed") { Credentials = Credentials.City, Body = Json("{\"name\":\"x\"}"), Headers = ["If-Match: \"' or true or '\""] });
        rows.Add(new BadRequest("edit of another district's site", "PATCH", "manage/sites/{A}", 403, OutsideScope) { Credentials = Credentials.JinshanOperator, Body = Json("{\"name\":\"x\"}"), Headers = ["If-Match: {etag}"] });
        foreach (var (what, json) in new[]
        {
            ("no field", "{}"),
            ("an unknown field", "{\"nmae\":\"x\"}"),
            ("name an array", "{\"name\":[\"x\"]}"),
            ("name with a control character", "{\"name\":\"a\\u001bb\"}"),
            ("state bogus", "{\"state\":\"exploded\"}"),
            ("lat NaN as text", "{\"location\":{\"lat\":\"NaN\",\"lng\":121.4,\"coord\":\"wgs84\"}}"),
        })
        {
            rows.Add(new BadRequest($"edit {what}", "PATCH", "manage/sites/{A}", 400, Invalid) { Credentials = Credentials.City, Body = Json(json), Headers = ["If-Match: {etag}"] });
        }

        foreach (var (what, json) in new[]
        {
            ("kind bogus", "{\"kind\":\"bogus\",\"text\":\"x\"}"),
            ("kind missing", "{\"text\":\"x\"}"),
            ("text 10,000 characters", "{\"kind\":\"closed\",\"text\":\"" + new string('a', 3000) + "\"}"),
            ("an unknown field", "{\"kind\":\"closed\",\"text\":\"x\",\"admin\":true}"),
            ("location lat 91", "{\"kind\":\"wrong-location\",\"text\":\"x\",\"location\":{\"lat\":91,\"lng\":121.4,\"coord\":\"wgs84\"}}"),
            ("location swapped", "{\"kind\":\"wrong-location\",\"text\":\"x\",\"location\":{\"lat\":121.4,\"lng\":31.2,\"coord\":\"wgs84\"}}"),
            ("location lat 1e309", "{\"kind\":\"wrong-location\",\"text\":\"x\",\"location\":{\"lat\":1e309,\"lng\":121.4}}"),
            ("location coord utm", "{\"kind\":\"wrong-location\",\"text\":\"x\",\"location\":{\"lat\":31.2,\"lng\":121.4,\"coord\":\"utm\"}}"),
            ("location a string", "{\"kind\":\"wrong-location\",\"text\":\"x\",\"location\":\"31.2,121.4\"}"),
            ("text with NUL", "{\"kind\":\"closed\",\"text\":\"a\\u0000b\"}"),
        })
        {
            rows.Add(new BadRequest($"correction {what}", "POST", "sites/{A}/corrections", 400, Invalid) { Body = Json(json) });
        }

        // Keys: wrong, missing, of the wrong shape, on every operator endpoint.
        foreach (var (name, method, target) in new[]
        {
            ("import", "POST", "manage/sites/import"), ("template", "GET", "manage/sites/template.csv"), ("manage site", "GET", "manage/sites/{A}"),
            ("edit", "PATCH", "manage/sites/{A}"), ("audit", "GET", "manage/sites/{A}/audit"), ("corrections", "GET", "manage/corrections"),
            ("accept", "POST", "manage/corrections/{correction}/accept"), ("throughput", "POST", "manage/throughput"), ("issue token", "POST", "manage/sites/{A}/tokens"),
            ("tokens", "GET", "manage/sites/{A}/tokens"), ("revoke token", "DELETE", "manage/sites/{A}/tokens/{token}"), ("stale", "GET", "manage/stale"),
            ("issue operator key", "POST", "manage/operators"), ("operators", "GET", "manage/operators"), ("revoke operator key", "DELETE", "manage/operators/{operator}"),
            ("gazetteer upload", "POST", "manage/gazetteer"), ("gazetteer", "GET", "manage/gazetteer"),
        })
        {
            rows.Add(new BadRequest($"{name} with a wrong admin key", method, target, 401, Unauthorized) { Credentials = Credentials.FunctionKeyOnly, Headers = ["x-admin-key: wrong-admin-key-0000"] });
            rows.Add(new BadRequest($"{name} without an admin key", method, target, 401, Unauthorized) { Credentials = Credentials.FunctionKeyOnly });
            rows.Add(new BadRequest($"{name} without the function key", method, target, 401, Unauthorized) { Headers = ["x-admin-key: {adminKey}"] });
        }

        rows.Add(new BadRequest("a revoked-shape operator key", "GET", "manage/stale", 401, Unauthorized) { Credentials = Credentials.FunctionKeyOnly, Headers = ["x-admin-key: 0123456789ab.bm90LWEtc2VjcmV0LW5vdC1hLXNlY3JldA"] });
        rows.Add(new BadRequest("an admin key injection", "GET", "manage/stale", 401, Unauthorized) { Credentials = Credentials.FunctionKeyOnly, Headers = ["x-admin-key: ' or true or '"] });
        rows.Add(new BadRequest("another district's site with an operator key", "GET", "manage/sites/{A}", 403, OutsideScope) { Credentials = Credentials.JinshanOperator });
        rows.Add(new BadRequest("another district's tokens with an operator key", "POST", "manage/sites/{A}/tokens", 403, OutsideScope) { Credentials = Credentials.JinshanOperator });

        // What is refused before a function runs.
        rows.Add(new BadRequest("no such path", "GET", "wp-login.php", 404, NoEndpoint));
        rows.Add(new BadRequest("no such path under manage", "GET", "manage/everything", 404, NoEndpoint) { Credentials = Credentials.City });
        rows.Add(new BadRequest("a method nearby does not take", "DELETE", Nearby, 405, "method-not-allowed"));
        rows.Add(new BadRequest("a method site does not take", "PUT", "sites/{A}", 405, "method-not-allowed") { Body = Json("{}") });
        rows.Add(new BadRequest("a method import does not take", "GET", "manage/sites/import", 405, "method-not-allowed") { Credentials = Credentials.City });
        rows.Add(new BadRequest("TRACE", "TRACE", "health", 405, "method-not-allowed"));
        rows.Add(new BadRequest("a URL of 9 KB", "GET", Nearby + "&x=" + new string('a', 9 * 1024), 414, "uri-too-long"));
        rows.Add(new BadRequest("a URL of 20 KB to an operator endpoint", "GET", "manage/stale?x=" + new string('a', 20 * 1024), 414, "uri-too-long") { Credentials = Credentials.City });
        rows.Add(new BadRequest("a control character in a header", "GET", Nearby, 400, Invalid) { Headers = ["x-note: a\u0001b"] });
        rows.Add(new BadRequest("an escape sequence in the admin key", "GET", "manage/stale", 400, Invalid) { Credentials = Credentials.FunctionKeyOnly, Headers = ["x-admin-key: \u001b[2J"] });
        return rows;
    }

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Csv(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Gb18030(string text)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030").GetBytes(text);
    }
}
