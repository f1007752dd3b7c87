using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SiteFinder.Functions.Configuration;

namespace SiteFinder.Functions.Catalogue;

/// <summary>
/// Per instance: seeds the demo catalogue when asked to (local runs), then polls the snapshot
/// pointer. Timer triggers run on one instance only, so refreshing every instance's memory is a
/// background loop, not a timer function.
/// </summary>
public sealed partial class CatalogueRefreshService(
    CatalogueProvider provider,
    SiteImportService imports,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<CatalogueRefreshService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue(AppSettingNames.CatalogueRefreshSeconds, 15)));
        if (configuration.GetValue(AppSettingNames.SeedDemoData, false))
            await TryAsync(async () =>
            {
                if (await imports.SeedDemoIfEmptyAsync(stoppingToken).ConfigureAwait(false))
                    LogSeeded();
            }).ConfigureAwait(false);

        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            await TryAsync(() => provider.RefreshAsync(stoppingToken)).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task TryAsync(Func<Task> work)
    {
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Storage may be briefly unreachable; keep serving the catalogue we have and retry next tick.
            LogFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo catalogue seeded")]
    private partial void LogSeeded();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catalogue refresh failed; serving the previous snapshot")]
    private partial void LogFailed(Exception e);
}
