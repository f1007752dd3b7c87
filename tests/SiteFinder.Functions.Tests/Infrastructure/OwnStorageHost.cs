using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace SiteFinder.Functions.Tests.Infrastructure;

/// <summary>
/// A local host on a test's own Azurite (which may be down when the host starts), refreshing every
/// 2 s and running both timers every 2 s, so that outages hit the refresh loops and the timers too.
/// </summary>
public sealed class OwnStorageHost(AzuriteProcess storage) : LocalHostFixture
{
    public static readonly TimeSpan RefreshPeriod = TimeSpan.FromSeconds(2);

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Tables:connectionString"] = storage.ConnectionString,
        ["CATALOGUE_REFRESH_SECONDS"] = "2",
        ["STATUS_REFRESH_SECONDS"] = "2",
        ["CATALOGUE_SNAPSHOT_SCHEDULE"] = "*/2 * * * * *",
        ["STATUS_SCHEDULE"] = "*/2 * * * * *",
    };

    /// <summary>Logs go to <see cref="LocalHostFixture.Logs"/> only: an outage's warnings, each with its stack, would drown the test run's console.</summary>
    protected override void ConfigureServices(IServiceCollection services)
    {
        services.RemoveAll<ILoggerProvider>();
        services.AddSingleton<ILoggerProvider>(Logs);
    }
}
