using System.Net;
using SiteFinder.Functions.Configuration;
using SiteFinder.Functions.Http;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Hostile;

/// <summary>
/// Per-client limits (<see cref="ClientLimits"/>): wrong keys and tokens from one address are throttled, the
/// right key too, while other addresses go on; anonymous reads have a generous limit per address.
/// Addresses are told apart as in Azure, by X-Forwarded-For (<see cref="ClientAddress"/>).
/// </summary>
public sealed class ClientLimitTests(StatusFixture host) : IClassFixture<StatusFixture>
{
    private static Dictionary<string, string> From(string address, string adminKey) => new()
    {
        ["X-Forwarded-For"] = address,
        ["x-functions-key"] = LocalHostFixture.FunctionKey,
        ["x-admin-key"] = adminKey,
    };

    [Fact]
    public async Task Six_hundred_wrong_admin_keys_from_one_address_meet_429s_and_the_right_key_from_another_address_still_works()
    {
        const string guesser = "203.0.113.66";
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 600; i++)
        {
            var (response, _) = await host.SendAsync(HttpMethod.Get, "manage/stale", headers: From(guesser, $"wrong-admin-key-{i:D4}"));
            statuses.Add(response.StatusCode);
        }

        // The first failures are answered 401; then every guess is refused before it is compared.
        Assert.All(statuses.Take(ClientLimitSettings.DefaultFailedAuthPerMinute), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.All(statuses.Skip(ClientLimitSettings.DefaultFailedAuthPerMinute), s => Assert.Equal((HttpStatusCode)429, s));

        var (locked, problem) = await host.SendAsync(HttpMethod.Get, "manage/stale", headers: From(guesser, LocalHostFixture.AdminKey));
        Assert.Equal((HttpStatusCode)429, locked.StatusCode);
        Assert.Equal("too-many-requests", problem.GetProperty("code").GetString());
        var retryAfter = int.Parse(locked.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);

        var (other, _) = await host.SendAsync(HttpMethod.Get, "manage/stale", headers: From("198.51.100.7", LocalHostFixture.AdminKey));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Wrong_operator_keys_and_staff_tokens_count_as_failures_too()
    {
        const string guesser = "203.0.113.67";
        for (var i = 0; i < ClientLimitSettings.DefaultFailedAuthPerMinute / 2; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await host.SendAsync(HttpMethod.Get, "manage/stale", headers: From(guesser, $"0123456789ab.wrong-operator-secret-{i}"))).Response.StatusCode);
        var token = await host.TokenForAsync(StatusFixture.B);
        for (var i = 0; i < ClientLimitSettings.DefaultFailedAuthPerMinute / 2; i++)
        {
            var wrong = await host.SendAsync(HttpMethod.Post, $"sites/{StatusFixture.B}/status", new { level = "busy" }, new Dictionary<string, string> { ["X-Forwarded-For"] = guesser, ["x-staff-token"] = $"wrong-staff-token-{i:D4}" });
            Assert.Equal(HttpStatusCode.Forbidden, wrong.Response.StatusCode);
        }

        var right = await host.SendAsync(HttpMethod.Post, $"sites/{StatusFixture.B}/status", new { level = "busy" }, new Dictionary<string, string> { ["X-Forwarded-For"] = guesser, ["x-staff-token"] = token });
        Assert.Equal((HttpStatusCode)429, right.Response.StatusCode);
        Assert.True(right.Response.Headers.Contains("Retry-After"));

        var elsewhere = await host.SendAsync(HttpMethod.Post, $"sites/{StatusFixture.B}/status", new { level = "busy" }, new Dictionary<string, string> { ["X-Forwarded-For"] = "198.51.100.8", ["x-staff-token"] = token });
        Assert.Equal(HttpStatusCode.Created, elsewhere.Response.StatusCode);
    }

    [Fact]
    public async Task A_missing_key_is_not_a_failed_guess()
    {
        const string forgetful = "203.0.113.68";
        for (var i = 0; i < ClientLimitSettings.DefaultFailedAuthPerMinute * 2; i++)
        {
            var (response, _) = await host.SendAsync(HttpMethod.Get, "manage/stale", headers: new Dictionary<string, string> { ["X-Forwarded-For"] = forgetful, ["x-functions-key"] = LocalHostFixture.FunctionKey });
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(HttpMethod.Get, "manage/stale", headers: From(forgetful, LocalHostFixture.AdminKey))).Response.StatusCode);
    }

    [Fact]
    public void Every_operator_endpoint_is_under_manage_or_planning_and_every_anonymous_one_outside_them()
    {
        // ClientLimits tells anonymous reads by their path: this keeps that rule true of the routes. The planners'
        // reads (planning/...) need an operator key but are answered from memory like a resident's, so they are
        // counted and queued as reads: the one family of operator routes outside manage/.
        foreach (var function in OpenApiContract.HttpFunctions())
        {
            var underManage = function.Route.StartsWith("manage/", StringComparison.Ordinal) || function.Route.StartsWith("planning/", StringComparison.Ordinal);
            Assert.True(underManage == (function.AuthLevel != Microsoft.Azure.Functions.Worker.AuthorizationLevel.Anonymous), $"{function.Name} ({function.Route}, {function.AuthLevel})");
        }
    }
}

/// <summary>A host whose anonymous read limit is five a minute, to see it reached.</summary>
public sealed class FewReadsHost : LocalHostFixture
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["ANONYMOUS_READS_PER_MINUTE"] = "5" };
}

public sealed class AnonymousReadLimitTests(FewReadsHost host) : IClassFixture<FewReadsHost>
{
    private Task<(HttpResponseMessage Response, System.Text.Json.JsonElement Body)> ReadAsync(string path, string address) =>
        host.SendAsync(HttpMethod.Get, path, headers: new Dictionary<string, string> { ["X-Forwarded-For"] = address });

    [Fact]
    public async Task Reads_over_the_limit_from_one_address_are_429_problems_with_retry_after_and_other_addresses_go_on()
    {
        for (var i = 0; i < 5; i++)
            Assert.NotEqual((HttpStatusCode)429, (await ReadAsync("districts", "203.0.113.90")).Response.StatusCode);

        var (refused, problem) = await ReadAsync("sites/nearby?lat=31.2&lng=121.4", "203.0.113.90");
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.Equal("too-many-requests", problem.GetProperty("code").GetString());
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);

        Assert.NotEqual((HttpStatusCode)429, (await ReadAsync("districts", "203.0.113.91")).Response.StatusCode);

        // The health probe and the operators' reads are not anonymous reads.
        Assert.Equal(HttpStatusCode.OK, (await ReadAsync("health", "203.0.113.90")).Response.StatusCode);
        var (manage, _) = await host.SendAsync(HttpMethod.Get, "manage/stale", headers: new Dictionary<string, string> { ["X-Forwarded-For"] = "203.0.113.90", ["x-functions-key"] = LocalHostFixture.FunctionKey, ["x-admin-key"] = LocalHostFixture.AdminKey });
        Assert.Equal(HttpStatusCode.OK, manage.StatusCode);
    }

    [Fact]
    public void The_default_is_generous()
    {
        Assert.Equal(1200, ClientLimitSettings.DefaultAnonymousReadsPerMinute);
        Assert.Equal(1200, new ClientLimitSettings().AnonymousReadsPerMinute);
    }
}
