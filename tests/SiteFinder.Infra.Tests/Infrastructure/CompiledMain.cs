using System.Text.Json.Nodes;

namespace SiteFinder.Infra.Tests.Infrastructure;

/// <summary>infra/main.bicep compiled once per test run with the Bicep CLI (modules are inlined as nested templates).</summary>
internal static class CompiledMain
{
    private static readonly Lazy<(BicepResult Build, JsonObject? Json)> Compiled = new(() =>
    {
        var build = BicepCli.Run(Repo.Infra, "build", Repo.MainBicep, "--stdout");
        var json = build.ExitCode == 0 ? JsonNode.Parse(build.StdOut) as JsonObject : null;
        return (build, json);
    });

    public static BicepResult Build => Compiled.Value.Build;

    /// <summary>A fresh copy of the compiled template, safe to mutate.</summary>
    public static JsonObject Json() =>
        (JsonObject)(Compiled.Value.Json ?? throw new InvalidOperationException($"bicep build failed: {Build}")).DeepClone();

    public static ArmTemplate Template() => ArmTemplate.Root(Json());
}
