using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SiteFinder.Domain.Geo;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.OpenData;

public sealed class OpenDataFixture : StatusFixture;

/// <summary>The open data feed and change list, as a map app reads them over HTTP.</summary>
public sealed class OpenDataApiTests(OpenDataFixture host) : IClassFixture<OpenDataFixture>
{
    private async Task<HttpResponseMessage> FeedAsync(string? ifNoneMatch = null, string? acceptEncoding = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("open/sites.geojson", UriKind.Relative));
        if (ifNoneMatch is not null)
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        if (acceptEncoding is not null)
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        return await host.Client.SendAsync(request);
    }

    private static JsonElement Feature(JsonElement feed, string id) =>
        feed.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("id").GetString() == id);

    [Fact]
    public async Task The_feed_is_geojson_in_wgs84_with_the_gcj02_point_hours_status_and_its_terms()
    {
        // Thursday 10:00 in Shanghai: c (8:00-11:00) is open; staff report c just before.
        host.Clock.Set(StatusFixture.Start);
        var token = await host.TokenForAsync(StatusFixture.C);
        await host.ReportAsync(StatusFixture.C, token, new { queueLength = 12, openWindows = 1 });
        host.Clock.Advance(TimeSpan.FromSeconds(30));
        await host.AggregateAsync();

        using var response = await FeedAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl!.Public);
        Assert.Equal(TimeSpan.FromSeconds(60), response.Headers.CacheControl.MaxAge);
        Assert.True(response.Headers.ETag!.IsWeak);
        var feed = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("FeatureCollection", feed.GetProperty("type").GetString());
        Assert.Equal("CC-BY-4.0", feed.GetProperty("license").GetProperty("name").GetString());
        Assert.Contains(feed.GetProperty("usage").EnumerateArray(), u => u.GetString()!.Contains("is no status", StringComparison.Ordinal));
        Assert.Equal(30, feed.GetProperty("statusTtlMinutes").GetInt32());
        Assert.Equal(4, feed.GetProperty("features").GetArrayLength());

        // RFC 7946: [longitude, latitude] in WGS-84, as the list gave it; the GCJ-02 point beside it, labelled.
        var a = Feature(feed, StatusFixture.A);
        Assert.Equal("Feature", a.GetProperty("type").GetString());
        Assert.Equal("Point", a.GetProperty("geometry").GetProperty("type").GetString());
        var coordinates = a.GetProperty("geometry").GetProperty("coordinates");
        Assert.Equal(121.4737, coordinates[0].GetDouble(), 6);
        Assert.Equal(31.2304, coordinates[1].GetDouble(), 6);
        var gcj02 = a.GetProperty("properties").GetProperty("gcj02");
        Assert.Equal("gcj02", gcj02.GetProperty("coord").GetString());
        var expected = ChinaCoordinates.Convert(new GeoPoint(31.2304, 121.4737), CoordinateSystem.Wgs84, CoordinateSystem.Gcj02);
        Assert.Equal(expected.Lat, gcj02.GetProperty("lat").GetDouble(), 6);
        Assert.Equal(expected.Lng, gcj02.GetProperty("lng").GetDouble(), 6);

        // Hours as text and the parsed week; the status with its times and source, and when it expires.
        var c = Feature(feed, StatusFixture.C).GetProperty("properties");
        Assert.Equal("周一至周日 8:00-11:00", c.GetProperty("hours").GetProperty("text").GetString());
        Assert.Equal(7, c.GetProperty("hours").GetProperty("weekly").GetArrayLength());
        Assert.Equal("08:00", c.GetProperty("hours").GetProperty("weekly")[0].GetProperty("open").GetString());
        Assert.Equal("open", c.GetProperty("state").GetString());
        Assert.Equal("public", c.GetProperty("audience").GetProperty("kind").GetString());
        var status = c.GetProperty("status");
        Assert.Equal("normal", status.GetProperty("level").GetString());
        Assert.Equal("staff", status.GetProperty("source").GetString());
        var reported = status.GetProperty("updatedAt").GetDateTimeOffset();
        Assert.Equal(reported.AddMinutes(30), c.GetProperty("statusExpiresAt").GetDateTimeOffset());
        Assert.Equal(StatusFixture.Start, c.GetProperty("updatedAt").GetDateTimeOffset());
        var b = Feature(feed, StatusFixture.B).GetProperty("properties");
        Assert.Equal("noData", b.GetProperty("status").GetProperty("level").GetString());
        Assert.False(b.TryGetProperty("statusExpiresAt", out _));
    }

    [Fact]
    public async Task The_feed_answers_304_for_its_etag_until_the_statuses_change_and_is_built_once_a_minute()
    {
        host.Clock.Set(StatusFixture.Start.AddHours(3));
        using var first = await FeedAsync();
        var etag = first.Headers.ETag!.ToString();

        using var same = await FeedAsync(etag);
        Assert.Equal(HttpStatusCode.NotModified, same.StatusCode);
        Assert.Equal(etag, same.Headers.ETag!.ToString());
        Assert.Empty(await same.Content.ReadAsByteArrayAsync());
        using var any = await FeedAsync("\"other\", *");
        Assert.Equal(HttpStatusCode.NotModified, any.StatusCode);

        // Within the minute and the same versions, the very same bytes are served (built once, not per request).
        var feeds = host.App.Services.GetRequiredService<Functions.OpenData.SiteFeed>();
        var built = await feeds.GetAsync(CancellationToken.None);
        host.Clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Same(built, await feeds.GetAsync(CancellationToken.None));

        // A new aggregation publishes a new board: a new ETag, and the old one gets the whole feed.
        var token = await host.TokenForAsync(StatusFixture.A);
        await host.ReportAsync(StatusFixture.A, token, new { queueLength = 40, openWindows = 1 });
        await host.AggregateAsync();
        using var changed = await FeedAsync(etag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag!.ToString());

        // The next minute is a new feed: a status may have passed its TTL with no new board.
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.NotSame(built, await feeds.GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_feed_is_sent_brotli_or_gzip_encoded_when_asked_and_decodes_to_the_same_bytes()
    {
        using var plain = await FeedAsync();
        var raw = await plain.Content.ReadAsByteArrayAsync();
        Assert.Empty(plain.Content.Headers.ContentEncoding);

        foreach (var (asked, encoding) in new[] { ("br, gzip", "br"), ("gzip", "gzip"), ("gzip;q=0, br;q=0", null) })
        {
            using var response = await FeedAsync(acceptEncoding: asked);
            Assert.Equal(encoding is null ? [] : new[] { encoding }, response.Content.Headers.ContentEncoding);
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(raw, Compression.Decode(body, encoding));
            if (encoding is not null)
                Assert.True(body.Length < raw.Length, $"{encoding}: {body.Length} of {raw.Length} bytes");
        }
    }
}
