using System.Text.Json.Nodes;
using SiteFinder.Infra.Tests.Infrastructure;

namespace SiteFinder.Infra.Tests;

/// <summary>The Bicep CLI (from NuGet, offline) builds, lints and formats every Bicep file without a finding.</summary>
public sealed class BicepCliTests
{
    private static readonly string[] BicepFiles =
        Directory.GetFiles(Repo.Infra, "*.bicep", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Main_builds_without_diagnostics()
    {
        var build = CompiledMain.Build;

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.True(string.IsNullOrWhiteSpace(build.StdErr), build.ToString());
    }

    [Fact]
    public void Every_bicep_file_lints_clean()
    {
        Assert.True(BicepFiles.Length >= 9, $"expected main.bicep and its modules, found {string.Join(", ", BicepFiles)}");

        var lint = LintInfra(Repo.Root);

        Assert.True(lint.ExitCode == 0, lint.ToString());
        Assert.True(string.IsNullOrWhiteSpace(lint.StdErr) && string.IsNullOrWhiteSpace(lint.StdOut), lint.ToString());
    }

    [Fact]
    public void Every_bicep_file_is_formatted()
    {
        var unformatted = BicepFiles.Where(file =>
        {
            var format = BicepCli.Run(Repo.Infra, "format", file, "--stdout");
            return format.ExitCode != 0 || format.StdOut != File.ReadAllText(file);
        }).Select(file => Path.GetRelativePath(Repo.Root, file)).ToList();

        Assert.True(unformatted.Count == 0, $"run 'bicep format' on: {string.Join(", ", unformatted)}");
    }

    [Fact]
    public void Bicepconfig_makes_every_linter_rule_an_error()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Infra, "bicepconfig.json")))!;
        var core = config["analyzers"]!["core"]!;
        var rules = core["rules"]!.AsObject();

        Assert.NotEqual(false, core["enabled"]?.GetValue<bool>());
        Assert.True(rules.Count >= 40, $"only {rules.Count} rules are configured");
        Assert.All(rules, rule => Assert.Equal("error", rule.Value!["level"]!.GetValue<string>()));
    }

    [Fact]
    public void Lint_fails_on_a_finding()
    {
        // A copy of infra/ plus one module with an unused parameter: the same lint command must fail, not warn.
        var copy = Directory.CreateTempSubdirectory("infra-lint-");
        try
        {
            foreach (var file in Directory.GetFiles(Repo.Infra, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(copy.FullName, Path.GetRelativePath(Repo.Root, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            File.WriteAllText(Path.Combine(copy.FullName, "infra", "core", "broken.bicep"), "@description('Never used.')\nparam unused string\n");

            var lint = LintInfra(copy.FullName);

            Assert.NotEqual(0, lint.ExitCode);
            Assert.Contains("Error no-unused-params", lint.StdErr + lint.StdOut, StringComparison.Ordinal);
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    private static BicepResult LintInfra(string repositoryRoot) => BicepCli.Run(repositoryRoot, "lint", "--pattern", "infra/**/*.bicep");
}
