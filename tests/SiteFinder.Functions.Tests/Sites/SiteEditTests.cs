using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SiteFinder.Domain.Sites;
using SiteFinder.Functions.Sites;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Sites;

/// <summary>Operators edit one site over HTTP, on Azurite through the local host: versions, audit, republishing.</summary>
public sealed class SiteEditTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private const string Header = "source_id,name,address,district,lng,lat,coord_system,hours,type,notes\n";

    private static string Id(string sourceId) => SiteIds.FromSourceId(sourceId);

    /// <summary>Imports one site of its own for a test (sites of one class share a fixture) and returns its id.</summary>
    private async Task<string> SiteAsync(string sourceId, double lng = 121.4737, double lat = 31.2304)
    {
        var csv = Header + FormattableString.Invariant($"{sourceId},编辑测试点{sourceId},黄浦区人民大道1号,黄浦区,{lng},{lat},WGS-84,周一至周日 8:00-11:00,固定,\n");
        var (response, _) = await host.ImportCsvAsync(csv);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Id(sourceId);
    }

    private async Task<(HttpResponseMessage Response, JsonElement Body)> PatchAsync(string id, object body, string? version, HttpClient? client = null, string key = LocalHostFixture.AdminKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri($"manage/sites/{id}", UriKind.Relative));
        request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/merge-patch+json");
        request.Headers.Add("x-admin-key", key);
        request.Headers.Add("x-functions-key", LocalHostFixture.FunctionKey);
        if (version is not null)
            request.Headers.TryAddWithoutValidation("If-Match", version);
        var response = await (client ?? host.Client).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private async Task<(string Version, JsonElement Site)> ReadAsync(string id)
    {
        var (response, body) = await host.AdminAsync(HttpMethod.Get, $"manage/sites/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var version = response.Headers.ETag!.ToString();
        Assert.Equal(version, body.GetProperty("version").GetString());
        return (version, body);
    }

    private static async Task<JsonElement> EventuallyAsync(Func<Task<JsonElement>> read, Func<JsonElement, bool> done, TimeSpan within)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value))
                return value;
            Assert.True(watch.Elapsed < within, $"not seen within {within}: {value}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task The_operator_view_has_every_stored_field_and_its_version()
    {
        var id = await SiteAsync("edit:view");
        var (version, site) = await ReadAsync(id);

        Assert.StartsWith("\"", version, StringComparison.Ordinal);
        Assert.Equal("edit:view", site.GetProperty("sourceId").GetString());
        Assert.Equal("黄浦区", site.GetProperty("district").GetString());
        Assert.Equal("open", site.GetProperty("state").GetString());
        Assert.Equal("open", site.GetProperty("stateNow").GetString());
        Assert.Equal("parsed", site.GetProperty("hours").GetProperty("status").GetString());
        Assert.Equal(121.4737, site.GetProperty("sourceLocation").GetProperty("lng").GetDouble());
        Assert.True(site.TryGetProperty("updatedAt", out _));
    }

    [Fact]
    public async Task An_edit_without_if_match_is_refused_with_428_and_a_stale_one_with_412_and_the_current_version()
    {
        var id = await SiteAsync("edit:precondition");
        var (version, _) = await ReadAsync(id);

        var (none, noneBody) = await PatchAsync(id, new { name = "新名字" }, null);
        Assert.Equal((HttpStatusCode)428, none.StatusCode);
        Assert.Contains("If-Match", noneBody.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var (any, _) = await PatchAsync(id, new { name = "新名字" }, "*");
        Assert.Equal((HttpStatusCode)428, any.StatusCode);

        var (first, _) = await PatchAsync(id, new { name = "第一次修改" }, version);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var (stale, staleBody) = await PatchAsync(id, new { name = "基于旧版本的修改" }, version);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(first.Headers.ETag!.ToString(), staleBody.GetProperty("currentVersion").GetString());
        Assert.Equal(first.Headers.ETag!.ToString(), stale.Headers.ETag!.ToString());
        Assert.Equal("第一次修改", staleBody.GetProperty("current").GetProperty("name").GetString());

        var (_, now) = await ReadAsync(id);
        Assert.Equal("第一次修改", now.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Unknown_fields_and_bad_values_are_named_and_nothing_is_written()
    {
        var id = await SiteAsync("edit:invalid");
        var (version, before) = await ReadAsync(id);

        var (unknown, unknownBody) = await PatchAsync(id, new { name = "改名", colour = "red" }, version);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True(unknownBody.GetProperty("errors").TryGetProperty("colour", out _));

        var (bad, badBody) = await PatchAsync(
            id,
            new { name = "改名", state = "gone", type = "tent", location = new { lat = 95.0, lng = 121.0, coord = "gcj02" }, audience = "everyone", hours = new string('x', 2001) },
            version);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = badBody.GetProperty("errors");
        foreach (var field in new[] { "state", "type", "location.lat", "audience", "hours" })
            Assert.True(errors.TryGetProperty(field, out _), field);

        var (wrongKind, wrongKindBody) = await PatchAsync(id, "{\"name\": 12, \"location\": {\"lat\": 31.2, \"lng\": 121.4}}", version);
        Assert.Equal(HttpStatusCode.BadRequest, wrongKind.StatusCode);
        Assert.True(wrongKindBody.GetProperty("errors").TryGetProperty("name", out _));
        Assert.True(wrongKindBody.GetProperty("errors").TryGetProperty("location.coord", out _));

        var (surrogate, surrogateProblem) = await PatchAsync(id, "{\"audience\": \"\\ud800\"}", version);
        Assert.Equal(HttpStatusCode.BadRequest, surrogate.StatusCode);
        Assert.True(surrogateProblem.GetProperty("errors").TryGetProperty("audience", out _));
        var (farPast, farPastProblem) = await PatchAsync(id, new { state = "suspended", suspendedUntil = "0001-01-01T00:00" }, version);
        Assert.Equal(HttpStatusCode.BadRequest, farPast.StatusCode);
        Assert.True(farPastProblem.GetProperty("errors").TryGetProperty("suspendedUntil", out _));

        var (notJson, _) = await PatchAsync(id, "{\"name\": ", version);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);

        var (afterVersion, after) = await ReadAsync(id);
        Assert.Equal(version, afterVersion);
        Assert.Equal(before.GetProperty("name").GetString(), after.GetProperty("name").GetString());
    }

    [Fact]
    public async Task An_edit_changes_the_fields_given_reparses_hours_and_is_audited_with_before_and_after()
    {
        var id = await SiteAsync("edit:fields");
        var (version, _) = await ReadAsync(id);

        var (response, body) = await PatchAsync(
            id,
            new
            {
                name = "人民广场临时采样点",
                hours = "单号;9:00-17:00",
                location = new { lat = 31.2290, lng = 121.4800, coord = "gcj02" },
                audience = new[] { "supply-chain" },
                phone = "021-12345678",
                address = (string?)null,
                reason = "现场核实",
            },
            version);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var site = body.GetProperty("site");
        Assert.Equal("人民广场临时采样点", site.GetProperty("name").GetString());
        Assert.Equal("parsed", site.GetProperty("hours").GetProperty("status").GetString());
        Assert.Equal("odd", site.GetProperty("hours").GetProperty("weekly")[0].GetProperty("dates").GetString());
        Assert.Equal("gcj02", site.GetProperty("sourceLocation").GetProperty("coord").GetString());
        Assert.NotEqual(31.2290, site.GetProperty("location").GetProperty("lat").GetDouble());
        Assert.Equal("groups", site.GetProperty("audience").GetProperty("kind").GetString());
        Assert.Equal(string.Empty, site.GetProperty("address").GetString());
        Assert.Equal("city", site.GetProperty("updatedBy").GetString());
        var changed = body.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("field").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "name", "hours", "address", "lat", "lng", "sourceCoord", "audienceKind", "phone" }, changed);

        var (auditResponse, audit) = await host.AdminAsync(HttpMethod.Get, $"manage/sites/{id}/audit");
        Assert.Equal(HttpStatusCode.OK, auditResponse.StatusCode);
        var entry = audit.GetProperty("items")[0];
        Assert.Equal("edit", entry.GetProperty("action").GetString());
        Assert.Equal("city", entry.GetProperty("who").GetString());
        Assert.Equal("现场核实", entry.GetProperty("reason").GetString());
        var nameChange = entry.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("field").GetString() == "name");
        Assert.Equal("编辑测试点edit:fields", nameChange.GetProperty("before").GetString());
        Assert.Equal("人民广场临时采样点", nameChange.GetProperty("after").GetString());

        // Residents see the edit once the catalogue is republished.
        await EventuallyAsync(
            async () => (await host.GetAsync($"sites/{id}")).Body,
            b => b.TryGetProperty("name", out var name) && name.GetString() == "人民广场临时采样点",
            TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Of_two_concurrent_edits_from_the_same_version_exactly_one_wins()
    {
        var id = await SiteAsync("edit:race");
        var (version, _) = await ReadAsync(id);
        using var second = new HttpClient { BaseAddress = host.Client.BaseAddress };

        var results = await Task.WhenAll(
            PatchAsync(id, new { notes = "甲" }, version),
            PatchAsync(id, new { notes = "乙" }, version, second));

        var statuses = results.Select(r => r.Response.StatusCode).Order().ToArray();
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], statuses);
        var winner = results.Single(r => r.Response.StatusCode == HttpStatusCode.OK).Body.GetProperty("site").GetProperty("notes").GetString();
        var (_, stored) = await ReadAsync(id);
        Assert.Equal(winner, stored.GetProperty("notes").GetString());

        var (_, audit) = await host.AdminAsync(HttpMethod.Get, $"manage/sites/{id}/audit");
        Assert.Single(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == "edit");
    }

    [Fact]
    public async Task A_suspension_with_an_end_is_shown_as_such_and_ends_by_itself()
    {
        var id = await SiteAsync("edit:suspend", lng: 121.30, lat: 31.10);
        var (version, _) = await ReadAsync(id);
        var until = DateTimeOffset.UtcNow.AddSeconds(6);

        var (response, body) = await PatchAsync(id, new { state = "suspended", suspendedUntil = until.ToString("O"), stateReason = "消毒，暂停采样" }, version);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("suspended", body.GetProperty("site").GetProperty("stateNow").GetString());

        var suspended = await EventuallyAsync(
            async () => (await host.GetAsync($"sites/{id}")).Body,
            b => b.TryGetProperty("state", out var state) && state.GetString() == "suspended",
            TimeSpan.FromSeconds(5));
        Assert.Equal("消毒，暂停采样", suspended.GetProperty("stateReason").GetString());
        Assert.Equal(until.ToUnixTimeMilliseconds(), suspended.GetProperty("suspendedUntil").GetDateTimeOffset().ToUnixTimeMilliseconds());
        var (_, nearby) = await host.GetAsync("sites/nearby?lat=31.10&lng=121.30&radius=100");
        Assert.DoesNotContain(nearby.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetString() == id);

        // No one writes the site again: the end alone reopens it.
        await Task.Delay(until - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200));
        var (_, reopened) = await host.GetAsync($"sites/{id}");
        Assert.Equal("open", reopened.GetProperty("state").GetString());
        Assert.False(reopened.TryGetProperty("suspendedUntil", out _));
        var (_, nearbyAfter) = await host.GetAsync("sites/nearby?lat=31.10&lng=121.30&radius=100");
        Assert.Contains(nearbyAfter.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task The_audit_trail_is_newest_first_and_paged()
    {
        var id = await SiteAsync("edit:audit");
        var (version, _) = await ReadAsync(id);
        for (var i = 1; i <= 5; i++)
        {
            var (response, _) = await PatchAsync(id, new { notes = $"第{i}次" }, version);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            version = response.Headers.ETag!.ToString();
        }

        var seen = new List<string?>();
        string? cursor = null;
        do
        {
            var (response, page) = await host.AdminAsync(HttpMethod.Get, $"manage/sites/{id}/audit?limit=2" + (cursor is null ? string.Empty : $"&cursor={cursor}"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(page.GetProperty("items").GetArrayLength() <= 2);
            seen.AddRange(page.GetProperty("items").EnumerateArray()
                .Where(e => e.GetProperty("action").GetString() == "edit")
                .Select(e => e.GetProperty("changes")[0].GetProperty("after").GetString()));
            cursor = page.GetProperty("cursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("cursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(["第5次", "第4次", "第3次", "第2次", "第1次"], seen);

        var (badCursor, problem) = await host.AdminAsync(HttpMethod.Get, $"manage/sites/{id}/audit?cursor=../../x");
        Assert.Equal(HttpStatusCode.BadRequest, badCursor.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("cursor", out _));
    }

    [Fact]
    public async Task A_burst_of_100_edits_makes_a_handful_of_publishes_and_the_last_edit_is_served()
    {
        var id = await SiteAsync("edit:burst");
        var (version, _) = await ReadAsync(id);
        var republisher = host.App.Services.GetRequiredService<CatalogueRepublisher>();
        await Task.Delay(CatalogueRepublisher.Gather * 3); // the import's own publish is behind us
        var before = republisher.Publishes;

        for (var i = 1; i <= 100; i++)
        {
            var (response, _) = await PatchAsync(id, new { notes = $"burst {i}" }, version);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            version = response.Headers.ETag!.ToString();
        }

        await EventuallyAsync(
            async () => (await host.GetAsync($"sites/{id}")).Body,
            b => b.TryGetProperty("notes", out var notes) && notes.GetString() == "burst 100",
            TimeSpan.FromSeconds(10));
        await Task.Delay(CatalogueRepublisher.Gather * 2); // a publish that served the last edit is counted when it returns
        var publishes = republisher.Publishes - before;
        Assert.InRange(publishes, 1, 15);
    }

    [Fact]
    public async Task An_edit_is_served_by_a_second_instance_within_the_refresh_period()
    {
        var id = await SiteAsync("edit:scale-out");
        var second = host.SecondInstanceOf();
        await second.InitializeAsync();
        try
        {
            var (version, _) = await ReadAsync(id);
            await EventuallyAsync(async () => (await second.GetAsync($"sites/{id}")).Body, b => b.ValueKind == JsonValueKind.Object && b.TryGetProperty("name", out _), TimeSpan.FromSeconds(10));

            var (response, _) = await PatchAsync(id, new { name = "第二实例可见" }, version);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var watch = Stopwatch.StartNew();
            await EventuallyAsync(async () => (await second.GetAsync($"sites/{id}")).Body, b => b.TryGetProperty("name", out var name) && name.GetString() == "第二实例可见", TimeSpan.FromSeconds(10));

            // Gathering the burst (1 s), publishing, and one refresh period (1 s in tests) with room for a loaded machine.
            Assert.True(watch.Elapsed < CatalogueRepublisher.Gather + TimeSpan.FromSeconds(1) + TimeSpan.FromSeconds(4), watch.Elapsed.ToString());
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task Unknown_and_malformed_sites_are_404_and_400()
    {
        var (missing, _) = await host.AdminAsync(HttpMethod.Get, $"manage/sites/{Id("edit:none")}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var (malformed, problem) = await host.AdminAsync(HttpMethod.Get, "manage/sites/ABCDEFGHIJKLMNOP");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("id", out _));
        var (patchMissing, _) = await PatchAsync(Id("edit:none"), new { name = "x" }, "\"abc\"");
        Assert.Equal(HttpStatusCode.NotFound, patchMissing.StatusCode);
        var (noKey, _) = await host.SendAsync(HttpMethod.Get, $"manage/sites/{Id("edit:none")}", headers: new Dictionary<string, string> { ["x-functions-key"] = LocalHostFixture.FunctionKey });
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
    }

    [Fact]
    public async Task A_district_operator_edits_the_sites_of_their_district_only_and_is_named_in_the_audit()
    {
        var huangpu = await SiteAsync("edit:scope-huangpu");
        var csv = Header + "edit:scope-jingan,静安寺采样点,静安区南京西路1686号,静安区,121.4453,31.2235,WGS-84,24小时,,\n";
        Assert.Equal(HttpStatusCode.OK, (await host.ImportCsvAsync(csv)).Response.StatusCode);
        var jingan = Id("edit:scope-jingan");
        var (issued, key) = await host.AdminAsync(HttpMethod.Post, "manage/operators", new { name = "黄浦区-李四", district = "黄浦区" });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var operatorKey = key.GetProperty("key").GetString()!;

        var (own, _) = await ReadAsync(huangpu);
        var (edited, _) = await PatchAsync(huangpu, new { phone = "021-63211111" }, own, key: operatorKey);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var (_, audit) = await host.AdminAsync(HttpMethod.Get, $"manage/sites/{huangpu}/audit");
        Assert.Equal("黄浦区-李四", audit.GetProperty("items")[0].GetProperty("who").GetString());

        var (other, _) = await ReadAsync(jingan);
        var (refused, problem) = await PatchAsync(jingan, new { phone = "021-1" }, other, key: operatorKey);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("静安区", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var (readRefused, _) = await host.SendAsync(HttpMethod.Get, $"manage/sites/{jingan}", headers: new Dictionary<string, string> { ["x-admin-key"] = operatorKey, ["x-functions-key"] = LocalHostFixture.FunctionKey });
        Assert.Equal(HttpStatusCode.Forbidden, readRefused.StatusCode);
        // Nor can a row of an import move another district's site into the operator's own by its source id.
        var (imported, report) = await host.ImportAsync(System.Text.Encoding.UTF8.GetBytes("source_id,name,district\nedit:scope-jingan,改到黄浦,黄浦区\n"), "text/csv", adminKey: operatorKey);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal("source_id", report.GetProperty("rows")[0].GetProperty("errors")[0].GetProperty("field").GetString());

        var (_, unchanged) = await ReadAsync(jingan);
        Assert.Equal(other, unchanged.GetProperty("version").GetString());
        Assert.Equal("静安区", unchanged.GetProperty("district").GetString());
    }

    [Fact]
    public async Task Imports_write_one_audit_entry_per_changed_site_with_the_import_id()
    {
        var id = await SiteAsync("edit:imported");
        var (_, first) = await host.AdminAsync(HttpMethod.Get, $"manage/sites/{id}/audit");
        var added = Assert.Single(first.GetProperty("items").EnumerateArray());
        Assert.Equal("import", added.GetProperty("action").GetString());
        Assert.Equal("city", added.GetProperty("who").GetString());
        Assert.Equal(12, added.GetProperty("importId").GetString()!.Length);
        Assert.Contains(added.GetProperty("changes").EnumerateArray(), c => c.GetProperty("field").GetString() == "name" && !c.TryGetProperty("before", out _));

        // The same row again changes nothing and writes no entry; a changed row writes one with its fields.
        await SiteAsync("edit:imported");
        var (_, body) = await host.ImportCsvAsync("source_id,phone\nedit:imported,021-5555\n");
        var importId = body.GetProperty("importId").GetString();
        var (_, trail) = await host.AdminAsync(HttpMethod.Get, $"manage/sites/{id}/audit");
        Assert.Equal(2, trail.GetProperty("items").GetArrayLength());
        var update = trail.GetProperty("items")[0];
        Assert.Equal(importId, update.GetProperty("importId").GetString());
        Assert.Equal(["phone"], update.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task An_edit_made_while_an_import_runs_is_not_overwritten_by_what_the_import_read_before()
    {
        const int count = 1500;
        string Csv(string notes) => "source_id,name,district,lng,lat,coord_system,notes\n" + string.Concat(Enumerable.Range(0, count).Select(i =>
            FormattableString.Invariant($"race:{i},竞争测试点{i},黄浦区,{121.40 + (i % 50 * 0.002)},{31.20 + (i / 50 * 0.002)},WGS-84,{notes}\n")));
        Assert.Equal(HttpStatusCode.OK, (await host.ImportCsvAsync(Csv("第一版"))).Response.StatusCode);
        var id = Id("race:777");

        // The edit sets a field the list does not carry; the import rewrites every site's notes.
        var (version, _) = await ReadAsync(id);
        var import = host.ImportCsvAsync(Csv("第二版"));
        await Task.Delay(50);
        var (edit, _) = await PatchAsync(id, new { phone = "021-7777" }, version);
        var (imported, report) = await import;

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Contains(edit.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.PreconditionFailed });
        var (_, site) = await ReadAsync(id);
        Assert.Equal("第二版", site.GetProperty("notes").GetString());
        if (edit.StatusCode == HttpStatusCode.OK)
            Assert.Equal("021-7777", site.GetProperty("phone").GetString());
        Assert.Equal(count, report.GetProperty("summary").GetProperty("accepted").GetInt32());

        var (_, trail) = await host.AdminAsync(HttpMethod.Get, $"manage/sites/{id}/audit");
        var actions = trail.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToArray();
        Assert.Equal(2, actions.Count(a => a == "import"));
        Assert.Equal(edit.StatusCode == HttpStatusCode.OK ? 1 : 0, actions.Count(a => a == "edit"));
    }

    [Fact]
    public async Task Closing_the_sites_a_list_no_longer_has_is_audited_as_such()
    {
        const string header = "source_id,name,district,lng,lat,coord_system\n";
        var kept = header + "close:1,保留点,奉贤区,121.47,30.92,WGS-84\n";
        Assert.Equal(HttpStatusCode.OK, (await host.ImportCsvAsync(kept + "close:2,撤销点,奉贤区,121.48,30.93,WGS-84\n")).Response.StatusCode);

        var (response, body) = await host.ImportAsync(System.Text.Encoding.UTF8.GetBytes(kept), "text/csv", query: "?closeMissing=true");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (_, closed) = await ReadAsync(Id("close:2"));
        Assert.Equal("closed", closed.GetProperty("state").GetString());
        var (_, trail) = await host.AdminAsync(HttpMethod.Get, $"manage/sites/{Id("close:2")}/audit");
        var entry = trail.GetProperty("items")[0];
        Assert.Equal("closeMissing", entry.GetProperty("action").GetString());
        Assert.Equal(body.GetProperty("importId").GetString(), entry.GetProperty("importId").GetString());
        Assert.Contains(entry.GetProperty("changes").EnumerateArray(), c => c.GetProperty("field").GetString() == "state" && c.GetProperty("after").GetString() == "Closed");
    }
}
