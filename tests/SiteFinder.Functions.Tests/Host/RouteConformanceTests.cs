using SiteFinder.Functions.Http;
using SiteFinder.LocalHost;

namespace SiteFinder.Functions.Tests.Host;

/// <summary>
/// The Azure Functions host's HTTP rules over the build's functions.metadata: every route outside the
/// host's reserved space, and every function reached by a request built from its own route under the
/// host's name-ordered, first-match routing. The second half shows the check failing where Azure would.
/// </summary>
public class RouteConformanceTests
{
    private static readonly string BuildMetadata = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
    private static readonly string BadMetadata = Path.Combine(AppContext.BaseDirectory, "Host", "Metadata", "bad.functions.metadata");

    [Fact]
    public async Task Every_http_function_of_the_build_is_accepted_and_reached_by_its_own_route_and_methods()
    {
        var functions = FunctionDefinition.Load(BuildMetadata);
        var problems = await RouteConformance.CheckAsync(functions, "api");

        Assert.Empty(problems);
        Assert.True(functions.Count(f => f.IsHttp) >= 13, "the check must have had the app's HTTP functions to look at");
    }

    [Fact]
    public async Task The_check_catches_reserved_routes_conflicts_and_a_literal_route_shadowed_by_a_parameter()
    {
        var problems = await RouteConformance.CheckAsync(FunctionDefinition.Load(BadMetadata), "api");

        var byFunction = problems.ToLookup(p => p[..p.IndexOfAny([' ', ':'])]);
        Assert.Equal(["AdminThing", "Administration", "MatchWidget", "NearbyThings", "ReplaceWidgetPart", "RuntimeHook"], byFunction.Select(g => g.Key).Order(StringComparer.Ordinal));
        foreach (var reserved in new[] { "AdminThing", "Administration", "RuntimeHook" })
            Assert.EndsWith(HostRouteRules.ReservedRouteMessage, Assert.Single(byFunction[reserved]), StringComparison.Ordinal);
        Assert.Contains("GET /api/things/nearby reaches GetThing", Assert.Single(byFunction["NearbyThings"]), StringComparison.Ordinal);
        Assert.Contains("conflicts with the route defined by function 'AddWidgetPart'", Assert.Single(byFunction["ReplaceWidgetPart"]), StringComparison.Ordinal);
        Assert.Contains("regex", Assert.Single(byFunction["MatchWidget"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/api/wp-login.php")]
    [InlineData("GET", "/api/sites/abc")]
    [InlineData("DELETE", "/api/sites/nearby")]
    [InlineData("GET", "/api/manage/sites/import")]
    [InlineData("TRACE", "/api/health")]
    [InlineData("GET", "/api/")]
    public async Task A_path_or_method_no_operation_takes_reaches_the_unmatched_route_function_in_the_hosts_order(string method, string path)
    {
        // Under the Functions host's routing, not the local host's own refusals: so Azure answers these with its problem too.
        var router = new FunctionRouter(FunctionDefinition.Load(BuildMetadata), "api", RouteConformance.ConstraintResolver, (_, _) => Task.CompletedTask);

        Assert.Equal(UnmatchedRouteApi.Name, await router.FunctionForAsync(RouteConformance.Request(method, path)));
    }

    [Fact]
    public void The_unmatched_route_function_sorts_after_every_other_function_as_the_host_orders_names()
    {
        var names = FunctionDefinition.Load(BuildMetadata).Where(f => f.IsHttp).Select(f => f.Name).Order(StringComparer.OrdinalIgnoreCase).ToList();

        Assert.Equal(UnmatchedRouteApi.Name, names[^1]);
        Assert.True(names.Count > 20);
    }

    [Theory]
    [InlineData("sites/{id}", "GetSite")]
    [InlineData("sites/{id:length(16)}", "NearbySites")]
    public async Task The_host_router_takes_routes_in_name_order_without_literal_precedence(string getSiteRoute, string expected)
    {
        FunctionDefinition[] functions =
        [
            new("NearbySites", "x.Nearby", "x.dll", "httpTrigger", "sites/nearby", ["GET"], "Anonymous", null, false),
            new("GetSite", "x.Get", "x.dll", "httpTrigger", getSiteRoute, ["GET"], "Anonymous", null, false),
        ];
        var router = new FunctionRouter(functions, "api", RouteConformance.ConstraintResolver, (_, _) => Task.CompletedTask);

        Assert.Equal(expected, await router.FunctionForAsync(RouteConformance.Request("GET", "/api/sites/nearby")));
    }

    [Fact]
    public void The_local_host_does_not_start_with_a_route_the_functions_host_would_put_in_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => LocalFunctionsHost.Build([], new Dictionary<string, string?>
        {
            ["LocalSettings"] = string.Empty,
            [LocalFunctionsHost.FunctionsMetadataSetting] = BadMetadata,
            ["Tables:connectionString"] = "UseDevelopmentStorage=true",
        }));

        Assert.Contains("AdminThing (route 'admin/x'): " + HostRouteRules.ReservedRouteMessage, error.Message, StringComparison.Ordinal);
        Assert.Contains("NearbyThings", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sites/{id:length(16)}/status", "sites/0000000000000000/status")]
    [InlineData("manage/sites/{id:length(16)}/tokens/{tokenId:maxlength(12)}", "manage/sites/0000000000000000/tokens/0")]
    [InlineData("things/{id}", "things/x")]
    [InlineData("things/{n:int}.{ext:alpha}", "things/1.a")]
    public void Sample_paths_satisfy_their_templates(string template, string expected)
    {
        Assert.Equal(expected, RouteConformance.SamplePath(template, out var unsupported));
        Assert.Null(unsupported);
    }
}
