using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SiteFinder.Infra.Tests.Infrastructure;

namespace SiteFinder.Infra.Tests;

/// <summary>azure.yaml, main.parameters.json and abbreviations.json agree with main.bicep, so azd up can run it.</summary>
public sealed partial class AzdFilesTests
{
    private static readonly ArmTemplate Main = CompiledMain.Template();

    [Fact]
    public void Parameters_file_sets_only_parameters_main_declares_from_azd_variables()
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Infra, "main.parameters.json")))!["parameters"]!.AsObject();

        Assert.All(file, p => Assert.True(Main.Parameters.ContainsKey(p.Key), $"main.bicep has no parameter {p.Key}"));
        Assert.Equal("${AZURE_ENV_NAME}", ArmTemplate.Text(file["environmentName"]!["value"]));
        Assert.Equal("${AZURE_LOCATION}", ArmTemplate.Text(file["location"]!["value"]));
        Assert.Equal("${AZURE_PRINCIPAL_ID}", ArmTemplate.Text(file["principalId"]!["value"]));

        // The admin key is read back from the vault main.bicep reports, so a second azd up keeps it.
        Assert.Equal("$(secretOrRandomPassword ${AZURE_KEY_VAULT_NAME} admin-api-key)", ArmTemplate.Text(file["adminApiKey"]!["value"]));
        Assert.True(Main.Outputs.ContainsKey("AZURE_KEY_VAULT_NAME"));
        Assert.Equal("admin-api-key", ArmTemplate.Text(Main.Json["variables"]?["adminApiKeySecretName"]));
    }

    [Fact]
    public void Azure_yaml_service_is_the_tagged_function_app_project()
    {
        var yaml = File.ReadAllText(Path.Combine(Repo.Root, "azure.yaml"));
        var service = ServiceBlock().Match(yaml);
        Assert.True(service.Success, "azure.yaml has no services entry");

        var name = service.Groups["name"].Value;
        var project = ProjectLine().Match(service.Value).Groups[1].Value;
        Assert.Matches(@"host:\s*function", service.Value);
        Assert.Matches(@"language:\s*dotnet", service.Value);
        Assert.True(File.Exists(Path.Combine(Repo.Root, project, "SiteFinder.Functions.csproj")), $"project {project} not found");

        var tags = InfraChecks.FunctionApp(Main)!.Template.ArgumentFor("tags");
        Assert.Contains($"'azd-service-name', '{name}'", tags, StringComparison.Ordinal);
        Assert.True(Main.Outputs.ContainsKey($"SERVICE_{name.ToUpperInvariant()}_NAME"));
    }

    [Fact]
    public void Default_names_come_from_the_abbreviations_file()
    {
        var abbreviations = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Infra, "abbreviations.json")))!.AsObject();
        var names = ArmTemplate.Text(Main.Json["variables"]?["names"]);

        Assert.All(abbreviations, a => Assert.Contains($"variables('abbrs').{a.Key}", names, StringComparison.Ordinal));
        Assert.Contains("uniqueString(subscription().id, parameters('environmentName'), parameters('location'))", ArmTemplate.Text(Main.Json["variables"]?["resourceToken"]), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^services:\s*\n\s+(?<name>[a-z][a-z0-9-]*):\s*\n(?<body>(\s{4,}.*\n?)+)", RegexOptions.Multiline)]
    private static partial Regex ServiceBlock();

    [GeneratedRegex(@"project:\s*(\S+)")]
    private static partial Regex ProjectLine();
}
