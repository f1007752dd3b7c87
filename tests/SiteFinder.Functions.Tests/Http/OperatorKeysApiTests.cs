using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using SiteFinder.Functions.Storage;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Http;

/// <summary>
/// Operator keys over HTTP: the city issues, lists and revokes them; a district operator's key works
/// on the operator endpoints for its district's sites only. Sites a, b, c are in 黄浦区, d in 金山区.
/// </summary>
public sealed class OperatorKeysApiTests(StatusFixture host) : IClassFixture<StatusFixture>
{
    private const string Huangpu = "黄浦区";

    private async Task<(string KeyId, string Key)> IssueAsync(string name, string district = Huangpu)
    {
        var (response, body) = await host.AdminAsync(HttpMethod.Post, "manage/operators", new { name, district });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (body.GetProperty("keyId").GetString()!, body.GetProperty("key").GetString()!);
    }

    private Task<(HttpResponseMessage Response, JsonElement Body)> AsOperatorAsync(string key, HttpMethod method, string url, object? json = null) =>
        host.SendAsync(method, url, json, new Dictionary<string, string> { ["x-admin-key"] = key, ["x-functions-key"] = LocalHostFixture.FunctionKey });

    private static void AssertOutsideScope(HttpResponseMessage response, JsonElement body, params string[] named)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("/api/problems/outside-scope", body.GetProperty("type").GetString());
        Assert.Equal(Huangpu, body.GetProperty("district").GetString());
        foreach (var text in named)
            Assert.Contains(text, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_city_issues_a_key_shown_once_and_lists_keys_without_secrets_or_hashes()
    {
        var (response, issued) = await host.AdminAsync(HttpMethod.Post, "manage/operators", new { name = " 黄浦区-张三 ", district = "黄浦区 " });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var keyId = issued.GetProperty("keyId").GetString()!;
        var key = issued.GetProperty("key").GetString()!;
        Assert.Equal("黄浦区-张三", issued.GetProperty("name").GetString());
        Assert.Equal(Huangpu, issued.GetProperty("district").GetString());
        Assert.Equal(host.Clock.GetUtcNow(), issued.GetProperty("issuedAt").GetDateTimeOffset());
        Assert.StartsWith(keyId + ".", key, StringComparison.Ordinal);

        var (listed, list) = await host.AdminAsync(HttpMethod.Get, "manage/operators");
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var item = Assert.Single(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("keyId").GetString() == keyId);
        Assert.Equal("黄浦区-张三", item.GetProperty("name").GetString());
        Assert.False(item.TryGetProperty("revokedAt", out _));
        var secret = key[(keyId.Length + 1)..];
        Assert.DoesNotContain(secret, list.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("hash", list.GetRawText(), StringComparison.OrdinalIgnoreCase);

        // In the table: the SHA-256 of the secret, never the secret.
        var table = Azurite.Service.GetTableClient(host.Tables[nameof(SiteTablesOptions.OperatorKeys)]);
        var entity = Assert.Single(table.Query<TableEntity>(e => e.PartitionKey == keyId));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(secret))), entity.GetString("Hash"));
        Assert.DoesNotContain(entity, p => p.Value is string text && text.Contains(secret, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"district\":\"黄浦区\"}", "name")]
    [InlineData("{\"name\":\"  \",\"district\":\"黄浦区\"}", "name")]
    [InlineData("{\"name\":\"张三\"}", "district")]
    [InlineData("{\"name\":\"张三\",\"district\":7}", "district")]
    [InlineData("{\"name\":\"张三\\n李四\",\"district\":\"黄浦区\"}", "name")]
    [InlineData("[]", "body")]
    public async Task A_bad_issue_request_is_refused_naming_the_field(string json, string field)
    {
        var (response, body) = await host.AdminAsync(HttpMethod.Post, "manage/operators", json);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.GetRawText());
    }

    [Fact]
    public async Task A_name_or_district_over_100_characters_is_refused()
    {
        var (response, body) = await host.AdminAsync(HttpMethod.Post, "manage/operators", new { name = "张三", district = new string('区', 101) });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 100", body.GetProperty("errors").GetProperty("district")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_district_key_manages_its_districts_site_tokens_and_is_refused_another_districts()
    {
        var (_, key) = await IssueAsync("黄浦区-李四");

        var issued = await AsOperatorAsync(key, HttpMethod.Post, $"manage/sites/{StatusFixture.A}/tokens");
        Assert.Equal(HttpStatusCode.Created, issued.Response.StatusCode);
        var token = issued.Body.GetProperty("token").GetString()!;
        Assert.Equal(HttpStatusCode.Created, (await host.ReportAsync(StatusFixture.A, token, new { level = "idle" })).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AsOperatorAsync(key, HttpMethod.Get, $"manage/sites/{StatusFixture.A}/tokens")).Response.StatusCode);
        var tokenId = issued.Body.GetProperty("tokenId").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await AsOperatorAsync(key, HttpMethod.Delete, $"manage/sites/{StatusFixture.A}/tokens/{tokenId}")).Response.StatusCode);

        var (created, cityToken) = await host.AdminAsync(HttpMethod.Post, $"manage/sites/{StatusFixture.D}/tokens");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        foreach (var (method, url) in new[]
        {
            (HttpMethod.Post, $"manage/sites/{StatusFixture.D}/tokens"),
            (HttpMethod.Get, $"manage/sites/{StatusFixture.D}/tokens"),
            (HttpMethod.Delete, $"manage/sites/{StatusFixture.D}/tokens/{cityToken.GetProperty("tokenId").GetString()}"),
        })
        {
            var (response, body) = await AsOperatorAsync(key, method, url);
            AssertOutsideScope(response, body, "金山区", Huangpu, StatusFixture.D);
        }

        // The refused revocation did not happen: the city's token for d still works.
        Assert.Equal(HttpStatusCode.Created, (await host.ReportAsync(StatusFixture.D, cityToken.GetProperty("token").GetString()!, new { level = "idle" })).Response.StatusCode);
    }

    [Fact]
    public async Task A_district_key_imports_its_districts_rows_and_the_others_are_rejected_per_row()
    {
        var (_, key) = await IssueAsync("黄浦区-王五");
        const string Csv = "source_id,name,address,district,lng,lat,coord_system,hours,type,notes\n" +
            "ok:1,黄浦新点,人民大道2号,黄浦区,121.4740,31.2300,WGS-84,24小时,,\n" +
            "ok:2,金山新点,金山大道2号,金山区,121.3400,30.7400,WGS-84,24小时,,\n";

        var (response, body) = await host.ImportAsync(Encoding.UTF8.GetBytes(Csv), "text/csv", adminKey: key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, body.GetProperty("summary").GetProperty("accepted").GetInt32());
        Assert.Equal(1, body.GetProperty("summary").GetProperty("rejected").GetInt32());
        var rows = body.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal("accepted", rows[0].GetProperty("outcome").GetString());
        Assert.Equal("rejected", rows[1].GetProperty("outcome").GetString());
        var error = Assert.Single(rows[1].GetProperty("errors").EnumerateArray());
        Assert.Equal("district", error.GetProperty("field").GetString());
        Assert.Contains("金山区", error.GetProperty("message").GetString(), StringComparison.Ordinal);

        var (found, _) = await host.GetAsync($"sites/{StatusFixture.Id("ok:1")}");
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var (notFound, _) = await host.GetAsync($"sites/{StatusFixture.Id("ok:2")}");
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
    }

    [Fact]
    public async Task A_district_keys_throughput_batch_with_other_districts_sites_is_refused_whole_listing_them()
    {
        var (_, key) = await IssueAsync("黄浦区-扫码");
        var now = host.Clock.GetUtcNow();
        var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(-3);

        var (refused, body) = await AsOperatorAsync(key, HttpMethod.Post, "manage/throughput", new
        {
            counts = new object[]
            {
                new { siteId = StatusFixture.B, minute, samples = 4 },
                new { siteId = StatusFixture.D, minute, samples = 4 },
            },
        });
        AssertOutsideScope(refused, body, StatusFixture.D);
        Assert.Equal([StatusFixture.D], body.GetProperty("sites").EnumerateArray().Select(s => s.GetString()));

        var (accepted, _) = await AsOperatorAsync(key, HttpMethod.Post, "manage/throughput", new { counts = new[] { new { siteId = StatusFixture.B, minute, samples = 4 } } });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task A_district_key_sees_its_districts_stale_sites_and_the_template_but_not_another_districts()
    {
        var (_, key) = await IssueAsync("黄浦区-值班");

        var (stale, list) = await AsOperatorAsync(key, HttpMethod.Get, "manage/stale");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.NotEmpty(list.GetProperty("items").EnumerateArray());
        Assert.All(list.GetProperty("items").EnumerateArray(), s => Assert.Equal(Huangpu, s.GetProperty("district").GetString()));

        var (other, body) = await AsOperatorAsync(key, HttpMethod.Get, "manage/stale?district=金山区");
        AssertOutsideScope(other, body, "金山区");

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("manage/sites/template.csv", UriKind.Relative));
        request.Headers.Add("x-admin-key", key);
        request.Headers.Add("x-functions-key", LocalHostFixture.FunctionKey);
        using var template = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        Assert.Equal("text/csv", template.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_district_key_cannot_issue_list_or_revoke_operator_keys()
    {
        var (keyId, key) = await IssueAsync("黄浦区-越权");

        foreach (var (method, url, json) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Post, "manage/operators", new { name = "黄浦区-新人", district = Huangpu }),
            (HttpMethod.Get, "manage/operators", null),
            (HttpMethod.Delete, $"manage/operators/{keyId}", null),
        })
        {
            var (response, body) = await AsOperatorAsync(key, method, url, json);
            AssertOutsideScope(response, body, "city key");
        }

        // Still valid: its own refused revocation did nothing.
        Assert.Equal(HttpStatusCode.OK, (await AsOperatorAsync(key, HttpMethod.Get, "manage/stale")).Response.StatusCode);
    }

    [Fact]
    public async Task A_revoked_or_unknown_key_is_refused_with_401_and_the_revoked_key_stays_listed()
    {
        var (keyId, key) = await IssueAsync("黄浦区-离职");
        Assert.Equal(HttpStatusCode.OK, (await AsOperatorAsync(key, HttpMethod.Get, "manage/stale")).Response.StatusCode);

        var (revoked, _) = await host.AdminAsync(HttpMethod.Delete, $"manage/operators/{keyId}");
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);

        foreach (var given in new[] { key, "0123456789ab" + key[12..], key[..13] + "forged" })
        {
            var (response, body) = await AsOperatorAsync(given, HttpMethod.Get, "manage/stale");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("/api/problems/unauthorized", body.GetProperty("type").GetString());
        }

        var (_, list) = await host.AdminAsync(HttpMethod.Get, "manage/operators");
        var item = Assert.Single(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("keyId").GetString() == keyId);
        Assert.Equal(host.Clock.GetUtcNow(), item.GetProperty("revokedAt").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("ABCDEF012345")]
    [InlineData("0123")]
    [InlineData("0123456789a.")]
    public async Task A_malformed_key_id_is_refused_naming_keyId(string keyId)
    {
        var (response, body) = await host.AdminAsync(HttpMethod.Delete, $"manage/operators/{Uri.EscapeDataString(keyId)}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.GetProperty("errors").TryGetProperty("keyId", out _), body.GetRawText());
    }

    [Fact]
    public async Task Revoking_an_unknown_key_id_is_404()
    {
        var (response, body) = await host.AdminAsync(HttpMethod.Delete, "manage/operators/0123456789ab");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("0123456789ab", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
