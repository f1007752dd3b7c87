using System.Reflection;

namespace SiteFinder.Infra.Tests.Infrastructure;

/// <summary>Paths baked in at build time (see the csproj's AssemblyMetadata items).</summary>
internal static class Repo
{
    public static string Root { get; } = Metadata("RepositoryRoot");

    public static string Infra { get; } = Path.Combine(Root, "infra");

    public static string MainBicep { get; } = Path.Combine(Infra, "main.bicep");

    public static string BicepPath { get; } = Metadata("BicepPath");

    private static string Metadata(string key) =>
        typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing; see SiteFinder.Infra.Tests.csproj.");
}
