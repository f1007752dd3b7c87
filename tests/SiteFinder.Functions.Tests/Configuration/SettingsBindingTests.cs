using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SiteFinder.Domain.Operators;
using SiteFinder.Domain.Status;
using SiteFinder.Functions.Configuration;
using SiteFinder.Functions.Http;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Tests.Configuration;

/// <summary>
/// The app's own registration, without a host or HTTP: settings bound by their app-setting names,
/// and checked as host start checks them (IStartupValidator, what ValidateOnStart registers).
/// </summary>
public sealed class SettingsBindingTests
{
    [Fact]
    public void Unset_settings_keep_the_defaults()
    {
        using var services = Services([]);
        services.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(new StatusOptions(), services.GetRequiredService<StatusOptions>());
        Assert.Equal(new RefreshPeriods(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15)), services.GetRequiredService<RefreshPeriods>());
        var demo = services.GetRequiredService<IOptions<DemoDataSettings>>().Value;
        Assert.Equal((false, 60, 35), (demo.SeedDemoData, demo.DemoFeedSeconds, demo.DemoFeedPercent));
        Assert.Equal(new SiteTablesOptions().All(), services.GetRequiredService<IOptions<SiteTablesOptions>>().Value.All());
        Assert.Null(services.GetRequiredService<IOptions<ImportSettings>>().Value.ToExpectedArea());
    }

    [Fact]
    public void The_expected_area_of_imports_is_read_as_a_box()
    {
        using var services = Services(new() { [AppSettingNames.ImportExpectedArea] = "29.18, 118.34, 30.57, 120.72" });
        services.GetRequiredService<IStartupValidator>().Validate();
        var area = services.GetRequiredService<IOptions<ImportSettings>>().Value.ToExpectedArea()!;
        Assert.Equal((29.18, 118.34, 30.57, 120.72), (area.MinLat, area.MinLng, area.MaxLat, area.MaxLng));
    }

    [Fact]
    public void Settings_are_bound_from_their_app_setting_names()
    {
        using var services = Services(new()
        {
            [AppSettingNames.CatalogueRefreshSeconds] = "10",
            [AppSettingNames.StatusRefreshSeconds] = "20",
            [AppSettingNames.StatusTtlMinutes] = "45",
            [AppSettingNames.StatusIdleWaitMinutes] = "0",
            [AppSettingNames.StatusBusyWaitMinutes] = "20.5",
            [AppSettingNames.StatusCongestedWaitMinutes] = "40",
            [AppSettingNames.StatusPerWindowSamplesPerMinute] = "1.5",
            [AppSettingNames.SeedDemoData] = "true",
            ["SiteTables:Sites"] = "OtherSites",
        });
        services.GetRequiredService<IStartupValidator>().Validate();

        var expected = new StatusOptions { TtlMinutes = 45, IdleBelowMinutes = 0, BusyFromMinutes = 20.5, CongestedFromMinutes = 40, PerWindowSamplesPerMinute = 1.5 };
        Assert.Equal(expected, services.GetRequiredService<StatusOptions>());
        Assert.Equal(new RefreshPeriods(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20)), services.GetRequiredService<RefreshPeriods>());
        Assert.True(services.GetRequiredService<IOptions<DemoDataSettings>>().Value.SeedDemoData);
        Assert.Equal("OtherSites", services.GetRequiredService<IOptions<SiteTablesOptions>>().Value.Sites);
    }

    [Theory]
    [InlineData("STATUS_TTL_MINUTES", "0", "STATUS_TTL_MINUTES must be a whole number of minutes ≥ 1, got '0'")]
    [InlineData("CATALOGUE_REFRESH_SECONDS", "-5", "CATALOGUE_REFRESH_SECONDS must be a whole number of seconds ≥ 1, got '-5'")]
    [InlineData("STATUS_REFRESH_SECONDS", "0", "STATUS_REFRESH_SECONDS must be a whole number of seconds ≥ 1, got '0'")]
    [InlineData("STATUS_IDLE_WAIT_MINUTES", "-1", "STATUS_IDLE_WAIT_MINUTES must be a number of minutes ≥ 0, got '-1'")]
    [InlineData("STATUS_BUSY_WAIT_MINUTES", "3", "STATUS_BUSY_WAIT_MINUTES must be at least STATUS_IDLE_WAIT_MINUTES (5), got '3'")]
    [InlineData("STATUS_CONGESTED_WAIT_MINUTES", "NaN", "STATUS_CONGESTED_WAIT_MINUTES must be a number of minutes ≥ 1, got 'NaN'")]
    [InlineData("STATUS_CONGESTED_WAIT_MINUTES", "24.5", "STATUS_CONGESTED_WAIT_MINUTES must be at least STATUS_BUSY_WAIT_MINUTES (25), got '24.5'")]
    [InlineData("STATUS_PER_WINDOW_SAMPLES_PER_MINUTE", "0", "STATUS_PER_WINDOW_SAMPLES_PER_MINUTE must be a number of samples > 0, got '0'")]
    [InlineData("IMPORT_EXPECTED_AREA", "30,120,29,121", "IMPORT_EXPECTED_AREA must be a box with -90 ≤ minLat < maxLat ≤ 90 and -180 ≤ minLng < maxLng ≤ 180, got '30,120,29,121'")]
    [InlineData("IMPORT_EXPECTED_AREA", "hangzhou", "IMPORT_EXPECTED_AREA must be four numbers \"minLat,minLng,maxLat,maxLng\" (WGS-84 degrees), got 'hangzhou'")]
    [InlineData("DEMO_FEED_SECONDS", "0", "DEMO_FEED_SECONDS must be a whole number of seconds from 1 to 3600, got '0'")]
    [InlineData("DEMO_FEED_PERCENT", "101", "DEMO_FEED_PERCENT must be a whole percentage from 0 to 100, got '101'")]
    [InlineData("ANONYMOUS_READS_PER_MINUTE", "0", "ANONYMOUS_READS_PER_MINUTE must be a whole number of requests ≥ 1, got '0'")]
    [InlineData("FAILED_AUTH_PER_MINUTE", "-3", "FAILED_AUTH_PER_MINUTE must be a whole number of failures ≥ 1, got '-3'")]
    [InlineData("SiteTables:Sites", "a-b", "SiteTables__Sites must be a table name (3 to 63 letters and digits, starting with a letter), got 'a-b'")]
    [InlineData("SiteTables:Catalogue", "sites", "SiteTables__Catalogue must be another table than SiteTables__Sites, got 'sites'")]
    public void A_bad_value_fails_validation_naming_the_setting(string setting, string value, string message)
    {
        using var services = Services(new() { [setting] = value });

        var e = Assert.Throws<OptionsValidationException>(services.GetRequiredService<IStartupValidator>().Validate);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Every_bad_setting_of_a_group_is_named_in_one_error()
    {
        using var services = Services(new() { [AppSettingNames.StatusTtlMinutes] = "0", [AppSettingNames.CatalogueRefreshSeconds] = "-5" });

        var e = Assert.Throws<OptionsValidationException>(services.GetRequiredService<IStartupValidator>().Validate);
        Assert.Equal(["CATALOGUE_REFRESH_SECONDS must be a whole number of seconds ≥ 1, got '-5'", "STATUS_TTL_MINUTES must be a whole number of minutes ≥ 1, got '0'"], e.Failures);
    }

    /// <summary>Text that is not a number never gets as far as the rules: the binder refuses it, naming the setting and the value.</summary>
    [Theory]
    [InlineData("STATUS_TTL_MINUTES", "abc")]
    [InlineData("STATUS_TTL_MINUTES", "1.5")]
    [InlineData("SEED_DEMO_DATA", "yes")]
    public void Text_that_is_not_of_the_settings_type_fails_naming_the_setting(string setting, string value)
    {
        using var services = Services(new() { [setting] = value });

        var e = Assert.Throws<InvalidOperationException>(services.GetRequiredService<IStartupValidator>().Validate);
        Assert.Contains($"'{value}' at '{setting}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_key_is_not_checked_at_start_and_is_read_at_each_request()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [AppSettingNames.AdminApiKey] = "@Microsoft.KeyVault(SecretUri=https://x.vault.azure.net/secrets/admin)",

            // The operator key store needs a table client to be built; the city key is checked without calling it.
            ["Tables:connectionString"] = "UseDevelopmentStorage=true",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddSiteFinder(configuration).BuildServiceProvider();
        services.GetRequiredService<IStartupValidator>().Validate();
        var access = services.GetRequiredService<OperatorAccess>();
        var request = new DefaultHttpContext().Request;
        request.Headers[OperatorAccess.Header] = "rotated";
        Assert.IsType<RetryAfterResult>((await access.AuthorizeAsync(request, CancellationToken.None)).Refusal);

        // Key Vault resolved (or rotated) the key, and the configuration reloaded.
        configuration[AppSettingNames.AdminApiKey] = "rotated";
        configuration.Reload();

        var authorized = await access.AuthorizeAsync(request, CancellationToken.None);
        Assert.Null(authorized.Refusal);
        Assert.Same(OperatorIdentity.City, authorized.Identity);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddSiteFinder(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
}
