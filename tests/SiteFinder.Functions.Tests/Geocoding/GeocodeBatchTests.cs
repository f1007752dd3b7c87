using System.Globalization;
using SiteFinder.Domain.Geo;
using SiteFinder.Functions.Geocoding;

namespace SiteFinder.Functions.Tests.Geocoding;

/// <summary>POST /geocode:batch against the stub: at most 100 items a call, answers back in the rows' order, cached per query.</summary>
public sealed class GeocodeBatchTests : IAsyncLifetime
{
    private AzureMapsStub _stub = null!;
    private FakeEntraCredential _credential = null!;

    public async Task InitializeAsync()
    {
        _stub = await AzureMapsStub.StartAsync();
        for (var i = 0; i < 250; i++)
            _stub.Places[Name(i)] = new StubPlace(Lng(i), Lat(i), $"测试小区{i}号, 上海市");
        _credential = new FakeEntraCredential(_stub);
    }

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    [Fact]
    public async Task Two_hundred_and_fifty_rows_go_in_three_calls_and_come_back_in_order()
    {
        await using var host = GeocoderHost.Start(_stub, _credential);
        var queries = Enumerable.Range(0, 250).Select(Name).ToList();

        var answers = await host.Geocoder.GeocodeBatchAsync(queries, GeocodeBias.City, CancellationToken.None);

        Assert.Equal(250, answers.Count);
        for (var i = 0; i < 250; i++)
        {
            var candidate = Assert.Single(answers[i].Candidates);
            Assert.Equal(new GeoPoint(Lat(i), Lng(i)), candidate.Location);
            Assert.Equal($"测试小区{i}号, 上海市", candidate.Label);
            Assert.False(answers[i].Cached);
        }

        var calls = _stub.Requests;
        Assert.Equal([100, 100, 50], calls.Select(c => c.BatchItems.Count));
        Assert.All(calls, c => Assert.Equal(("POST", "/geocode:batch", "2023-06-01"), (c.Method, c.Path, c.Query["api-version"])));
        Assert.All(calls, c => Assert.Equal("zh-Hans", c.Headers["Accept-Language"]));
        Assert.All(calls, c => Assert.Equal(_stub.ClientId, c.Headers["x-ms-client-id"]));
        var item = calls[2].BatchItems[49]!;
        Assert.Equal(Name(249), (string?)item["query"]);
        Assert.Equal("49", (string?)item["optionalId"]);
        Assert.Equal(5, (int?)item["top"]);
        Assert.Equal([120.85, 30.66, 122.2, 31.89], item["bbox"]!.AsArray().Select(v => (double)v!));

        // Every answer is cached: the same import again calls nothing.
        var again = await host.Geocoder.GeocodeBatchAsync(queries, GeocodeBias.City, CancellationToken.None);
        Assert.All(again, a => Assert.True(a.Cached));
        Assert.Equal(3, _stub.Count);
    }

    [Fact]
    public async Task A_refused_item_is_degraded_alone_and_not_cached_and_repeated_or_blank_rows_are_not_sent_twice()
    {
        _stub.Refused[Name(1)] = true;
        await using var host = GeocoderHost.Start(_stub, _credential);
        string[] queries = [Name(0), Name(1), " ", Name(2).ToUpperInvariant() + "  ", Name(2), Name(0)];

        var answers = await host.Geocoder.GeocodeBatchAsync(queries, GeocodeBias.City, CancellationToken.None);

        Assert.Equal(new GeoPoint(Lat(0), Lng(0)), Assert.Single(answers[0].Candidates).Location);
        Assert.Equal(GeocodeDegradedReason.Rejected, answers[1].Degraded?.Reason);
        Assert.Contains("Conflicting Parameters", answers[1].Degraded!.Detail, StringComparison.Ordinal);
        Assert.Equal(GeocodeDegradedReason.Rejected, answers[2].Degraded?.Reason);
        Assert.Equal(new GeoPoint(Lat(2), Lng(2)), Assert.Single(answers[3].Candidates).Location);
        Assert.Equal(answers[3].Candidates[0].Location, Assert.Single(answers[4].Candidates).Location);
        Assert.Equal(answers[0].Candidates[0].Location, Assert.Single(answers[5].Candidates).Location);
        Assert.Equal([Name(0), Name(1), Name(2)], Assert.Single(_stub.Requests).BatchItems.Select(i => (string?)i!["query"]));

        // Only the refused query is asked again.
        _stub.Refused.Clear();
        var again = await host.Geocoder.GeocodeBatchAsync(queries, GeocodeBias.City, CancellationToken.None);
        Assert.Equal(new GeoPoint(Lat(1), Lng(1)), Assert.Single(again[1].Candidates).Location);
        Assert.Equal([Name(1)], _stub.Requests[1].BatchItems.Select(i => (string?)i!["query"]));
    }

    [Fact]
    public async Task A_call_that_fails_degrades_its_own_rows_and_the_other_calls_still_answer()
    {
        // Attempts 2 to 4 are the second call and its two retries.
        _stub.Fault = (_, n) => n is >= 2 and <= 4 ? AzureMapsStub.Error(503, "ServiceUnavailable", "busy") : null;
        await using var host = GeocoderHost.Start(_stub, _credential, new() { ["AzureMaps:Resilience:MinimumThroughput"] = "100" });

        var answers = await host.Geocoder.GeocodeBatchAsync([.. Enumerable.Range(0, 250).Select(Name)], GeocodeBias.City, CancellationToken.None);

        Assert.All(answers.Take(100), a => Assert.Single(a.Candidates));
        Assert.All(answers.Skip(100).Take(100), a => Assert.Equal(GeocodeDegradedReason.RemoteError, a.Degraded?.Reason));
        Assert.All(answers.Skip(200), a => Assert.Single(a.Candidates));
        Assert.Equal(5, _stub.Count);
    }

    [Fact]
    public async Task A_batch_slower_than_its_attempt_timeout_is_a_timeout_for_its_rows()
    {
        _stub.Fault = (_, _) => new StubFault(200, "{}", Delay: TimeSpan.FromSeconds(30));
        await using var host = GeocoderHost.Start(_stub, _credential, new() { ["AzureMaps:Resilience:BatchAttemptTimeout"] = "00:00:00.3", ["AzureMaps:Resilience:MinimumThroughput"] = "100" });

        var answers = await host.Geocoder.GeocodeBatchAsync([Name(0), Name(1)], GeocodeBias.City, CancellationToken.None);

        Assert.All(answers, a => Assert.Equal(GeocodeDegradedReason.Timeout, a.Degraded?.Reason));
        Assert.Equal(3, _stub.Count);
    }

    private static string Name(int i) => string.Create(CultureInfo.InvariantCulture, $"测试小区{i}号");

    private static double Lng(int i) => Math.Round(121.2 + (i * 0.002), 6);

    private static double Lat(int i) => Math.Round(31.0 + (i * 0.001), 6);
}
