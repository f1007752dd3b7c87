using SiteFinder.Functions.Configuration;
using SiteFinder.Infra.Tests.Infrastructure;

namespace SiteFinder.Infra.Tests;

/// <summary>Checks over the compiled ARM JSON of infra/main.bicep.</summary>
public sealed class TemplateTests
{
    private static readonly ArmTemplate Main = CompiledMain.Template();

    [Fact]
    public void No_secret_key_or_connection_string_in_app_settings_or_outputs() =>
        AssertNone(InfraChecks.NoSecrets(Main));

    [Fact]
    public void Admin_key_is_a_key_vault_reference_resolved_with_the_identity() =>
        AssertNone(InfraChecks.AdminKeyInKeyVault(Main));

    [Fact]
    public void Every_role_is_assigned_on_the_right_scope_with_a_stable_name() =>
        AssertNone(InfraChecks.RoleAssignments(Main));

    [Fact]
    public void Function_app_is_https_only_tls12_no_ftp_on_dotnet_isolated_10() =>
        AssertNone(InfraChecks.FunctionAppHardening(Main));

    [Fact]
    public void Storage_maps_and_insights_accept_entra_id_only() =>
        AssertNone(InfraChecks.DataServicesHardening(Main));

    [Fact]
    public void Every_setting_the_code_reads_is_set() =>
        AssertNone(InfraChecks.AppSettingsComplete(Main, AppSettingNames.RequiredInAzure));

    [Fact]
    public void The_benchmarks_start_the_host_with_the_runtime_settings_azure_gives_it()
    {
        // tests/SiteFinder.Benchmarks/app-runtime.env: what run-http.sh, run-startup.sh and run-load.sh put in the host's environment.
        var benchmarks = File.ReadAllLines(Path.Combine(Repo.Root, "tests", "SiteFinder.Benchmarks", "app-runtime.env"))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Order(StringComparer.Ordinal)
            .ToList();
        var azure = InfraChecks.AppSettings(Main)
            .Where(s => s.Name.StartsWith("DOTNET_", StringComparison.Ordinal))
            .Select(s => $"{s.Name}={s.Value}")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Contains("DOTNET_TC_DelaySingleProcMultiplier=1", azure);
        Assert.Equal(azure, benchmarks);
    }

    [Fact]
    public void Every_parameter_and_output_is_described_and_outputs_are_upper_snake_case() =>
        AssertNone(InfraChecks.Documentation(Main));

    [Fact]
    public void Status_and_catalogue_settings_are_set_from_parameters_with_the_agreed_defaults()
    {
        var names = InfraChecks.AppSettings(Main).Select(s => s.Name).ToHashSet();
        foreach (var name in new[] { "STATUS_SCHEDULE", "STATUS_TTL_MINUTES", "STATUS_IDLE_WAIT_MINUTES", "STATUS_BUSY_WAIT_MINUTES", "STATUS_CONGESTED_WAIT_MINUTES", "STATUS_PER_WINDOW_SAMPLES_PER_MINUTE", "STATUS_REFRESH_SECONDS" })
        {
            Assert.Contains(name, names);
        }

        // The tuning settings are one exported type (infra/app/tuning.bicep) that main.bicep and function-app.bicep share.
        string Default(string setting) => ArmTemplate.Text(Main.Parameters["tuning"]?["defaultValue"]?[setting]);
        Assert.Equal("0 */5 * * * *", Default("catalogueSnapshotSchedule"));
        Assert.Equal("15", Default("catalogueRefreshSeconds"));
        Assert.Equal("0 */1 * * * *", Default("statusSchedule"));
        Assert.Equal("30", Default("statusTtlMinutes"));
        Assert.Equal("5", Default("statusIdleWaitMinutes"));
        Assert.Equal("25", Default("statusBusyWaitMinutes"));
        Assert.Equal("50", Default("statusCongestedWaitMinutes"));
        Assert.Equal("2", Default("statusPerWindowSamplesPerMinute"));
        Assert.Equal("15", Default("statusRefreshSeconds"));
        Assert.Equal("[newGuid()]", ArmTemplate.Text(Main.Parameters["adminApiKey"]?["defaultValue"]));
        Assert.Equal("securestring", ArmTemplate.Text(Main.Parameters["adminApiKey"]?["type"]));
    }

    [Fact]
    public void Every_resource_name_can_be_overridden()
    {
        var nameParameters = Main.Parameters.Where(p => p.Key.EndsWith("Name", StringComparison.Ordinal) && p.Key != "environmentName").ToList();
        var names = ArmTemplate.Text(Main.Json["variables"]?["names"]);

        Assert.True(nameParameters.Count >= 9, $"only {nameParameters.Count} name parameters");
        Assert.All(nameParameters, p =>
        {
            Assert.Equal("", ArmTemplate.Text(p.Value?["defaultValue"]));
            Assert.Contains($"parameters('{p.Key}')", names, StringComparison.Ordinal);
        });
    }

    private static void AssertNone(IReadOnlyList<string> problems) =>
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
}
