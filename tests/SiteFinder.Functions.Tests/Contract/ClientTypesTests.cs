using System.Diagnostics;
using System.Net;
using System.Text.Json;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Contract;

/// <summary>
/// The mini-program's TypeScript types (functions/client/site-finder-api.d.ts) are the ones generated
/// from the document the app serves, and they type-check with the real TypeScript compiler, strict,
/// together with an example that uses them as a mini-program would.
/// </summary>
public sealed class ClientTypesTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    /// <summary>Set to 1 to write the generated file instead of comparing it.</summary>
    public const string UpdateVariable = "UPDATE_CLIENT_TYPES";

    private const string Regenerate = "UPDATE_CLIENT_TYPES=1 ./tests/run-all.sh --filter FullyQualifiedName~ClientTypesTests";

    private static readonly string ClientFolder = Path.Combine(RepositoryRoot(), "functions", "client");

    private static readonly string DeclarationFile = Path.Combine(ClientFolder, "site-finder-api.d.ts");

    [Fact]
    public async Task The_committed_declarations_are_generated_from_the_served_document()
    {
        using var response = await host.Client.GetAsync(new Uri("openapi.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var generated = TypeScriptDeclarations.Generate(document.RootElement);

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(DeclarationFile, generated);
            return;
        }

        var committed = File.Exists(DeclarationFile) ? (await File.ReadAllTextAsync(DeclarationFile)).ReplaceLineEndings("\n") : string.Empty;
        if (committed == generated)
            return;

        var ours = committed.Split('\n');
        var theirs = generated.Split('\n');
        var line = Enumerable.Range(0, Math.Max(ours.Length, theirs.Length)).First(i => i >= ours.Length || i >= theirs.Length || ours[i] != theirs[i]);
        Assert.Fail(
            $"functions/client/site-finder-api.d.ts is not what the served OpenAPI document generates (the API changed). " +
            $"First difference at line {line + 1}:\n  committed: {(line < ours.Length ? ours[line] : "(end of file)")}\n  generated: {(line < theirs.Length ? theirs[line] : "(end of file)")}\n" +
            $"Regenerate it and commit the result:\n  {Regenerate}");
    }

    /// <summary>
    /// tsc --noEmit --strict on the declarations and example.ts. The compiler is the one pinned in
    /// functions/client/package-lock.json, installed here with npm ci when missing, so a fresh clone
    /// (CI) needs only Node.js; without Node the test is skipped, as it has nothing to run with.
    /// </summary>
    [NodeFact]
    public void The_declarations_and_the_example_type_check_with_strict_tsc()
    {
        var tsc = Path.Combine(ClientFolder, "node_modules", "typescript", "bin", "tsc");
        if (!File.Exists(tsc))
        {
            var (installed, installOutput) = Run(NodeFactAttribute.Npm, "ci --no-audit --no-fund --loglevel=error", TimeSpan.FromMinutes(5));
            Assert.True(installed == 0, "npm ci in functions/client failed:\n" + installOutput);
        }

        var (exit, output) = Run("node", $"\"{tsc}\" --noEmit --strict --target es2020 --lib es2020 site-finder-api.d.ts example.ts", TimeSpan.FromMinutes(3));
        Assert.True(exit == 0, "tsc --noEmit --strict found errors:\n" + output);
    }

    private static (int ExitCode, string Output) Run(string file, string arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = ClientFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{file} {arguments}: no answer within {timeout}");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Functions.sln")))
                return folder.FullName;
        }

        throw new InvalidOperationException("Functions.sln not found above " + AppContext.BaseDirectory);
    }
}
