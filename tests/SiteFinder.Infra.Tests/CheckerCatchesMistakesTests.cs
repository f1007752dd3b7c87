using System.Text.Json.Nodes;
using SiteFinder.Functions.Configuration;
using SiteFinder.Infra.Tests.Infrastructure;

namespace SiteFinder.Infra.Tests;

/// <summary>
/// Each check must be able to fail: break one thing in a copy of the compiled template and the matching
/// check reports it (and the unbroken template passes, see <see cref="TemplateTests"/>).
/// </summary>
public sealed class CheckerCatchesMistakesTests
{
    private static readonly Dictionary<string, (Action<ArmTemplate> Break, Func<ArmTemplate, IReadOnlyList<string>> Check, string Expected)> Mistakes = new()
    {
        ["storage connection string with an account key"] = (
            t => Settings(t)["AzureWebJobsStorage"] = "[format('DefaultEndpointsProtocol=https;AccountName={0};AccountKey={1}', parameters('storageAccountName'), listKeys(resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName')), '2023-05-01').keys[0].value)]",
            InfraChecks.NoSecrets,
            "AccountKey="),
        ["admin key as a plain value"] = (
            t => Settings(t)["ADMIN_API_KEY"] = "c0ffee00-1234-4321-abcd-0123456789ab",
            InfraChecks.NoSecrets,
            "must be a Key Vault reference"),
        ["admin key not from Key Vault"] = (
            t => Settings(t)["ADMIN_API_KEY"] = "[parameters('identityClientId')]",
            InfraChecks.AdminKeyInKeyVault,
            "ADMIN_API_KEY must be @Microsoft.KeyVault"),
        ["instrumentation key pasted into the connection string"] = (
            t => Settings(t)[InfraChecks.AppInsightsConnectionString] = "InstrumentationKey=00000000-0000-0000-0000-000000000000",
            InfraChecks.NoSecrets,
            "must be exactly the component's ConnectionString"),
        ["connection string as an output"] = (
            t => t.Outputs["APPLICATIONINSIGHTS_CONNECTION_STRING"] = new JsonObject
            {
                ["type"] = "string",
                ["value"] = "[reference(extensionResourceId(format('/subscriptions/{0}/resourceGroups/{1}', subscription().subscriptionId, variables('names').resourceGroup), 'Microsoft.Insights/components', variables('names').applicationInsights), '2020-02-02').ConnectionString]",
            },
            InfraChecks.NoSecrets,
            "returns a connection string"),
        ["https not enforced"] = (
            t => Site(t)["properties"]!["httpsOnly"] = false,
            InfraChecks.FunctionAppHardening,
            "httpsOnly must be true"),
        ["TLS 1.0 allowed"] = (
            t => Site(t)["properties"]!["siteConfig"]!["minTlsVersion"] = "1.0",
            InfraChecks.FunctionAppHardening,
            "minTlsVersion must be 1.2"),
        ["FTP on"] = (
            t => Site(t)["properties"]!["siteConfig"]!["ftpsState"] = "AllAllowed",
            InfraChecks.FunctionAppHardening,
            "ftpsState must be Disabled"),
        ["wrong runtime version"] = (
            t => Site(t)["properties"]!["functionAppConfig"]!["runtime"]!["version"] = "8.0",
            InfraChecks.FunctionAppHardening,
            "dotnet-isolated 10.0"),
        ["shared keys on"] = (
            t => Resource(t, "Microsoft.Storage/storageAccounts")["properties"]!["allowSharedKeyAccess"] = true,
            InfraChecks.DataServicesHardening,
            "allowSharedKeyAccess must be false"),
        ["Maps local auth on"] = (
            t => Resource(t, "Microsoft.Maps/accounts")["properties"]!["disableLocalAuth"] = false,
            InfraChecks.DataServicesHardening,
            "disableLocalAuth must be true"),
        ["Application Insights local auth on"] = (
            t => Resource(t, "Microsoft.Insights/components")["properties"]!["DisableLocalAuth"] = false,
            InfraChecks.DataServicesHardening,
            "DisableLocalAuth must be true"),
        ["Maps role with a wrong role definition"] = (
            t => RoleAssignment(t, "423170ca-a8f6-4b0f-8487-9e4eb8f49bfa")["properties"]!["roleDefinitionId"] =
                "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '8f5e0ce6-4f7b-4dcf-bddf-e6f48634a204')]",
            InfraChecks.RoleAssignments,
            "expected one Azure Maps Data Reader"),
        ["table role on the wrong scope"] = (
            t => RoleAssignment(t, "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3")["scope"] =
                "[resourceId('Microsoft.Insights/components', parameters('applicationInsightsName'))]",
            InfraChecks.RoleAssignments,
            "Storage Table Data Contributor must be scoped to the Microsoft.Storage/storageAccounts"),
        ["role assignment name without the principal"] = (
            t => RoleAssignment(t, "b7e6dc6d-f1e8-4753-8033-0f276bb0955b")["name"] =
                "[guid(resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName')), variables('storageBlobDataOwnerRoleId'))]",
            InfraChecks.RoleAssignments,
            "must be named guid(scope, principal, role)"),
        ["a setting the code reads is missing"] = (
            t => Settings(t).Remove(AppSettingNames.TablesEndpoint),
            t => InfraChecks.AppSettingsComplete(t, AppSettingNames.RequiredInAzure),
            "the code reads Tables__endpoint"),
        ["tables reached with a literal client id"] = (
            t => Settings(t)[AppSettingNames.TablesClientId] = "11111111-2222-3333-4444-555555555555",
            t => InfraChecks.AppSettingsComplete(t, AppSettingNames.RequiredInAzure),
            "Tables__clientId must be the user-assigned identity's client ID"),
        ["demo data and its feeder switched on in Azure"] = (
            t => Settings(t)[AppSettingNames.SeedDemoData] = "true",
            t => InfraChecks.AppSettingsComplete(t, AppSettingNames.RequiredInAzure),
            "SEED_DEMO_DATA must be false"),
        ["undescribed parameter"] = (
            t => t.Parameters["principalId"]!.AsObject().Remove("metadata"),
            InfraChecks.Documentation,
            "parameter principalId has no @description"),
    };

    public static TheoryData<string> MistakeNames() => new(Mistakes.Keys);

    [Theory]
    [MemberData(nameof(MistakeNames))]
    public void Check_reports_the_mistake(string mistake)
    {
        var (breakIt, check, expected) = Mistakes[mistake];
        var template = CompiledMain.Template();
        Assert.Empty(check(template));

        breakIt(template);

        var problems = check(template);
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_setting_the_code_adds_later_is_reported_until_the_template_sets_it()
    {
        var problems = InfraChecks.AppSettingsComplete(CompiledMain.Template(), [.. AppSettingNames.RequiredInAzure, "NOT_IN_THE_TEMPLATE"]);

        Assert.Equal(["the code reads NOT_IN_THE_TEMPLATE, but the function app does not set it"], problems);
    }

    private static JsonObject Settings(ArmTemplate root) =>
        InfraChecks.Created(root, "Microsoft.Web/sites/config").Single(r => r.Name.Contains("appsettings", StringComparison.Ordinal)).Properties!;

    private static JsonObject Site(ArmTemplate root) => InfraChecks.FunctionApp(root)!.Json;

    private static JsonObject Resource(ArmTemplate root, string type) => InfraChecks.Created(root, type).Single().Json;

    /// <summary>The app identity's assignment of a role (the first module that assigns it).</summary>
    private static JsonObject RoleAssignment(ArmTemplate root, string roleDefinitionId) =>
        InfraChecks.Created(root, "Microsoft.Authorization/roleAssignments")
            .First(r => r.Template.ResolveVariables(ArmTemplate.Text(r.Properties?["roleDefinitionId"])).Contains(roleDefinitionId, StringComparison.Ordinal))
            .Json;
}
