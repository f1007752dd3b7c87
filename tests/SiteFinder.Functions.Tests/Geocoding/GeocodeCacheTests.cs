using Azure.Data.Tables;
using SiteFinder.Functions.Geocoding;
using SiteFinder.Functions.Tests.Infrastructure;
using SiteFinder.Tests;

namespace SiteFinder.Functions.Tests.Geocoding;

/// <summary>The geocode cache on Azurite, through the geocoder: by normalised query, for the TTL, successes only.</summary>
public sealed class GeocodeCacheTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2022, 4, 28, 2, 0, 0, TimeSpan.Zero));
    private AzureMapsStub _stub = null!;
    private FakeEntraCredential _credential = null!;

    public async Task InitializeAsync()
    {
        _stub = await AzureMapsStub.StartAsync();
        _stub.Places["人民广场 1号"] = new StubPlace(121.4737, 31.2304, "人民广场1号, 黄浦区, 上海市");
        _stub.Places["abc 商场"] = new StubPlace(121.5, 31.25, "ABC商场, 虹口区, 上海市");
        _credential = new FakeEntraCredential(_stub);
    }

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    [Fact]
    public async Task A_second_ask_for_the_same_normalised_query_is_answered_from_the_cache_without_calling()
    {
        await using var host = GeocoderHost.Start(_stub, _credential, clock: _clock);

        var first = await host.Geocoder.GeocodeAsync("人民广场 1号", GeocodeBias.City, CancellationToken.None);
        // Full-width digit and letters, an ideographic space, doubled and outer spaces, upper case: the same query.
        var again = await host.Geocoder.GeocodeAsync("  人民广场\u3000\u3000１号 ", GeocodeBias.City, CancellationToken.None);
        var fullWidth = await host.Geocoder.GeocodeAsync("ＡＢＣ 商场", GeocodeBias.City, CancellationToken.None);
        var fullWidthAgain = await host.Geocoder.GeocodeAsync("abc   商场", GeocodeBias.City, CancellationToken.None);

        Assert.False(first.Cached);
        Assert.True(again.Cached);
        Assert.Equal(first.Candidates, again.Candidates, CandidateComparer.Instance);
        Assert.False(fullWidth.Cached);
        Assert.True(fullWidthAgain.Cached);
        Assert.Equal(2, _stub.Count);
        Assert.Equal(["人民广场 1号", "abc 商场"], _stub.Requests.Select(r => r.Query["query"]));
    }

    [Fact]
    public async Task The_same_query_with_another_bias_is_asked_again()
    {
        await using var host = GeocoderHost.Start(_stub, _credential, clock: _clock);

        await host.Geocoder.GeocodeAsync("人民广场 1号", GeocodeBias.City, CancellationToken.None);
        var near = await host.Geocoder.GeocodeAsync("人民广场 1号", new GeocodeBias(Near: new(31.2, 121.4)), CancellationToken.None);

        Assert.False(near.Cached);
        Assert.Equal(2, _stub.Count);
    }

    [Fact]
    public async Task A_cached_answer_is_used_for_seven_days_and_no_longer()
    {
        await using var host = GeocoderHost.Start(_stub, _credential, clock: _clock);
        await host.Geocoder.GeocodeAsync("人民广场 1号", GeocodeBias.City, CancellationToken.None);

        _clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        Assert.True((await host.Geocoder.GeocodeAsync("人民广场 1号", GeocodeBias.City, CancellationToken.None)).Cached);
        Assert.Equal(1, _stub.Count);

        _clock.Advance(TimeSpan.FromMinutes(1));
        var fresh = await host.Geocoder.GeocodeAsync("人民广场 1号", GeocodeBias.City, CancellationToken.None);
        Assert.False(fresh.Cached);
        Assert.Single(fresh.Candidates);
        Assert.Equal(2, _stub.Count);
    }

    [Fact]
    public async Task Degraded_answers_are_not_cached()
    {
        _stub.Fault = (_, _) => AzureMapsStub.Error(500, "InternalServerError", "broken");
        await using var host = GeocoderHost.Start(_stub, _credential, clock: _clock);

        Assert.True((await host.Geocoder.GeocodeAsync("人民广场 1号", GeocodeBias.City, CancellationToken.None)).IsDegraded);
        _stub.Fault = null;
        var later = await host.Geocoder.GeocodeAsync("人民广场 1号", GeocodeBias.City, CancellationToken.None);

        Assert.False(later.Cached);
        Assert.Single(later.Candidates);
        Assert.Equal(4, _stub.Count);
    }

    [Fact]
    public async Task The_table_holds_a_hash_of_the_query_and_the_candidates_never_the_query_text()
    {
        await using var host = GeocoderHost.Start(_stub, _credential, clock: _clock);
        await host.Geocoder.GeocodeAsync("人民广场 1号", GeocodeBias.City, CancellationToken.None);

        var row = Assert.Single(Azurite.Service.GetTableClient(host.CacheTable).Query<TableEntity>());
        Assert.Matches("^[0-9a-f]{64}$", row.RowKey);
        Assert.Equal(row.RowKey[..2], row.PartitionKey);
        Assert.Equal(_clock.GetUtcNow(), row.GetDateTimeOffset("StoredAt"));
        Assert.DoesNotContain(row, p => p.Value is string text && text.Contains("人民广场 1号", StringComparison.Ordinal));
        Assert.Contains("121.4737", row.GetString("Candidates"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  人民广场\u3000１号 ", "人民广场 1号")]
    [InlineData("ＡＢＣ\t\n商场", "abc 商场")]
    [InlineData("Nanjing  Road", "nanjing road")]
    public void Queries_are_normalised_by_NFKC_spaces_and_case(string query, string normalized) =>
        Assert.Equal(normalized, GeocodeCacheKey.Normalize(query));

    /// <summary>Candidates hold a list, which records compare by reference: compare its items.</summary>
    private sealed class CandidateComparer : IEqualityComparer<GeocodeCandidate>
    {
        public static readonly CandidateComparer Instance = new();

        public bool Equals(GeocodeCandidate? x, GeocodeCandidate? y) =>
            x is not null && y is not null && x.Location == y.Location && x.Label == y.Label && x.Confidence == y.Confidence && x.Kind == y.Kind && x.MatchCodes.SequenceEqual(y.MatchCodes);

        public int GetHashCode(GeocodeCandidate obj) => obj.Location.GetHashCode();
    }
}
