using System.Net;
using System.Text.Json;
using SiteFinder.Functions.Configuration;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Http;

public sealed class BenchmarkFloorFixture : LocalHostFixture
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings =>
        new Dictionary<string, string?> { [AppSettingNames.BenchmarkEndpoints] = "true" };
}

/// <summary>The HTTP benchmark's floor answers only where the setting turns it on; Azure never sets it.</summary>
public sealed class BenchmarkFloorTests(BenchmarkFloorFixture on, LocalHostFixture off) : IClassFixture<BenchmarkFloorFixture>, IClassFixture<LocalHostFixture>
{
    [Theory]
    [InlineData(16)]
    [InlineData(5183)]
    [InlineData(6471)]
    [InlineData(65536)]
    public async Task When_on_it_answers_valid_json_of_exactly_the_size_asked(int bytes)
    {
        using var response = await on.Client.GetAsync(new Uri($"bench/fixed/{bytes}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes, body.Length);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(JsonValueKind.String, json.RootElement.GetProperty("pad").ValueKind);
    }

    [Theory]
    [InlineData("bench/fixed/15")]
    [InlineData("bench/fixed/65537")]
    [InlineData("bench/fixed/100000")]
    [InlineData("bench/fixed/abc")]
    public async Task Sizes_outside_16_to_65536_bytes_answer_the_404_of_a_path_no_operation_takes(string path)
    {
        using var response = await on.Client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no-endpoint", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_setting_it_answers_the_404_of_a_path_no_operation_takes()
    {
        using var response = await off.Client.GetAsync(new Uri("bench/fixed/5183", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("no-endpoint", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
