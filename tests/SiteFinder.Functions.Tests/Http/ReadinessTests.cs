using System.Net;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Http;

public sealed class ReadinessTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    [Fact]
    public async Task A_healthy_instance_is_ready_and_says_which_snapshots_it_serves_and_how_old_they_are()
    {
        var (imported, _) = await host.ImportCsvAsync("source_id,name,address,district,lng,lat,coord_system,hours,type,notes\nrd:1,甲采样点,人民大道1号,黄浦区,121.4737,31.2304,WGS-84,24小时,,\n");
        imported.EnsureSuccessStatusCode();

        var (response, body) = await host.GetAsync("health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ready", body.GetProperty("status").GetString());
        var storage = body.GetProperty("storage");
        Assert.True(storage.GetProperty("reached").GetBoolean());
        Assert.True(storage.TryGetProperty("lastSuccessAt", out _));
        Assert.False(storage.TryGetProperty("lastError", out _));
        Assert.Equal(3, storage.GetProperty("reachedWithinSeconds").GetInt32());

        var catalogue = body.GetProperty("snapshots").GetProperty("catalogue");
        Assert.True(catalogue.GetProperty("loaded").GetBoolean());
        Assert.Equal(1, catalogue.GetProperty("version").GetInt64());
        Assert.Equal(1, catalogue.GetProperty("items").GetInt32());
        Assert.InRange(catalogue.GetProperty("ageSeconds").GetInt64(), 0, 60);
        Assert.True(catalogue.GetProperty("loadedAt").GetDateTimeOffset() >= catalogue.GetProperty("publishedAt").GetDateTimeOffset());

        // Nothing aggregated yet: loaded (storage read, nothing published), no version.
        var status = body.GetProperty("snapshots").GetProperty("status");
        Assert.True(status.GetProperty("loaded").GetBoolean());
        Assert.Equal(0, status.GetProperty("version").GetInt64());
        Assert.False(status.TryGetProperty("ageSeconds", out _));
    }
}
