using System.Text;
using Xunit.Abstractions;

namespace SiteFinder.Functions.Tests.Hostile;

/// <summary>
/// OData filter injection: every string parameter and every id of every endpoint given the strings that
/// widen a hand-built Table Storage filter (<c>' or true or '</c> ends the quoted value and adds a clause).
/// Table queries are built with TableClient.CreateQueryFilter or typed expressions, which quote and escape
/// each value; here, through the local host on Azurite, no answer is a 5xx, and none holds anything of
/// the stored sites, tokens, keys or corrections that the request did not name.
/// </summary>
public sealed class ODataInjectionTests(HostileHost host, ITestOutputHelper output) : IClassFixture<HostileHost>
{
    public static readonly string[] Injections = ["' or true or '", "PartitionKey ne ''", "x' or PartitionKey gt '", "' or '1'='1", "') or (RowKey ne '"];

    /// <summary>{0} is the injection, percent-encoded; {1} the same padded or cut to 16 characters (a site id's length), {2} to 12 (other ids).</summary>
    private static readonly (string Method, string Target, Credentials Credentials, string? Body)[] Endpoints =
    [
        ("GET", "sites/nearby?address={0}", Credentials.None, null),
        ("GET", "sites?q={0}", Credentials.None, null),
        ("GET", "sites?district={0}", Credentials.None, null),
        ("GET", "sites?q={0}&city={0}", Credentials.None, null),
        ("GET", "sites?cursor={0}", Credentials.None, null),
        ("GET", "geocode?q={0}", Credentials.None, null),
        ("GET", "geocode?q=a&district={0}", Credentials.None, null),
        ("GET", "open/changes?since={0}", Credentials.None, null),
        ("GET", "problems/{2}", Credentials.None, null),
        ("GET", "sites/{1}", Credentials.None, null),
        ("GET", "sites/{1}/busyness", Credentials.None, null),
        ("POST", "sites/{1}/status", Credentials.Staff, "{\"level\":\"busy\"}"),
        ("POST", "sites/{1}/corrections", Credentials.None, "{\"kind\":\"closed\",\"text\":\"x\"}"),
        ("GET", "manage/sites/{1}", Credentials.City, null),
        ("GET", "manage/sites/{1}/audit", Credentials.City, null),
        ("GET", "manage/sites/{A}/audit?cursor={0}", Credentials.City, null),
        ("GET", "manage/sites/{1}/tokens", Credentials.City, null),
        ("DELETE", "manage/sites/{A}/tokens/{2}", Credentials.City, null),
        ("GET", "manage/corrections?district={0}", Credentials.City, null),
        ("GET", "manage/corrections?siteId={0}", Credentials.City, null),
        ("GET", "manage/corrections?kind={0}", Credentials.City, null),
        ("GET", "manage/corrections?state={0}", Credentials.City, null),
        ("POST", "manage/corrections/{2}/accept", Credentials.City, null),
        ("GET", "manage/stale?district={0}", Credentials.City, null),
        ("DELETE", "manage/operators/{2}", Credentials.City, null),
        ("GET", "manage/gazetteer?coord={0}", Credentials.City, null),
        ("POST", "sites/{A}/status", Credentials.None, "{\"level\":\"busy\"}"),
        ("POST", "manage/throughput", Credentials.City, "{\"counts\":[{\"siteId\":\"{J}\",\"minute\":\"2022-04-28T01:30:00Z\",\"samples\":1}]}"),
        ("POST", "manage/operators", Credentials.City, "{\"name\":\"{J}\",\"district\":\"{J}\"}"),
    ];

    public static IEnumerable<object[]> Cases =>
        from e in Enumerable.Range(0, Endpoints.Length)
        from i in Enumerable.Range(0, Injections.Length)
        select new object[] { e, i };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task An_injection_string_in_a_parameter_or_id_reaches_nothing_it_does_not_name(int endpoint, int injection)
    {
        var (method, template, credentials, body) = Endpoints[endpoint];
        var text = Injections[injection];
        var target = template
            .Replace("{0}", Uri.EscapeDataString(text), StringComparison.Ordinal)
            .Replace("{1}", Uri.EscapeDataString(Fit(text, 16)), StringComparison.Ordinal)
            .Replace("{2}", Uri.EscapeDataString(Fit(text, 12)), StringComparison.Ordinal);
        var json = body?.Replace("{J}", text.Replace("\"", "\\\"", StringComparison.Ordinal), StringComparison.Ordinal);

        // The staff-token case sends the injection as the token itself.
        var headers = credentials == Credentials.None && template.EndsWith("/status", StringComparison.Ordinal) ? new[] { "x-staff-token: " + text } : [];
        var row = new BadRequest($"{method} {template} {text}", method, target, 0, string.Empty) { Credentials = credentials, Headers = headers, Body = json is null ? null : Encoding.UTF8.GetBytes(json) };
        var before = await host.StoredAsync();
        var answer = await RawHttp.SendAsync(host.Client.BaseAddress!, host.Head(row, "192.0.2." + (1 + ((endpoint * Injections.Length) + injection) % 250)), host.Fill(row.Body));
        var returned = Encoding.UTF8.GetString(answer.Body);
        Infrastructure.SuiteSecrets.FromAnswer(returned);
        output.WriteLine($"{method} {target}: {answer.Status} {returned[..Math.Min(300, returned.Length)]}");

        Assert.InRange(answer.Status, 200, 499);
        if (answer.Status >= 400)
            Assert.StartsWith("application/problem+json", answer.ContentType, StringComparison.Ordinal);
        var named = host.Fill(Encoding.UTF8.GetBytes(target))!;
        foreach (var stored in new[] { HostileHost.A, HostileHost.B, HostileHost.C, HostileHost.D, host.StaffToken, host.StaffTokenId, host.OperatorKey, host.CorrectionId, "今天没开门", "甲采样点", "丁采样点" })
        {
            if (!Encoding.UTF8.GetString(named).Contains(stored, StringComparison.Ordinal))
                Assert.DoesNotContain(stored, returned, StringComparison.Ordinal);
        }

        if (answer.Status < 300 && answer.Json.ValueKind == System.Text.Json.JsonValueKind.Object && answer.Json.TryGetProperty("items", out var items))
            Assert.Equal(0, items.GetArrayLength());

        if (answer.Status == 201 && template == "manage/operators")
        {
            // A key for a "district" that is an injection string is stored as given, and manages that text only.
            await KeyForTheTextReachesNothingAsync(answer.Json, text);
            static IEnumerable<string> OtherThanKeys(IEnumerable<string> rows) => rows.Where(r => !r.StartsWith("OperatorKeys|", StringComparison.Ordinal));
            Assert.Equal(OtherThanKeys(before), OtherThanKeys(await host.StoredAsync()));
            return;
        }

        // Nothing was written: an injection is not a way to change another row either.
        Assert.Equal(before, await host.StoredAsync());
    }

    private async Task KeyForTheTextReachesNothingAsync(System.Text.Json.JsonElement issued, string text)
    {
        Assert.Equal(text, issued.GetProperty("district").GetString());
        var key = issued.GetProperty("key").GetString()!;
        Infrastructure.SuiteSecrets.Add(key);
        var headers = new Dictionary<string, string> { ["x-functions-key"] = Infrastructure.LocalHostFixture.FunctionKey, ["x-admin-key"] = key };
        foreach (var read in new[] { "manage/corrections", "manage/stale", "manage/corrections?state=accepted" })
        {
            var (response, body) = await host.SendAsync(HttpMethod.Get, read, headers: headers);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(0, body.GetProperty("items").GetArrayLength());
        }

        var (site, problem) = await host.SendAsync(HttpMethod.Get, $"manage/sites/{HostileHost.A}", headers: headers);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, site.StatusCode);
        Assert.Equal("outside-scope", problem.GetProperty("code").GetString());
    }

    private static string Fit(string text, int length) => text.Length >= length ? text[..length] : text.PadRight(length, 'x');
}
