using System.Net.Sockets;
using Azure.Data.Tables;

namespace SiteFinder.Functions.Tests.Infrastructure;

/// <summary>
/// The storage the tests run against: a real Azurite on loopback, started by tests/run-all.sh.
/// Each fixture gets tables of its own, so test classes never see each other's rows.
/// </summary>
public static class Azurite
{
    public const string ConnectionString = "UseDevelopmentStorage=true";

    public static TableServiceClient Service { get; } = new(ConnectionString);

    /// <summary>Fails with instructions, never skips: storage tests that silently skip test nothing.</summary>
    public static void EnsureRunning()
    {
        using var client = new TcpClient();
        try
        {
            client.Connect("127.0.0.1", 10002);
        }
        catch (SocketException e)
        {
            throw new InvalidOperationException("Azurite is not answering on 127.0.0.1:10002. Run the tests with tests/run-all.sh, which installs and starts it.", e);
        }
    }

    /// <summary>A table name unique to this run and purpose (letters and digits only, as Table Storage requires).</summary>
    public static string UniqueTableName(string purpose) => $"t{purpose}{Guid.NewGuid():N}"[..Math.Min(63, purpose.Length + 33)];
}
