using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SiteFinder.Functions.Storage;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Http;

/// <summary>Staff reports, tokens and throughput over HTTP; aggregation on Azurite; status in every answer.</summary>
public sealed class StatusApiTests(StatusFixture host) : IClassFixture<StatusFixture>
{
    private IStatusInputStore Inputs => host.App.Services.GetRequiredService<IStatusInputStore>();

    [Fact]
    public async Task A_retried_report_is_stored_once()
    {
        var token = await host.TokenForAsync(StatusFixture.A);
        var first = await host.ReportAsync(StatusFixture.A, token, new { queueLength = 12, openWindows = 2, clientReportId = "tap-0001" });
        host.Clock.Advance(TimeSpan.FromMinutes(2));
        var retry = await host.ReportAsync(StatusFixture.A, token, new { queueLength = 12, openWindows = 2, clientReportId = "tap-0001" });

        Assert.Equal(HttpStatusCode.Created, first.Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.Response.StatusCode);
        Assert.True(retry.Body.GetProperty("duplicate").GetBoolean());
        Assert.Equal(first.Body.GetProperty("reportId").GetString(), retry.Body.GetProperty("reportId").GetString());
        Assert.Equal(first.Body.GetProperty("receivedAt").GetDateTimeOffset(), retry.Body.GetProperty("receivedAt").GetDateTimeOffset());

        var stored = await Inputs.ReadReportsAsync(host.Clock.GetUtcNow().AddHours(-1), host.Clock.GetUtcNow(), CancellationToken.None);
        Assert.Single(stored, r => r.ReportId == first.Body.GetProperty("reportId").GetString());

        // Without a client id, two taps are two reports.
        await host.ReportAsync(StatusFixture.A, token, new { level = "busy" });
        await host.ReportAsync(StatusFixture.A, token, new { level = "busy" });
        var all = await Inputs.ReadReportsAsync(host.Clock.GetUtcNow().AddHours(-1), host.Clock.GetUtcNow(), CancellationToken.None);
        Assert.Equal(2, all.Count(r => r.SiteId == StatusFixture.A && r.Level == Domain.Status.BusyLevel.Busy));
        Assert.All(all.Where(r => r.SiteId == StatusFixture.A), r => Assert.Equal("staff", r.Source));
        Assert.All(all.Where(r => r.SiteId == StatusFixture.A), r => Assert.False(string.IsNullOrEmpty(r.Reporter)));
    }

    [Fact]
    public async Task A_client_report_id_reused_for_another_report_is_a_conflict_and_the_first_report_stands()
    {
        var token = await host.TokenForAsync(StatusFixture.D);
        var busy = await host.ReportAsync(StatusFixture.D, token, new { level = "busy", clientReportId = "tap-reused" });
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var idle = await host.ReportAsync(StatusFixture.D, token, new { level = "idle", clientReportId = "tap-reused" });
        var queue = await host.ReportAsync(StatusFixture.D, token, new { queueLength = 3, openWindows = 1, clientReportId = "tap-reused" });
        var retry = await host.ReportAsync(StatusFixture.D, token, new { level = "BUSY", clientReportId = "tap-reused" });

        Assert.Equal(HttpStatusCode.Created, busy.Response.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, idle.Response.StatusCode);
        Assert.Equal("application/problem+json", idle.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(409, idle.Body.GetProperty("status").GetInt32());
        var detail = idle.Body.GetProperty("detail").GetString();
        Assert.Contains("clientReportId 'tap-reused' was already used for another report (level busy", detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, queue.Response.StatusCode);

        // The same body again (the level in another case) is a retry: a quiet duplicate of the first report.
        Assert.Equal(HttpStatusCode.OK, retry.Response.StatusCode);
        Assert.True(retry.Body.GetProperty("duplicate").GetBoolean());
        Assert.Equal(busy.Body.GetProperty("reportId").GetString(), retry.Body.GetProperty("reportId").GetString());

        var stored = await Inputs.ReadReportsAsync(host.Clock.GetUtcNow().AddHours(-1), host.Clock.GetUtcNow(), CancellationToken.None);
        var ofB = stored.Where(r => r.SiteId == StatusFixture.D && r.ReportId == busy.Body.GetProperty("reportId").GetString()).ToList();
        Assert.Equal(Domain.Status.BusyLevel.Busy, Assert.Single(ofB).Level);
        Assert.DoesNotContain(stored, r => r.SiteId == StatusFixture.D && r.Level == Domain.Status.BusyLevel.Idle);
    }

    [Fact]
    public async Task The_same_client_report_id_from_two_devices_is_two_reports()
    {
        var first = await host.TokenForAsync(StatusFixture.C);
        var second = await host.TokenForAsync(StatusFixture.C);
        var a = await host.ReportAsync(StatusFixture.C, first, new { level = "busy", clientReportId = "1" });
        var b = await host.ReportAsync(StatusFixture.C, second, new { level = "idle", clientReportId = "1" });
        Assert.Equal(HttpStatusCode.Created, a.Response.StatusCode);
        Assert.Equal(HttpStatusCode.Created, b.Response.StatusCode);
        Assert.NotEqual(a.Body.GetProperty("reportId").GetString(), b.Body.GetProperty("reportId").GetString());
    }

    [Fact]
    public async Task Odd_tokens_and_oversized_bodies_are_refused_without_touching_storage()
    {
        foreach (var token in new[] { "a/b.secret", "../../x.y", "0123456789ab/.z", "." })
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var (response, _) = await host.ReportAsync(StatusFixture.A, token, new { level = "idle" });
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"{token}: {watch.Elapsed}");
        }

        var valid = await host.TokenForAsync(StatusFixture.A);
        var big = await host.ReportAsync(StatusFixture.A, valid, "{\"level\":\"idle\",\"pad\":\"" + new string('x', 20_000) + "\"}");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.Response.StatusCode);
        Assert.True(big.Body.GetProperty("errors").TryGetProperty("body", out _));
    }

    [Fact]
    public async Task Tokens_belong_to_one_site_and_can_be_revoked_and_rotated()
    {
        var tokenA = await host.TokenForAsync(StatusFixture.A);
        var atB = await host.ReportAsync(StatusFixture.B, tokenA, new { level = "idle" });
        Assert.Equal(HttpStatusCode.Forbidden, atB.Response.StatusCode);
        Assert.Equal("application/problem+json", atB.Response.Content.Headers.ContentType?.MediaType);

        var none = await host.SendAsync(HttpMethod.Post, $"sites/{StatusFixture.A}/status", new { level = "idle" });
        Assert.Equal(HttpStatusCode.Unauthorized, none.Response.StatusCode);
        var forged = await host.ReportAsync(StatusFixture.A, tokenA[..13] + "forged-secret", new { level = "idle" });
        Assert.Equal(HttpStatusCode.Forbidden, forged.Response.StatusCode);

        var tokenId = tokenA[..tokenA.IndexOf('.', StringComparison.Ordinal)];
        var revoke = await host.AdminAsync(HttpMethod.Delete, $"manage/sites/{StatusFixture.A}/tokens/{tokenId}");
        Assert.Equal(HttpStatusCode.NoContent, revoke.Response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.ReportAsync(StatusFixture.A, tokenA, new { level = "idle" })).Response.StatusCode);

        // Revoking again is no error and keeps the first revocation time.
        var revokedAt = await RevokedAtAsync(StatusFixture.A, tokenId);
        host.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(HttpStatusCode.NoContent, (await host.AdminAsync(HttpMethod.Delete, $"manage/sites/{StatusFixture.A}/tokens/{tokenId}")).Response.StatusCode);
        Assert.Equal(revokedAt, await RevokedAtAsync(StatusFixture.A, tokenId));

        var old = await host.TokenForAsync(StatusFixture.B);
        var rotated = await host.TokenForAsync(StatusFixture.B, rotate: true);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.ReportAsync(StatusFixture.B, old, new { level = "idle" })).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await host.ReportAsync(StatusFixture.B, rotated, new { level = "idle" })).Response.StatusCode);

        var (_, list) = await host.AdminAsync(HttpMethod.Get, $"manage/sites/{StatusFixture.B}/tokens");
        var tokens = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, tokens.Count);
        Assert.Single(tokens, t => !t.TryGetProperty("revokedAt", out _));
        Assert.DoesNotContain(list.GetRawText(), rotated[(rotated.IndexOf('.', StringComparison.Ordinal) + 1)..], StringComparison.Ordinal);
    }

    private async Task<string> RevokedAtAsync(string siteId, string tokenId)
    {
        var (_, list) = await host.AdminAsync(HttpMethod.Get, $"manage/sites/{siteId}/tokens");
        var token = list.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("tokenId").GetString() == tokenId);
        return token.GetProperty("revokedAt").GetString()!;
    }

    [Theory]
    [InlineData("{\"level\":\"busy\",\"queueLength\":3,\"openWindows\":1}", "level")]
    [InlineData("{\"queueLength\":3}", "openWindows")]
    [InlineData("{\"openWindows\":3}", "queueLength")]
    [InlineData("{\"level\":\"sleepy\"}", "level")]
    [InlineData("{\"queueLength\":-1,\"openWindows\":1}", "queueLength")]
    [InlineData("{\"queueLength\":1,\"openWindows\":0}", "openWindows")]
    [InlineData("{\"level\":\"idle\",\"clientReportId\":\"has space\"}", "clientReportId")]
    [InlineData("[1,2]", "body")]
    [InlineData("{\"level\":\"\\ud800\"}", "level")]
    [InlineData("{\"level\":\"idle\",\"clientReportId\":\"\\udc00\"}", "clientReportId")]
    [InlineData("{\"level\":", "body")]
    public async Task Bad_reports_are_refused_naming_the_field(string json, string field)
    {
        var token = await host.TokenForAsync(StatusFixture.C);
        var (response, body) = await host.ReportAsync(StatusFixture.C, token, json);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.GetRawText());
    }

    [Fact]
    public async Task Throughput_is_validated_per_item_and_idempotent_per_site_and_minute()
    {
        var now = host.Clock.GetUtcNow();
        var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(-1);
        var bad = await host.AdminAsync(HttpMethod.Post, "manage/throughput", new
        {
            counts = new object[]
            {
                new { siteId = StatusFixture.A, minute = minute.AddMinutes(5), samples = 3 },
                new { siteId = "0123456789abcdef", minute, samples = 3 },
                new { siteId = StatusFixture.A, minute = minute.AddSeconds(30), samples = 3 },
                new { siteId = StatusFixture.A, minute, samples = -2 },
                new { siteId = StatusFixture.A },
            },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.Response.StatusCode);
        var errors = bad.Body.GetProperty("errors");
        foreach (var field in new[] { "counts[0].minute", "counts[1].siteId", "counts[2].minute", "counts[3].samples", "counts[4].minute", "counts[4].samples" })
            Assert.True(errors.TryGetProperty(field, out _), $"{field} missing in {errors}");

        var noKey = await host.SendAsync(HttpMethod.Post, "manage/throughput", new { counts = new[] { new { siteId = StatusFixture.A, minute, samples = 1 } } });
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.Response.StatusCode);

        foreach (var samples in new[] { 5, 7, 7 })
        {
            var ok = await host.AdminAsync(HttpMethod.Post, "manage/throughput", new { counts = new[] { new { siteId = StatusFixture.D, minute, samples } } });
            Assert.Equal(HttpStatusCode.OK, ok.Response.StatusCode);
        }

        var stored = await Inputs.ReadThroughputAsync(minute, minute, CancellationToken.None);
        Assert.Equal(7, Assert.Single(stored, c => c.SiteId == StatusFixture.D).Samples);

        // The same minute twice in one batch (once with another offset) counts once, the later value winning.
        var twice = await host.AdminAsync(HttpMethod.Post, "manage/throughput", new
        {
            counts = new object[]
            {
                new { siteId = StatusFixture.D, minute, samples = 1 },
                new { siteId = StatusFixture.D, minute = minute.ToOffset(TimeSpan.FromHours(8)), samples = 9 },
            },
        });
        Assert.Equal(HttpStatusCode.OK, twice.Response.StatusCode);
        Assert.Equal(1, twice.Body.GetProperty("replacedInBatch").GetInt32());
        stored = await Inputs.ReadThroughputAsync(minute, minute, CancellationToken.None);
        Assert.Equal(9, Assert.Single(stored, c => c.SiteId == StatusFixture.D).Samples);
    }

    [Fact]
    public async Task A_minute_off_by_a_fraction_of_a_millisecond_is_refused_and_nothing_of_the_batch_is_written()
    {
        var now = host.Clock.GetUtcNow();
        var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(-3);
        var whole = minute.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var (response, body) = await host.AdminAsync(HttpMethod.Post, "manage/throughput", new
        {
            counts = new object[]
            {
                new { siteId = StatusFixture.B, minute = whole, samples = 4 },
                new { siteId = StatusFixture.B, minute = whole.Replace("Z", ".0001Z", StringComparison.Ordinal), samples = 5 },
                new { siteId = StatusFixture.C, minute = minute.AddMinutes(-1), samples = 6 },
            },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.GetProperty("errors").TryGetProperty("counts[1].minute", out _), body.GetRawText());
        var stored = await Inputs.ReadThroughputAsync(minute.AddMinutes(-1), minute, CancellationToken.None);
        Assert.DoesNotContain(stored, c => c.SiteId == StatusFixture.B || c.SiteId == StatusFixture.C);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("ABCDEF012345")]
    public async Task A_malformed_token_id_reaches_its_function_and_is_named(string tokenId)
    {
        var (response, body) = await host.AdminAsync(HttpMethod.Delete, $"manage/sites/{StatusFixture.A}/tokens/{tokenId}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.GetProperty("errors").TryGetProperty("tokenId", out _), body.GetRawText());
    }
}
