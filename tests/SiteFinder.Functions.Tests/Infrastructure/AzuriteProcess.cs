using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SiteFinder.Functions.Tests.Infrastructure;

/// <summary>
/// An Azurite table service of one test's own, on a free loopback port with its own data folder,
/// so that the test can take storage down (SIGKILL) and bring it back (same port, same data)
/// without touching the shared Azurite on 10002 that every other test uses.
/// </summary>
public sealed class AzuriteProcess : IDisposable
{
    /// <summary>Azurite's table database is saved every 5 s (LokiJS autosave); a SIGKILL loses anything newer. Real storage loses nothing.</summary>
    public static readonly TimeSpan PersistInterval = TimeSpan.FromSeconds(5);

    private Process? _process;

    public AzuriteProcess()
    {
        Port = FreePort();
        DataFolder = Directory.CreateTempSubdirectory("sitefinder-azurite-").FullName;
    }

    public int Port { get; }

    public string DataFolder { get; }

    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"TableEndpoint=http://127.0.0.1:{Port}/devstoreaccount1";

    /// <summary>Starts Azurite and returns once its port accepts connections.</summary>
    public async Task StartAsync()
    {
        if (_process is not null)
            throw new InvalidOperationException("Already running.");

        var start = new ProcessStartInfo(Executable())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "--tableHost", "127.0.0.1", "--tablePort", Port.ToString(CultureInfo.InvariantCulture), "--location", DataFolder, "--silent", "--skipApiVersionCheck", "--loose" })
            start.ArgumentList.Add(argument);

        var output = new ConcurrentQueue<string>();
        _process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        _process.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? string.Empty);
        _process.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? string.Empty);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await AcceptsAsync())
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"Azurite did not open port {Port}: {string.Join('\n', output)}");
            await Task.Delay(50);
        }
    }

    /// <summary>An outage: SIGKILL, so nothing is shut down gracefully.</summary>
    public void Kill()
    {
        if (_process is null)
            return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Kill();
        Directory.Delete(DataFolder, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Executable()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
                continue;
            var bin = Path.Combine(dir.FullName, "functions", "scripts", "azurite", "node_modules", ".bin", "azurite-table");
            return File.Exists(bin)
                ? bin
                : throw new InvalidOperationException($"{bin} not found: run tests/run-all.sh (or npm ci in functions/scripts/azurite) to install the pinned Azurite.");
        }

        throw new InvalidOperationException("Functions.sln not found above " + AppContext.BaseDirectory);
    }

    private async Task<bool> AcceptsAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
