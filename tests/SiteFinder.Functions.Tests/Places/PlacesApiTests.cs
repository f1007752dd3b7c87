using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SiteFinder.Functions.Tests.Geocoding;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Places;

/// <summary>The local host with Azure Maps pointed at the wire-format stub (key auth, as in local development).</summary>
public sealed class PlacesFixture : LocalHostFixture
{
    public AzureMapsStub Maps { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["AzureMaps:endpoint"] = Maps.Endpoint.ToString(),
        ["AzureMaps:subscriptionKey"] = Maps.SubscriptionKey,
        ["AzureMaps:Resilience:AttemptTimeout"] = "00:00:00.5",
        ["AzureMaps:Resilience:TotalTimeout"] = "00:00:02",
        ["AzureMaps:Resilience:MaxRetries"] = "1",
        ["AzureMaps:Resilience:RetryDelay"] = "00:00:00.05",
    };

    public override async Task InitializeAsync()
    {
        Maps = await AzureMapsStub.StartAsync();
        Maps.SubscriptionKey = "local-maps-key";
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Maps.DisposeAsync();
    }
}

/// <summary>GET /api/geocode and nearby?address=: catalogue, gazetteer, then Azure Maps, each labelled; Maps failing degrades, never fails.</summary>
public sealed class PlacesApiTests(PlacesFixture host) : IClassFixture<PlacesFixture>, IAsyncLifetime
{
    private const string Gazetteer = """
        name,district,lng,lat,coord,kind,source_id
        翠湖天地,黄浦区,121.4745,31.2165,GCJ-02,小区,p:1
        利津路1313弄,浦东新区,121.592683,31.281026,GCJ-02,,p:3
        """;

    private const string Sites = "source_id,name,address,district,lng,lat,coord_system,hours,type,notes\n" +
        "pl:1,新天地常态化采样点,马当路1号,黄浦区,121.4760,31.2180,WGS-84,24小时,固定,\n" +
        "pl:2,淮海中路便民采样点,淮海中路100号,黄浦区,121.4700,31.2200,WGS-84,24小时,便民,\n";

    public async Task InitializeAsync()
    {
        Assert.Equal(HttpStatusCode.OK, (await host.ImportCsvAsync(Sites)).Response.StatusCode);
        using var upload = new HttpRequestMessage(HttpMethod.Post, new Uri("manage/gazetteer", UriKind.Relative));
        upload.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Gazetteer));
        upload.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("text/csv; charset=utf-8");
        upload.Headers.Add("x-functions-key", LocalHostFixture.FunctionKey);
        upload.Headers.Add("x-admin-key", LocalHostFixture.AdminKey);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(upload)).StatusCode);
        host.Maps.Fault = null;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_compound_in_the_gazetteer_is_found_without_asking_azure_maps_in_the_system_asked()
    {
        var before = host.Maps.Count;
        var (response, body) = await host.GetAsync("geocode?q=%E7%BF%A0%E6%B9%96%E5%A4%A9%E5%9C%B0%E5%B0%8F%E5%8C%BA&coord=gcj02"); // 翠湖天地小区

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var best = body.GetProperty("items")[0];
        Assert.Equal("翠湖天地", best.GetProperty("label").GetString());
        Assert.Equal("gazetteer", best.GetProperty("source").GetString());
        Assert.Equal("gcj02", best.GetProperty("location").GetProperty("coord").GetString());
        Assert.Equal(31.2165, best.GetProperty("location").GetProperty("lat").GetDouble(), 5);
        Assert.Equal(before, host.Maps.Count);
        Assert.False(body.TryGetProperty("degraded", out _));
    }

    [Fact]
    public async Task A_site_name_is_found_in_the_catalogue_with_its_id()
    {
        var (_, body) = await host.GetAsync("geocode?q=%E6%96%B0%E5%A4%A9%E5%9C%B0%E5%B8%B8%E6%80%81%E5%8C%96%E9%87%87%E6%A0%B7%E7%82%B9"); // 新天地常态化采样点
        var best = body.GetProperty("items")[0];
        Assert.Equal("catalogue", best.GetProperty("source").GetString());
        Assert.Equal(SiteFinder.Domain.Sites.SiteIds.FromSourceId("pl:1"), best.GetProperty("siteId").GetString());
    }

    [Fact]
    public async Task What_no_local_source_knows_is_asked_of_azure_maps_and_labelled_so()
    {
        host.Maps.Places["上海博物馆"] = new StubPlace(121.4755, 31.2280, "上海市黄浦区人民大道201号上海博物馆");
        var (response, body) = await host.GetAsync("geocode?q=%E4%B8%8A%E6%B5%B7%E5%8D%9A%E7%89%A9%E9%A6%86"); // 上海博物馆

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var best = body.GetProperty("items")[0];
        Assert.Equal("azure-maps", best.GetProperty("source").GetString());
        Assert.Equal(31.228, best.GetProperty("location").GetProperty("lat").GetDouble(), 3);
        Assert.Contains(host.Maps.Requests, r => r.Headers.GetValueOrDefault("subscription-key") == "local-maps-key");
    }

    [Fact]
    public async Task With_azure_maps_failing_the_answer_comes_from_the_local_sources_marked_degraded()
    {
        host.Maps.Fault = (_, _) => AzureMapsStub.Error(500, "InternalServerError", "boom");
        try
        {
            var (response, body) = await host.GetAsync("geocode?q=%E6%B7%AE%E6%B5%B7%E4%B8%AD%E8%B7%AF"); // 淮海中路: a prefix, not sure enough to skip Maps
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(body.GetProperty("degraded").GetBoolean());
            Assert.False(string.IsNullOrEmpty(body.GetProperty("reason").GetString()));
            Assert.Contains(body.GetProperty("items").EnumerateArray(), i => i.GetProperty("source").GetString() == "catalogue");

            var (missing, problem) = await host.GetAsync("sites/nearby?address=%E7%81%AB%E6%98%9F%E5%9F%BA%E5%9C%B0"); // 火星基地
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.True(problem.GetProperty("degraded").GetBoolean());
            Assert.True(problem.GetProperty("errors").TryGetProperty("address", out _));
        }
        finally
        {
            host.Maps.Fault = null;
        }
    }

    [Fact]
    public async Task Nearby_from_an_address_answers_as_from_its_point_and_says_which_place_it_was()
    {
        var (response, body) = await host.GetAsync("sites/nearby?address=%E7%BF%A0%E6%B9%96%E5%A4%A9%E5%9C%B0&coord=gcj02&limit=2");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var near = body.GetProperty("near");
        Assert.Equal("翠湖天地", near.GetProperty("label").GetString());
        Assert.Equal("gazetteer", near.GetProperty("source").GetString());

        var point = near.GetProperty("location");
        var (_, byPoint) = await host.GetAsync(FormattableString.Invariant($"sites/nearby?lat={point.GetProperty("lat").GetDouble()}&lng={point.GetProperty("lng").GetDouble()}&coord=gcj02&limit=2"));
        Assert.Equal(
            byPoint.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()),
            body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.Equal(2, body.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("sites/nearby?address=%E7%BF%A0%E6%B9%96&lat=31.2&lng=121.4", "address")]
    [InlineData("sites/nearby", "lat")]
    [InlineData("geocode", "q")]
    [InlineData("geocode?q=x&limit=0", "limit")]
    public async Task Bad_place_queries_name_the_field(string url, string field)
    {
        var (response, problem) = await host.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Place_queries_are_limited_per_client_address()
    {
        var headers = new Dictionary<string, string> { ["X-Forwarded-For"] = "203.0.113.200" };
        for (var i = 0; i < Functions.Places.PlaceLimits.PerClientPerMinute; i++)
            Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(HttpMethod.Get, "geocode?q=%E7%BF%A0%E6%B9%96%E5%A4%A9%E5%9C%B0", headers: headers)).Response.StatusCode);

        var (limited, _) = await host.SendAsync(HttpMethod.Get, "geocode?q=%E7%BF%A0%E6%B9%96%E5%A4%A9%E5%9C%B0", headers: headers);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.Contains("Retry-After"));
        var (otherClient, _) = await host.SendAsync(HttpMethod.Get, "geocode?q=%E7%BF%A0%E6%B9%96%E5%A4%A9%E5%9C%B0", headers: new Dictionary<string, string> { ["X-Forwarded-For"] = "203.0.113.201" });
        Assert.Equal(HttpStatusCode.OK, otherClient.StatusCode);
    }
}
