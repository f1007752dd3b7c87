using System.Net;
using System.Text.Json;
using SiteFinder.Functions.Tests.Infrastructure;
using SiteFinder.LocalHost;

namespace SiteFinder.Functions.Tests.Http;

/// <summary>The local host answers as the Azure Functions host would: its routing, its 404s, its function keys.</summary>
public sealed class HostRulesTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    [Fact]
    public async Task Function_level_routes_need_the_function_key_in_the_header_or_the_code_parameter()
    {
        var adminOnly = new Dictionary<string, string> { ["x-admin-key"] = LocalHostFixture.AdminKey };
        var noKey = await host.SendAsync(HttpMethod.Get, "manage/stale", headers: adminOnly);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.Response.StatusCode);

        // The Functions host's own 401 is empty; the local host answers the same refusal as a problem (README).
        Assert.Equal("application/problem+json", noKey.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("unauthorized", noKey.Body.GetProperty("code").GetString());

        var wrongKey = await host.SendAsync(HttpMethod.Get, "manage/stale", headers: new Dictionary<string, string>(adminOnly) { [FunctionKeys.Header] = "not-the-key" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.Response.StatusCode);

        var byQuery = await host.SendAsync(HttpMethod.Get, "manage/stale?code=" + LocalHostFixture.FunctionKey, headers: adminOnly);
        Assert.Equal(HttpStatusCode.OK, byQuery.Response.StatusCode);

        var byHeader = await host.AdminAsync(HttpMethod.Get, "manage/stale");
        Assert.Equal(HttpStatusCode.OK, byHeader.Response.StatusCode);
        Assert.Equal(JsonValueKind.Array, byHeader.Body.GetProperty("items").ValueKind);

        // With the function key the request reaches the app, which still wants its own operator key.
        var functionKeyOnly = await host.SendAsync(HttpMethod.Get, "manage/stale", headers: new Dictionary<string, string> { [FunctionKeys.Header] = LocalHostFixture.FunctionKey });
        Assert.Equal(HttpStatusCode.Unauthorized, functionKeyOnly.Response.StatusCode);
        Assert.Equal("application/problem+json", functionKeyOnly.Response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Anonymous_routes_need_no_key()
    {
        var (response, _) = await host.GetAsync("health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Nearby_is_not_taken_by_the_site_route_and_an_id_of_the_wrong_length_matches_no_route()
    {
        var (nearby, body) = await host.GetAsync("sites/nearby?lat=31.23&lng=121.47");
        Assert.Equal(HttpStatusCode.OK, nearby.StatusCode);
        Assert.Equal(JsonValueKind.Array, body.GetProperty("items").ValueKind);

        var (shortId, problem) = await host.GetAsync("sites/abc");
        Assert.Equal(HttpStatusCode.NotFound, shortId.StatusCode);
        Assert.Equal("no-endpoint", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_method_the_function_does_not_take_reaches_the_unmatched_route_function_which_names_the_methods_that_do()
    {
        // No route takes POST there, so the host's route order hands it to ZzzUnmatchedRoute, in Azure as here.
        var (response, body) = await host.SendAsync(HttpMethod.Post, "sites/nearby?lat=31.23&lng=121.47");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("method-not-allowed", body.GetProperty("code").GetString());
        Assert.Equal(["GET"], response.Content.Headers.Allow);
    }

}

/// <summary>A host that does not check function keys: the default of a local run, as with Core Tools.</summary>
public sealed class KeysNotEnforcedFixture : LocalHostFixture
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { [LocalFunctionsHost.FunctionKeySetting] = string.Empty };
}

public sealed class KeysNotEnforcedTests(KeysNotEnforcedFixture host) : IClassFixture<KeysNotEnforcedFixture>
{
    [Fact]
    public async Task Without_a_local_function_key_the_operator_key_alone_is_enough()
    {
        var (response, _) = await host.SendAsync(HttpMethod.Get, "manage/stale", headers: new Dictionary<string, string> { ["x-admin-key"] = LocalHostFixture.AdminKey });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
