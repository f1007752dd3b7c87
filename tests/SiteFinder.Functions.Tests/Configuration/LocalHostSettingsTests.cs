using Microsoft.Extensions.Options;
using SiteFinder.Functions.Tests.Infrastructure;
using SiteFinder.LocalHost;

namespace SiteFinder.Functions.Tests.Configuration;

/// <summary>
/// The local host refuses to start on a bad setting, naming it, as the Functions host's worker does:
/// both start through Host.StartAsync, which runs the options' ValidateOnStart checks.
/// </summary>
public sealed class LocalHostSettingsTests
{
    [Theory]
    [InlineData("STATUS_TTL_MINUTES", "0", "STATUS_TTL_MINUTES must be a whole number of minutes ≥ 1, got '0'")]
    [InlineData("CATALOGUE_REFRESH_SECONDS", "-5", "CATALOGUE_REFRESH_SECONDS must be a whole number of seconds ≥ 1, got '-5'")]
    public async Task A_bad_setting_stops_the_local_host_at_start_naming_it(string setting, string value, string message)
    {
        await using var app = LocalFunctionsHost.Build([], Settings(setting, value));

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public async Task A_setting_that_is_not_a_number_stops_the_local_host_at_start_naming_it()
    {
        await using var app = LocalFunctionsHost.Build([], Settings("STATUS_TTL_MINUTES", "abc"));

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());
        Assert.Contains("'abc' at 'STATUS_TTL_MINUTES'", e.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Settings(string setting, string value) => new()
    {
        ["LocalSettings"] = string.Empty,
        ["urls"] = "http://127.0.0.1:0",
        ["Tables:connectionString"] = Azurite.ConnectionString,
        ["CATALOGUE_SNAPSHOT_SCHEDULE"] = "0 0 0 1 1 *",
        ["STATUS_SCHEDULE"] = "0 0 0 1 1 *",
        [setting] = value,
    };
}
