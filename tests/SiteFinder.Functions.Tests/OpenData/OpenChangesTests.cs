using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SiteFinder.Functions.Sites;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.OpenData;

public sealed class OpenChangesFixture : StatusFixture;

/// <summary>The open change list: paged by a cursor of last change, edits as upserts, sites that left service as removals.</summary>
public sealed class OpenChangesTests(OpenChangesFixture host) : IClassFixture<OpenChangesFixture>
{
    [Fact]
    public async Task Changes_page_through_every_site_then_report_an_edit_and_a_removal_since_the_cursor()
    {
        host.Clock.Set(StatusFixture.Start.AddHours(5));
        var (first, page1) = await host.GetAsync("open/changes?limit=3");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(3, page1.GetProperty("items").GetArrayLength());
        var (_, page2) = await host.GetAsync("open/changes?limit=3&since=" + page1.GetProperty("cursor").GetString());
        Assert.Equal(JsonValueKind.Null, page2.GetProperty("cursor").ValueKind);
        var all = page1.GetProperty("items").EnumerateArray().Concat(page2.GetProperty("items").EnumerateArray()).ToArray();
        Assert.Equal(
            new[] { StatusFixture.A, StatusFixture.B, StatusFixture.C, StatusFixture.D }.Order(StringComparer.Ordinal),
            all.Select(i => i.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(all, i => Assert.Equal("upsert", i.GetProperty("change").GetString()));
        Assert.All(all, i => Assert.Equal("Feature", i.GetProperty("feature").GetProperty("type").GetString()));
        Assert.All(all, i => Assert.False(i.GetProperty("feature").GetProperty("properties").TryGetProperty("status", out _)));
        var since = page2.GetProperty("since").GetString()!;

        // Nothing changed: nothing to read, and the same place to start from.
        var (_, none) = await host.GetAsync("open/changes?since=" + since);
        Assert.Equal(0, none.GetProperty("items").GetArrayLength());
        Assert.Equal(since, none.GetProperty("since").GetString());

        // An operator renames b and closes d; once republished, both come after the cursor, d as removed.
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await EditAsync(StatusFixture.B, new { name = "乙采样点（新址）" });
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await EditAsync(StatusFixture.D, new { state = "closed" });
        var changes = await EventuallyAsync(async () => (await host.GetAsync("open/changes?since=" + since)).Body, b => b.GetProperty("items").GetArrayLength() == 2);
        var items = changes.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(StatusFixture.B, items[0].GetProperty("id").GetString());
        Assert.Equal("upsert", items[0].GetProperty("change").GetString());
        Assert.Equal("乙采样点（新址）", items[0].GetProperty("feature").GetProperty("properties").GetProperty("name").GetString());
        Assert.Equal(StatusFixture.D, items[1].GetProperty("id").GetString());
        Assert.Equal("removed", items[1].GetProperty("change").GetString());
        Assert.False(items[1].TryGetProperty("feature", out _));

        // The closed site has left the feed; an instant works as a cursor too.
        using var feed = await host.Client.GetAsync(new Uri("open/sites.geojson", UriKind.Relative));
        Assert.DoesNotContain(JsonDocument.Parse(await feed.Content.ReadAsStringAsync()).RootElement.GetProperty("features").EnumerateArray(), f => f.GetProperty("id").GetString() == StatusFixture.D);
        var instant = StatusFixture.Start.AddHours(5).AddMinutes(2).ToString("O", CultureInfo.InvariantCulture);
        var (_, fromInstant) = await host.GetAsync("open/changes?since=" + Uri.EscapeDataString(instant));
        Assert.Equal(StatusFixture.D, Assert.Single(fromInstant.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("since=yesterday", "since")]
    [InlineData("since=Y2hnOjEyOg", "since")]
    [InlineData("limit=0", "limit")]
    public async Task A_bad_cursor_or_limit_is_refused_naming_it(string query, string field)
    {
        var (response, body) = await host.GetAsync("open/changes?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _));
    }

    /// <summary>
    /// Reads the site's version and patches it, as an operator's client does, again on a 412: on a loaded
    /// machine a patch with the version just read sometimes answers 412 (SiteEditTests do too, also before
    /// the open data changes; not yet explained, possibly a write that timed out after succeeding and was
    /// retried by the SDK). This test is about what the change list shows, not about edits.
    /// </summary>
    private async Task EditAsync(string id, object patch)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (read, _) = await host.AdminAsync(HttpMethod.Get, $"manage/sites/{id}");
            using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri($"manage/sites/{id}", UriKind.Relative));
            request.Content = new StringContent(JsonSerializer.Serialize(patch), System.Text.Encoding.UTF8, "application/merge-patch+json");
            request.Headers.Add("x-admin-key", LocalHostFixture.AdminKey);
            request.Headers.Add("x-functions-key", LocalHostFixture.FunctionKey);
            request.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.ToString());
            using var response = await host.Client.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.PreconditionFailed && attempt < 3)
                continue;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return;
        }
    }

    private async Task<JsonElement> EventuallyAsync(Func<Task<JsonElement>> read, Func<JsonElement, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            await host.App.Services.GetRequiredService<CatalogueProvider>().RefreshAsync(CancellationToken.None);
            var value = await read();
            if (done(value))
                return value;
            Assert.True(DateTime.UtcNow < until, $"not seen within 10 s: {value}");
            await Task.Delay(200);
        }
    }
}
