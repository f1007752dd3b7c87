using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SiteFinder.Functions.Configuration;

namespace SiteFinder.Functions.Tests.Geocoding;

/// <summary>The AzureMaps settings as the host start checks them, each problem naming the app setting.</summary>
public sealed class AzureMapsSettingsTests
{
    [Fact]
    public void Unset_settings_are_valid_and_mean_not_configured()
    {
        using var services = Services([]);
        services.GetRequiredService<IStartupValidator>().Validate();

        var maps = services.GetRequiredService<IOptions<AzureMapsSettings>>().Value;
        Assert.False(maps.IsConfigured);
        Assert.Equal(AzureMapsSettings.ShanghaiBoundingBox, maps.BiasBoundingBox);
        Assert.Equal(7, maps.CacheTtlDays);
    }

    [Fact]
    public void The_settings_the_Bicep_sets_are_bound_and_valid()
    {
        using var services = Services(new()
        {
            ["AzureMaps:endpoint"] = "https://atlas.microsoft.com",
            ["AzureMaps:clientId"] = "6f3e0c1a-5a3e-4c63-9d8e-2b6f0a8c7d41",
            ["AzureMaps:credential"] = "managedidentity",
            ["AzureMaps:managedIdentityClientId"] = "0b5a8f2e-1c47-4d7e-9a3b-7e2d4c6f8a10",
        });
        services.GetRequiredService<IStartupValidator>().Validate();

        var maps = services.GetRequiredService<IOptions<AzureMapsSettings>>().Value;
        Assert.True(maps.UsesManagedIdentity);
        Assert.False(maps.UsesSubscriptionKey);
        Assert.Equal(new Uri("https://atlas.microsoft.com/"), maps.BaseAddress);
    }

    [Theory]
    [InlineData("AzureMaps:endpoint", "http://atlas.microsoft.com", "AzureMaps__endpoint must be an https:// URL (http:// only to a loopback address), got 'http://atlas.microsoft.com'")]
    [InlineData("AzureMaps:clientId", "not-a-guid", "AzureMaps__clientId must be the Azure Maps account's client ID (a GUID) when no subscription key is set, got 'not-a-guid'")]
    [InlineData("AzureMaps:credential", "clientsecret", "AzureMaps__credential must be 'managedidentity' or empty, got 'clientsecret'")]
    [InlineData("AzureMaps:biasBoundingBox", "122.2,30.66,120.85,31.89", "AzureMaps__biasBoundingBox must be west,south,east,north in degrees, west < east and south < north, or empty, got '122.2,30.66,120.85,31.89'")]
    [InlineData("AzureMaps:maxCandidates", "21", "AzureMaps__maxCandidates must be a whole number from 1 to 20, got '21'")]
    [InlineData("AzureMaps:Resilience:BreakDuration", "00:00:00.1", "AzureMaps__Resilience__BreakDuration must be a duration from 00:00:00.500 to 1.00:00:00, got '00:00:00.1000000'")]
    public void A_bad_value_fails_the_start_naming_the_setting(string setting, string value, string message)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureMaps:endpoint"] = "https://atlas.microsoft.com",
            ["AzureMaps:clientId"] = "6f3e0c1a-5a3e-4c63-9d8e-2b6f0a8c7d41",
            [setting] = value,
        };
        using var services = Services(settings);

        var e = Assert.Throws<OptionsValidationException>(services.GetRequiredService<IStartupValidator>().Validate);
        Assert.Equal(message, e.Message);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddSiteFinder(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
}
