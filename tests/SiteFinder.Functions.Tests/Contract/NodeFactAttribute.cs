namespace SiteFinder.Functions.Tests.Contract;

/// <summary>
/// A fact that needs Node.js (and npm) on the PATH, and is skipped, saying so, where there is none:
/// xunit 2 decides skips when it discovers the tests, so the check is made here. CI has Node.js
/// (Azurite runs on it), so there the test always runs.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        if (!OnPath("node") || !OnPath(Npm))
            Skip = "Node.js (node and npm) is not on the PATH";
    }

    public static string Npm => OperatingSystem.IsWindows() ? "npm.cmd" : "npm";

    private static bool OnPath(string file) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, file)) || File.Exists(Path.Combine(folder, file + ".exe")));
}
