using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SiteFinder.Domain.Geo;
using SiteFinder.Functions.Geocoding;

namespace SiteFinder.Functions.Tests.Geocoding;

/// <summary>GET /geocode against the stub: what is sent (auth, language, bias), how answers are read, and how each failure of the remote becomes a degraded answer.</summary>
public sealed class AzureMapsGeocoderTests : IAsyncLifetime
{
    private AzureMapsStub _stub = null!;
    private FakeEntraCredential _credential = null!;

    public async Task InitializeAsync()
    {
        _stub = await AzureMapsStub.StartAsync();
        _stub.Places["人民广场"] = new StubPlace(121.4737, 31.2304, "人民广场, 黄浦区, 上海市");
        _stub.Places["徐家汇"] = new StubPlace(121.4365, 31.1885, "徐家汇, 徐汇区, 上海市", "Medium", "Neighborhood", "Ambiguous");
        _stub.Places["静安寺"] = new StubPlace(121.4453, 31.2231, "静安寺, 静安区, 上海市");
        _credential = new FakeEntraCredential(_stub);
    }

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    [Fact]
    public async Task A_query_is_sent_with_a_token_the_client_id_zh_Hans_and_the_city_box_and_comes_back_as_lat_lng()
    {
        await using var host = GeocoderHost.Start(_stub, _credential);

        var answer = await host.Geocoder.GeocodeAsync("人民广场", GeocodeBias.City, CancellationToken.None);

        Assert.False(answer.IsDegraded);
        Assert.False(answer.Cached);
        var candidate = Assert.Single(answer.Candidates);
        // The stub answered [121.4737, 31.2304]: GeoJSON's longitude first.
        Assert.Equal(new GeoPoint(31.2304, 121.4737), candidate.Location);
        Assert.Equal("人民广场, 黄浦区, 上海市", candidate.Label);
        Assert.Equal(0.9, candidate.Confidence);
        Assert.Equal("PopulatedPlace", candidate.Kind);
        Assert.Equal(["Good"], candidate.MatchCodes);

        var request = Assert.Single(_stub.Requests);
        Assert.Equal(("GET", "/geocode"), (request.Method, request.Path));
        Assert.Equal("2023-06-01", request.Query["api-version"]);
        Assert.Equal("人民广场", request.Query["query"]);
        Assert.Equal("5", request.Query["top"]);
        Assert.Equal("120.85,30.66,122.2,31.89", request.Query["bbox"]);
        Assert.False(request.Query.ContainsKey("coordinates"));
        Assert.Equal("zh-Hans", request.Headers["Accept-Language"]);
        Assert.Equal("Bearer fake-token-1", request.Headers["Authorization"]);
        Assert.Equal(_stub.ClientId, request.Headers["x-ms-client-id"]);
        Assert.False(request.Headers.ContainsKey("subscription-key"));
        Assert.Equal(["https://atlas.microsoft.com/.default"], _credential.LastScopes);
    }

    [Fact]
    public async Task The_token_is_reused_while_it_is_valid()
    {
        await using var host = GeocoderHost.Start(_stub, _credential);

        foreach (var query in new[] { "人民广场", "徐家汇", "静安寺" })
            Assert.False((await host.Geocoder.GeocodeAsync(query, GeocodeBias.City, CancellationToken.None)).IsDegraded);

        Assert.Equal(1, _credential.Issued);
        Assert.All(_stub.Requests, r => Assert.Equal("Bearer fake-token-1", r.Headers["Authorization"]));
    }

    [Fact]
    public async Task With_a_subscription_key_the_key_header_is_sent_and_no_token_is_asked_for()
    {
        _stub.SubscriptionKey = "local-development-key";
        await using var host = GeocoderHost.Start(_stub, _credential, new() { ["AzureMaps:subscriptionKey"] = "local-development-key", ["AzureMaps:clientId"] = "" });

        var answer = await host.Geocoder.GeocodeAsync("人民广场", GeocodeBias.City, CancellationToken.None);

        Assert.Single(answer.Candidates);
        var request = Assert.Single(_stub.Requests);
        Assert.Equal("local-development-key", request.Headers["subscription-key"]);
        Assert.False(request.Headers.ContainsKey("Authorization"));
        Assert.False(request.Headers.ContainsKey("x-ms-client-id"));
        Assert.Equal(0, _credential.Issued);
    }

    [Fact]
    public async Task A_position_of_the_caller_is_sent_as_coordinates_longitude_first_instead_of_the_box()
    {
        await using var host = GeocoderHost.Start(_stub, _credential);

        await host.Geocoder.GeocodeAsync("人民广场", new GeocodeBias(Near: new GeoPoint(31.23, 121.47)), CancellationToken.None);
        await host.Geocoder.GeocodeAsync("静安寺", new GeocodeBias(Within: new GeocodeBounds(121.3, 31.1, 121.6, 31.4)), CancellationToken.None);

        // By query, not by position: on a loaded machine an attempt may time out and be sent again.
        var near = _stub.Requests.Last(r => r.Query.GetValueOrDefault("query") == "人民广场");
        var within = _stub.Requests.Last(r => r.Query.GetValueOrDefault("query") == "静安寺");
        Assert.Equal("121.47,31.23", near.Query["coordinates"]);
        Assert.False(near.Query.ContainsKey("bbox"));
        Assert.Equal("121.3,31.1,121.6,31.4", within.Query["bbox"]);
    }

    [Fact]
    public async Task Medium_and_ambiguous_matches_get_a_lower_confidence_and_unknown_places_an_empty_answer()
    {
        await using var host = GeocoderHost.Start(_stub, _credential);

        var medium = Assert.Single((await host.Geocoder.GeocodeAsync("徐家汇", GeocodeBias.City, CancellationToken.None)).Candidates);
        var nothing = await host.Geocoder.GeocodeAsync("不存在的地方", GeocodeBias.City, CancellationToken.None);

        Assert.Equal(0.5, medium.Confidence);
        Assert.Equal(["Ambiguous"], medium.MatchCodes);
        Assert.False(nothing.IsDegraded);
        Assert.Empty(nothing.Candidates);
    }

    [Theory]
    [InlineData("High", new string[0], 0.9)]
    [InlineData("Medium", new string[0], 0.6)]
    [InlineData("Low", new[] { "Good" }, 0.3)]
    [InlineData("High", new[] { "Ambiguous", "UpHierarchy" }, 0.7)]
    [InlineData("Low", new[] { "Ambiguous", "UpHierarchy" }, 0.1)]
    [InlineData(null, new[] { "Ambiguous", "UpHierarchy" }, 0.1)]
    public void Confidence_words_become_numbers_from_0_to_1(string? word, string[] matchCodes, double expected) =>
        Assert.Equal(expected, AzureMapsGeocoder.Confidence(word, matchCodes));

    [Theory]
    [InlineData(400, "BadRequest", GeocodeDegradedReason.Rejected)]
    [InlineData(401, "401 Unauthorized", GeocodeDegradedReason.AuthFailure)]
    [InlineData(403, "403 Forbidden", GeocodeDegradedReason.AuthFailure)]
    public async Task Client_errors_are_answered_degraded_with_the_error_code_and_are_not_retried(int status, string code, GeocodeDegradedReason reason)
    {
        _stub.Fault = (_, _) => AzureMapsStub.Error(status, code, "refused by the stub");
        await using var host = GeocoderHost.Start(_stub, _credential);

        var answer = await host.Geocoder.GeocodeAsync("人民广场", GeocodeBias.City, CancellationToken.None);

        Assert.Equal(reason, answer.Degraded?.Reason);
        Assert.Contains(code, answer.Degraded!.Detail, StringComparison.Ordinal);
        Assert.Empty(answer.Candidates);
        Assert.Equal(1, _stub.Count);
    }

    [Fact]
    public async Task A_wrong_client_id_is_refused_by_the_service_as_an_auth_failure()
    {
        await using var host = GeocoderHost.Start(_stub, _credential, new() { ["AzureMaps:clientId"] = "11111111-2222-3333-4444-555555555555" });

        var answer = await host.Geocoder.GeocodeAsync("人民广场", GeocodeBias.City, CancellationToken.None);

        Assert.Equal(GeocodeDegradedReason.AuthFailure, answer.Degraded?.Reason);
        Assert.StartsWith("401 401 Unauthorized", answer.Degraded!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_credential_that_gives_no_token_is_an_auth_failure_and_nothing_is_sent()
    {
        _credential.Fail = true;
        await using var host = GeocoderHost.Start(_stub, _credential);

        var answer = await host.Geocoder.GeocodeAsync("人民广场", GeocodeBias.City, CancellationToken.None);

        Assert.Equal(GeocodeDegradedReason.AuthFailure, answer.Degraded?.Reason);
        Assert.Equal(0, _stub.Count);
    }

    [Fact]
    public async Task Server_errors_are_retried_and_an_answer_after_them_is_used()
    {
        _stub.Fault = (_, n) => n <= 2 ? AzureMapsStub.Error(503, "ServiceUnavailable", "try again") : null;
        await using var host = GeocoderHost.Start(_stub, _credential);

        var answer = await host.Geocoder.GeocodeAsync("人民广场", GeocodeBias.City, CancellationToken.None);

        Assert.Single(answer.Candidates);
        Assert.Equal(3, _stub.Count);
    }

    [Fact]
    public async Task Server_errors_on_every_attempt_end_degraded_after_three_attempts()
    {
        _stub.Fault = (_, _) => AzureMapsStub.Error(500, "InternalServerError", "broken");
        await using var host = GeocoderHost.Start(_stub, _credential);

        var answer = await host.Geocoder.GeocodeAsync("人民广场", GeocodeBias.City, CancellationToken.None);

        Assert.Equal(GeocodeDegradedReason.RemoteError, answer.Degraded?.Reason);
        Assert.Equal(3, _stub.Count);
    }

    [Fact]
    public async Task A_429_is_retried_after_the_pause_its_Retry_After_asks_for()
    {
        _stub.Fault = (_, n) => n == 1 ? AzureMapsStub.Error(429, "TooManyRequests", "slow down", retryAfter: "1") : null;
        await using var host = GeocoderHost.Start(_stub, _credential);

        var answer = await host.Geocoder.GeocodeAsync("人民广场", GeocodeBias.City, CancellationToken.None);

        Assert.Single(answer.Candidates);
        var requests = _stub.Requests;
        Assert.Equal(2, requests.Count);
        // The back-off alone would have waited about 50 ms.
        Assert.InRange(requests[1].ReceivedAt - requests[0].ReceivedAt, TimeSpan.FromMilliseconds(950), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_app_waits_is_answered_throttled_at_once()
    {
        _stub.Fault = (_, _) => AzureMapsStub.Error(429, "TooManyRequests", "slow down", retryAfter: "30");
        await using var host = GeocoderHost.Start(_stub, _credential);

        var watch = Stopwatch.StartNew();
        var answer = await host.Geocoder.GeocodeAsync("人民广场", GeocodeBias.City, CancellationToken.None);

        Assert.Equal(GeocodeDegradedReason.Throttled, answer.Degraded?.Reason);
        Assert.Equal(1, _stub.Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task An_answer_slower_than_the_attempt_timeout_is_retried_and_a_prompt_one_used()
    {
        _stub.Fault = (_, n) => n == 1 ? new StubFault(200, "{}", Delay: TimeSpan.FromSeconds(5)) : null;
        await using var host = GeocoderHost.Start(_stub, _credential);

        var answer = await host.Geocoder.GeocodeAsync("人民广场", GeocodeBias.City, CancellationToken.None);

        Assert.Single(answer.Candidates);
        Assert.Equal(2, _stub.Count);
    }

    [Fact]
    public async Task A_service_that_never_answers_in_time_is_a_timeout_within_the_total_budget()
    {
        _stub.Fault = (_, _) => new StubFault(200, "{}", Delay: TimeSpan.FromSeconds(10));
        await using var host = GeocoderHost.Start(_stub, _credential);

        var watch = Stopwatch.StartNew();
        var answer = await host.Geocoder.GeocodeAsync("人民广场", GeocodeBias.City, CancellationToken.None);

        Assert.Equal(GeocodeDegradedReason.Timeout, answer.Degraded?.Reason);
        Assert.Equal(3, _stub.Count);
        // 3 attempts of 0.5 s and two short back-offs; the total budget is 4 s.
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_answers_at_once_without_calling_and_closes_after_its_break()
    {
        _stub.Fault = (_, _) => AzureMapsStub.Error(500, "InternalServerError", "broken");
        await using var host = GeocoderHost.Start(_stub, _credential);

        // 3 failed attempts, then a 4th: at least 4 attempts, all failed, opens the breaker.
        Assert.Equal(GeocodeDegradedReason.RemoteError, (await host.Geocoder.GeocodeAsync("人民广场", GeocodeBias.City, CancellationToken.None)).Degraded?.Reason);
        Assert.Equal(GeocodeDegradedReason.CircuitOpen, (await host.Geocoder.GeocodeAsync("人民广场", GeocodeBias.City, CancellationToken.None)).Degraded?.Reason);
        var sent = _stub.Count;
        Assert.Equal(4, sent);

        var watch = Stopwatch.StartNew();
        var open = await host.Geocoder.GeocodeAsync("静安寺", GeocodeBias.City, CancellationToken.None);
        Assert.Equal(GeocodeDegradedReason.CircuitOpen, open.Degraded?.Reason);
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(300), $"took {watch.Elapsed}");
        Assert.Equal(sent, _stub.Count);

        // The service recovers; after the 1 s break one trial call goes through and closes the circuit.
        _stub.Fault = null;
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        Assert.Single((await host.Geocoder.GeocodeAsync("静安寺", GeocodeBias.City, CancellationToken.None)).Candidates);
        Assert.Single((await host.Geocoder.GeocodeAsync("徐家汇", GeocodeBias.City, CancellationToken.None)).Candidates);
        Assert.Equal(sent + 2, _stub.Count);
    }

    [Fact]
    public async Task An_unreachable_service_is_a_degraded_answer_not_an_exception()
    {
        // A breaker that needs more attempts than these six, or the batch would hear "circuit open" (tested above).
        await using var host = GeocoderHost.Start(_stub, _credential, new() { ["AzureMaps:endpoint"] = $"http://127.0.0.1:{ClosedPort()}", ["AzureMaps:Resilience:MinimumThroughput"] = "100" });

        var single = await host.Geocoder.GeocodeAsync("人民广场", GeocodeBias.City, CancellationToken.None);
        var batch = await host.Geocoder.GeocodeBatchAsync(["人民广场", "静安寺"], GeocodeBias.City, CancellationToken.None);

        Assert.Equal(GeocodeDegradedReason.Unreachable, single.Degraded?.Reason);
        Assert.All(batch, a => Assert.Equal(GeocodeDegradedReason.Unreachable, a.Degraded?.Reason));
    }

    [Fact]
    public async Task Without_an_endpoint_the_geocoder_answers_not_configured_and_calls_nothing()
    {
        await using var host = GeocoderHost.Start(_stub, _credential, new() { ["AzureMaps:endpoint"] = "", ["AzureMaps:clientId"] = "" });

        var single = await host.Geocoder.GeocodeAsync("人民广场", GeocodeBias.City, CancellationToken.None);
        var batch = await host.Geocoder.GeocodeBatchAsync(["人民广场"], GeocodeBias.City, CancellationToken.None);

        Assert.Equal(GeocodeDegradedReason.NotConfigured, single.Degraded?.Reason);
        Assert.Equal(GeocodeDegradedReason.NotConfigured, Assert.Single(batch).Degraded?.Reason);
        Assert.Equal(0, _stub.Count);
        Assert.Equal(0, _credential.Issued);
    }

    [Fact]
    public async Task The_callers_own_cancellation_still_throws()
    {
        _stub.Fault = (_, _) => new StubFault(200, "{}", Delay: TimeSpan.FromSeconds(10));
        await using var host = GeocoderHost.Start(_stub, _credential);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Geocoder.GeocodeAsync("人民广场", GeocodeBias.City, cancel.Token));
    }

    /// <summary>A port nothing listens on: bound, read, released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
