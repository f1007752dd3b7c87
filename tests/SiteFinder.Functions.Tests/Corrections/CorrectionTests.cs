using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Corrections;

/// <summary>Residents' corrections over HTTP on Azurite: limits, the moderated queue, doubt about a site said to be closed.</summary>
public sealed class CorrectionTests(StatusFixture host) : IClassFixture<StatusFixture>
{
    private static int _nextClient;

    /// <summary>A fresh public address (TEST-NET-2) per call, so that limits and "independent" are under each test's control.</summary>
    private static string NewClient() => $"198.51.100.{Interlocked.Increment(ref _nextClient)}";

    private Task<(HttpResponseMessage Response, JsonElement Body)> SubmitAsync(string siteId, object body, string client) =>
        host.SendAsync(HttpMethod.Post, $"sites/{siteId}/corrections", body, new Dictionary<string, string> { ["X-Forwarded-For"] = client });

    private async Task<string> StatusLevelAsync(string siteId) =>
        (await host.GetAsync($"sites/{siteId}")).Body.GetProperty("status").GetProperty("level").GetString()!;

    private async Task<JsonElement> QueueAsync(string query = "") =>
        (await host.AdminAsync(HttpMethod.Get, "manage/corrections" + query)).Body;

    [Fact]
    public async Task A_correction_is_accepted_with_202_and_queued_grouped_by_site_and_kind()
    {
        var (first, body) = await SubmitAsync(StatusFixture.C, new { kind = "wrong-hours", text = "周末不开" }, NewClient());
        await SubmitAsync(StatusFixture.C, new { kind = "wrong-hours", text = "下午也开" }, NewClient());

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(12, body.GetProperty("id").GetString()!.Length);
        var queue = await QueueAsync($"?siteId={StatusFixture.C}&kind=wrong-hours");
        var group = Assert.Single(queue.GetProperty("items").EnumerateArray());
        Assert.Equal(2, group.GetProperty("count").GetInt32());
        Assert.Equal(2, group.GetProperty("residents").GetInt32());
        Assert.Equal("wrong-hours", group.GetProperty("kind").GetString());
        Assert.Equal(["下午也开", "周末不开"], group.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("text").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Bad_corrections_name_the_field()
    {
        var client = NewClient();
        var cases = new (object Body, string Field)[]
        {
            (new { text = "没有类型" }, "kind"),
            (new { kind = "haunted" }, "kind"),
            (new { kind = "other", text = new string('长', 301) }, "text"),
            (new { kind = "wrong-location", location = new { lat = 31.2, lng = 121.4 } }, "location.coord"),
            (new { kind = "wrong-location", location = "here" }, "location"),
            (new { kind = "other", colour = "red" }, "colour"),
            (new { kind = "other", text = "关门了\u0000\u001b[2J" }, "text"),
        };
        foreach (var (body, field) in cases)
        {
            var (response, problem) = await SubmitAsync(StatusFixture.B, body, client);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field}: {problem}");
        }

        var (infinite, infiniteProblem) = await host.SendAsync(HttpMethod.Post, $"sites/{StatusFixture.B}/corrections", "{\"kind\":\"wrong-location\",\"location\":{\"lat\":1e400,\"lng\":121.4,\"coord\":\"wgs84\"}}", new Dictionary<string, string> { ["X-Forwarded-For"] = client });
        Assert.Equal(HttpStatusCode.BadRequest, infinite.StatusCode);
        Assert.True(infiniteProblem.GetProperty("errors").TryGetProperty("location.lat", out _), infiniteProblem.ToString());

        var (big, _) = await host.SendAsync(HttpMethod.Post, $"sites/{StatusFixture.B}/corrections", "{\"kind\":\"other\",\"text\":\"" + new string('x', 5000) + "\"}");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        var (unknownSite, _) = await SubmitAsync("0000000000000000", new { kind = "closed" }, client);
        Assert.Equal(HttpStatusCode.NotFound, unknownSite.StatusCode);
    }

    [Fact]
    public async Task Corrections_are_rate_limited_per_client_with_retry_after()
    {
        var client = NewClient();
        for (var i = 0; i < Functions.Corrections.CorrectionLimits.PerClient; i++)
        {
            var (ok, _) = await SubmitAsync(StatusFixture.B, new { kind = "other", text = $"第{i}条" }, client);
            Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
        }

        var (limited, problem) = await SubmitAsync(StatusFixture.B, new { kind = "other" }, client);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.True(problem.GetProperty("retryAfterSeconds").GetInt32() > 0);

        // Another resident is not held back by the first one's limit.
        var (other, _) = await SubmitAsync(StatusFixture.B, new { kind = "other" }, NewClient());
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);

        // A spoofed address to the left of the real one does not escape the limit.
        var (spoofed, _) = await SubmitAsync(StatusFixture.B, new { kind = "other" }, "203.0.113.77, " + client);
        Assert.Equal(HttpStatusCode.TooManyRequests, spoofed.StatusCode);
    }

    [Fact]
    public async Task Three_residents_saying_closed_within_an_hour_make_the_status_unconfirmed_until_staff_report()
    {
        var site = StatusFixture.A;
        var token = await host.TokenForAsync(site);
        await host.ReportAsync(site, token, new { level = "normal" });
        await host.AggregateAsync();
        Assert.Equal("normal", await StatusLevelAsync(site));
        host.Clock.Advance(TimeSpan.FromMinutes(1));

        // Two addresses, three corrections: not yet three independent residents.
        var repeat = NewClient();
        await SubmitAsync(site, new { kind = "closed" }, repeat);
        await SubmitAsync(site, new { kind = "closed" }, repeat);
        await SubmitAsync(site, new { kind = "closed" }, NewClient());
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await host.AggregateAsync();
        Assert.Equal("normal", await StatusLevelAsync(site));

        await SubmitAsync(site, new { kind = "closed", text = "门口贴了暂停通知" }, NewClient());
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await host.AggregateAsync();
        Assert.Equal("unconfirmed", await StatusLevelAsync(site));

        // It is the first call an operator should make, and says why.
        var (_, stale) = await host.AdminAsync(HttpMethod.Get, "manage/stale");
        var top = stale.GetProperty("items")[0];
        Assert.Equal(site, top.GetProperty("id").GetString());
        Assert.Equal("residentsReportClosed", top.GetProperty("reason").GetString());

        // Doubt does not expire with the status TTL ...
        host.Clock.Advance(TimeSpan.FromMinutes(45));
        await host.AggregateAsync();
        Assert.Equal("unconfirmed", await StatusLevelAsync(site));

        // ... but a staff report ends it.
        await host.ReportAsync(site, token, new { level = "idle" });
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await host.AggregateAsync();
        Assert.Equal("idle", await StatusLevelAsync(site));
    }

    [Fact]
    public async Task Accepting_a_closed_group_closes_the_site_through_the_edit_path_and_cites_the_correction()
    {
        var site = StatusFixture.D;
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
            ids.Add((await SubmitAsync(site, new { kind = "closed" }, NewClient())).Body.GetProperty("id").GetString()!);

        var (accepted, body) = await host.AdminAsync(HttpMethod.Post, $"manage/corrections/{ids[0]}/accept", new { reason = "电话核实已撤点" });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(3, body.GetProperty("decided").GetInt32());
        Assert.Contains(body.GetProperty("changes").EnumerateArray(), c => c.GetProperty("field").GetString() == "state" && c.GetProperty("after").GetString() == "Closed");

        var (_, edited) = await host.AdminAsync(HttpMethod.Get, $"manage/sites/{site}");
        Assert.Equal("closed", edited.GetProperty("state").GetString());
        var (_, audit) = await host.AdminAsync(HttpMethod.Get, $"manage/sites/{site}/audit");
        var entry = audit.GetProperty("items")[0];
        Assert.Equal("correction", entry.GetProperty("action").GetString());
        Assert.Equal(ids[0], entry.GetProperty("correctionId").GetString());
        Assert.Equal("电话核实已撤点", entry.GetProperty("reason").GetString());

        var queue = await QueueAsync($"?siteId={site}&kind=closed&state=accepted");
        Assert.Equal(3, queue.GetProperty("items")[0].GetProperty("count").GetInt32());
        Assert.Equal(0, (await QueueAsync($"?siteId={site}&kind=closed")).GetProperty("items").GetArrayLength());

        var (again, _) = await host.AdminAsync(HttpMethod.Post, $"manage/corrections/{ids[1]}/accept", new { reason = "再次" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Rejecting_needs_a_reason_and_rejecting_closed_is_the_operators_word_that_the_site_is_open()
    {
        var site = StatusFixture.B;
        for (var i = 0; i < 3; i++)
            await SubmitAsync(site, new { kind = "closed" }, NewClient());
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await host.AggregateAsync();
        Assert.Equal("unconfirmed", await StatusLevelAsync(site));
        var id = (await QueueAsync($"?siteId={site}&kind=closed")).GetProperty("items")[0].GetProperty("items")[0].GetProperty("id").GetString()!;

        var (noReason, problem) = await host.AdminAsync(HttpMethod.Post, $"manage/corrections/{id}/reject", new { });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("reason", out _));

        var (rejected, _) = await host.AdminAsync(HttpMethod.Post, $"manage/corrections/{id}/reject", new { reason = "现场正常采样" });
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await host.AggregateAsync();
        Assert.Equal("noData", await StatusLevelAsync(site));
        var (_, siteView) = await host.GetAsync($"sites/{site}");
        Assert.Equal("open", siteView.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Accepting_a_wrong_location_moves_the_site_and_an_operator_may_give_the_value()
    {
        var site = StatusFixture.C;
        var (_, moved) = await SubmitAsync(site, new { kind = "wrong-location", location = new { lat = 31.2330, lng = 121.4790, coord = "gcj02" } }, NewClient());
        var (accepted, _) = await host.AdminAsync(HttpMethod.Post, $"manage/corrections/{moved.GetProperty("id").GetString()}/accept", new { reason = "核对地图" });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var (_, edited) = await host.AdminAsync(HttpMethod.Get, $"manage/sites/{site}");
        Assert.Equal("gcj02", edited.GetProperty("sourceLocation").GetProperty("coord").GetString());
        Assert.Equal(31.2330, edited.GetProperty("sourceLocation").GetProperty("lat").GetDouble());

        var (_, hours) = await SubmitAsync(site, new { kind = "wrong-hours", text = "现在是8点到12点" }, NewClient());
        var (bad, badProblem) = await host.AdminAsync(HttpMethod.Post, $"manage/corrections/{hours.GetProperty("id").GetString()}/accept", new { change = new { hours = 12 } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True(badProblem.GetProperty("errors").TryGetProperty("change.hours", out _));

        // The operator's own value needs the version it was typed against, as an edit does.
        var accept = $"manage/corrections/{hours.GetProperty("id").GetString()}/accept";
        var (noVersion, _) = await host.AdminAsync(HttpMethod.Post, accept, new { change = new { hours = "周一至周日 8:00-12:00" } });
        Assert.Equal((HttpStatusCode)428, noVersion.StatusCode);
        var (read, _) = await host.AdminAsync(HttpMethod.Get, $"manage/sites/{site}");
        var headers = new Dictionary<string, string> { ["x-admin-key"] = LocalHostFixture.AdminKey, ["x-functions-key"] = LocalHostFixture.FunctionKey, ["If-Match"] = read.Headers.ETag!.ToString() };
        var (withValue, _) = await host.SendAsync(HttpMethod.Post, accept, new { change = new { hours = "周一至周日 8:00-12:00" } }, headers);
        Assert.Equal(HttpStatusCode.OK, withValue.StatusCode);
        var (_, after) = await host.AdminAsync(HttpMethod.Get, $"manage/sites/{site}");
        Assert.Equal("周一至周日 8:00-12:00", after.GetProperty("hours").GetProperty("text").GetString());

        var (malformed, malformedProblem) = await host.AdminAsync(HttpMethod.Post, "manage/corrections/xyz/accept", new { });
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.True(malformedProblem.GetProperty("errors").TryGetProperty("id", out _));
    }

    [Fact]
    public async Task A_district_operator_sees_and_decides_the_corrections_of_their_district_only()
    {
        var jinshan = (await SubmitAsync(StatusFixture.D, new { kind = "not-public", text = "只给本小区" }, NewClient())).Body.GetProperty("id").GetString()!;
        var huangpu = (await SubmitAsync(StatusFixture.B, new { kind = "not-public", text = "只给员工" }, NewClient())).Body.GetProperty("id").GetString()!;
        var (_, issued) = await host.AdminAsync(HttpMethod.Post, "manage/operators", new { name = "金山区-王五", district = "金山区" });
        var headers = new Dictionary<string, string> { ["x-admin-key"] = issued.GetProperty("key").GetString()!, ["x-functions-key"] = LocalHostFixture.FunctionKey };

        var (_, queue) = await host.SendAsync(HttpMethod.Get, "manage/corrections?kind=not-public", headers: headers);
        Assert.All(queue.GetProperty("items").EnumerateArray(), g => Assert.Equal("金山区", g.GetProperty("district").GetString()));
        Assert.Contains(queue.GetProperty("items").EnumerateArray(), g => g.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("id").GetString() == jinshan));
        var (otherDistrict, _) = await host.SendAsync(HttpMethod.Get, "manage/corrections?district=%E9%BB%84%E6%B5%A6%E5%8C%BA", headers: headers);
        Assert.Equal(HttpStatusCode.BadRequest, otherDistrict.StatusCode);

        // Another district's correction is not in this operator's queue at all.
        var (refused, _) = await host.SendAsync(HttpMethod.Post, $"manage/corrections/{huangpu}/reject", new { reason = "越权" }, headers);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        var (own, _) = await host.SendAsync(HttpMethod.Post, $"manage/corrections/{jinshan}/reject", new { reason = "核实为公众采样点" }, headers);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var (_, decided) = await host.AdminAsync(HttpMethod.Get, $"manage/corrections?siteId={StatusFixture.D}&kind=not-public&state=rejected");
        Assert.Equal("金山区-王五", decided.GetProperty("items")[0].GetProperty("items")[0].GetProperty("decidedBy").GetString());
    }

    [Fact]
    public async Task Corrections_are_rate_limited_per_site_whoever_sends_them()
    {
        // A site of its own: the other tests' corrections count against their sites' limits.
        var site = StatusFixture.Id("st:limit");
        var csv = "source_id,name,address,district,lng,lat,coord_system,hours,type,notes\nst:limit,限流测试点,人民大道9号,黄浦区,121.4740,31.2310,WGS-84,24小时,,\n";
        Assert.Equal(HttpStatusCode.OK, (await host.ImportCsvAsync(csv)).Response.StatusCode);
        await host.App.Services.GetRequiredService<Functions.Sites.CatalogueProvider>().RefreshAsync(CancellationToken.None);

        for (var i = 0; i < Functions.Corrections.CorrectionLimits.PerSite; i++)
        {
            var (ok, _) = await SubmitAsync(site, new { kind = "long-queue" }, NewClient());
            Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
        }

        var (limited, _) = await SubmitAsync(site, new { kind = "long-queue" }, NewClient());
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.Contains("Retry-After"));
        var (otherSite, _) = await SubmitAsync(StatusFixture.C, new { kind = "long-queue" }, NewClient());
        Assert.Equal(HttpStatusCode.Accepted, otherSite.StatusCode);
    }

    [Fact]
    public async Task Rejecting_a_closed_correction_of_a_site_not_in_doubt_leaves_the_staff_status_alone()
    {
        var site = StatusFixture.Id("st:calm");
        var csv = "source_id,name,address,district,lng,lat,coord_system,hours,type,notes\nst:calm,平静测试点,人民大道8号,黄浦区,121.4745,31.2312,WGS-84,24小时,,\n";
        Assert.Equal(HttpStatusCode.OK, (await host.ImportCsvAsync(csv)).Response.StatusCode);
        await host.App.Services.GetRequiredService<Functions.Sites.CatalogueProvider>().RefreshAsync(CancellationToken.None);
        var token = await host.TokenForAsync(site);
        await host.ReportAsync(site, token, new { level = "busy" });
        await host.AggregateAsync();

        var id = (await SubmitAsync(site, new { kind = "closed" }, NewClient())).Body.GetProperty("id").GetString()!;
        var (rejected, _) = await host.AdminAsync(HttpMethod.Post, $"manage/corrections/{id}/reject", new { reason = "只有一人反映，现场正常" });
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await host.AggregateAsync();
        Assert.Equal("busy", await StatusLevelAsync(site));
    }

    [Fact]
    public async Task A_district_name_with_characters_table_keys_refuse_still_takes_corrections()
    {
        var site = StatusFixture.Id("st:slash");
        var csv = "source_id,name,address,district,lng,lat,coord_system,hours,type,notes\nst:slash,斜杠区测试点,某路1号,杭州市/西湖区#2,121.4750,31.2300,WGS-84,24小时,,\n";
        Assert.Equal(HttpStatusCode.OK, (await host.ImportCsvAsync(csv)).Response.StatusCode);
        await host.App.Services.GetRequiredService<Functions.Sites.CatalogueProvider>().RefreshAsync(CancellationToken.None);

        var (response, _) = await SubmitAsync(site, new { kind = "other", text = "测试" }, NewClient());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var (_, queue) = await host.AdminAsync(HttpMethod.Get, $"manage/corrections?siteId={site}");
        Assert.Equal("杭州市/西湖区#2", queue.GetProperty("items")[0].GetProperty("district").GetString());
    }

    [Fact]
    public async Task Of_two_operators_deciding_one_correction_at_once_exactly_one_does()
    {
        var id = (await SubmitAsync(StatusFixture.C, new { kind = "other", text = "两人同时处理" }, NewClient())).Body.GetProperty("id").GetString()!;

        var results = await Task.WhenAll(
            host.AdminAsync(HttpMethod.Post, $"manage/corrections/{id}/accept", new { reason = "甲接受" }),
            host.AdminAsync(HttpMethod.Post, $"manage/corrections/{id}/reject", new { reason = "乙驳回" }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], results.Select(r => r.Response.StatusCode).Order());
        var (_, queue) = await host.AdminAsync(HttpMethod.Get, $"manage/corrections?siteId={StatusFixture.C}&kind=other&state=" + (results[0].Response.StatusCode == HttpStatusCode.OK ? "accepted" : "rejected"));
        Assert.Contains(queue.GetProperty("items").EnumerateArray(), g => g.GetProperty("items").EnumerateArray().Any(c => c.GetProperty("id").GetString() == id));
    }
}
