using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SiteFinder.Functions.Http;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Faults;

/// <summary>An instance whose read lane takes one request and queues none, so that a full lane is a state, not a race.</summary>
public sealed class OneReadLaneHost : LocalHostFixture
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["READ_CONCURRENCY"] = "1",
        ["READ_QUEUE"] = "0",
    };
}

/// <summary>
/// Staff reports are not starved by reads: reads and writes wait in lanes of their own
/// (<see cref="ServingLanes"/>), and liveness and readiness in none. The latencies under load are
/// in BENCHMARKS.md ("Reads at full rate and staff reports"); this checks the lanes themselves.
/// </summary>
public sealed class ServingLanesTests(OneReadLaneHost host) : IClassFixture<OneReadLaneHost>
{
    [Fact]
    public async Task With_the_read_lane_full_a_staff_report_and_the_health_routes_still_go_through_and_a_further_read_is_told_to_retry()
    {
        var lanes = host.App.Services.GetRequiredService<ServingLanes>();
        using var reading = await lanes.EnterAsync(Request("GET", "/api/sites/nearby"));
        Assert.NotNull(reading);

        using var report = await lanes.EnterAsync(Request("POST", "/api/sites/0123456789abcdef/status"));
        Assert.NotNull(report);
        using var operatorRead = await lanes.EnterAsync(Request("GET", "/api/manage/sites/0123456789abcdef"));
        Assert.NotNull(operatorRead);
        using var live = await lanes.EnterAsync(Request("GET", "/api/health"));
        Assert.NotNull(live);
        using var ready = await lanes.EnterAsync(Request("GET", "/api/health/ready"));
        Assert.NotNull(ready);

        var refused = Request("GET", "/api/sites");
        Assert.Null(await lanes.EnterAsync(refused));
        Assert.Equal(StatusCodes.Status429TooManyRequests, refused.Response.StatusCode);
        Assert.Equal("1", refused.Response.Headers.RetryAfter.ToString());
    }

    [Theory]
    [InlineData("GET", "/api/sites/nearby", ServingLane.Read)]
    [InlineData("HEAD", "/api/open/sites.geojson", ServingLane.Read)]
    [InlineData("POST", "/api/sites/0123456789abcdef/status", ServingLane.Write)]
    [InlineData("POST", "/api/sites/0123456789abcdef/corrections", ServingLane.Write)]
    [InlineData("GET", "/api/manage/stale", ServingLane.Write)]
    [InlineData("PATCH", "/api/manage/sites/0123456789abcdef", ServingLane.Write)]
    [InlineData("GET", "/api/health", ServingLane.None)]
    [InlineData("GET", "/api/health/ready", ServingLane.None)]
    [InlineData("GET", "/api/geocode?q=翠湖天地", ServingLane.Write)]
    [InlineData("GET", "/api/sites/nearby?address=翠湖天地", ServingLane.Write)]
    [InlineData("GET", "/api/sites/0123456789abcdef/busyness", ServingLane.Write)]
    [InlineData("GET", "/api/sites/nearby?lat=31.2&lng=121.4", ServingLane.Read)]
    public void Each_request_takes_the_lane_of_what_it_does(string method, string path, ServingLane lane) =>
        Assert.Equal(lane, ServingLanes.LaneOf(Request(method, path).Request));

    [Fact]
    public async Task Every_read_says_how_old_the_data_is_whichever_lane_it_takes_and_operator_requests_do_not()
    {
        // Loaded once, so that there is an age to tell (before the first load the headers are left out).
        Assert.Equal(System.Net.HttpStatusCode.OK, (await host.GetAsync("districts")).Response.StatusCode);
        var lanes = host.App.Services.GetRequiredService<ServingLanes>();

        var busyness = Request("GET", "/api/sites/0123456789abcdef/busyness");
        Assert.Equal(ServingLane.Write, ServingLanes.LaneOf(busyness.Request));
        using (await lanes.EnterAsync(busyness))
            Assert.True(busyness.Response.Headers.ContainsKey(ServingLanes.CatalogueAgeHeader));

        var edit = Request("GET", "/api/manage/sites/0123456789abcdef");
        using (await lanes.EnterAsync(edit))
            Assert.False(edit.Response.Headers.ContainsKey(ServingLanes.CatalogueAgeHeader));
    }

    private DefaultHttpContext Request(string method, string path)
    {
        var context = new DefaultHttpContext { RequestServices = host.App.Services };
        context.Request.Method = method;
        var query = path.IndexOf('?', StringComparison.Ordinal);
        context.Request.Path = query < 0 ? path : path[..query];
        if (query >= 0)
            context.Request.QueryString = new QueryString(path[query..]);
        context.Response.Body = new MemoryStream();
        return context;
    }
}
