using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SiteFinder.Functions.Configuration;

namespace SiteFinder.Functions.Sites;

/// <summary>
/// Local runs only (SEED_DEMO_DATA=true): loads the generated demo catalogue once, when no site is
/// stored yet. Storage may not answer at the first try (Azurite still starting), so it tries again
/// until it has seeded or found sites; the instance serves whatever is published meanwhile.
/// The import service is resolved only when seeding is on: every host constructs its hosted services as it starts,
/// and the import service brings the Azure Maps client with it (its HTTP handlers and resilience pipeline), work that
/// a start without seeding, as in Azure, did for nothing beside the first answer (BENCHMARKS.md, issue 16, fourth pass).
/// </summary>
public sealed partial class DemoSeeder(IServiceProvider services, IOptions<DemoDataSettings> settings, TimeProvider clock, ILogger<DemoSeeder> logger) : BackgroundService
{
    private static readonly TimeSpan RetryPeriod = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Value.SeedDemoData)
            return;
        var imports = services.GetRequiredService<SiteImportService>();

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await imports.SeedDemoIfEmptyAsync(stoppingToken))
                    LogSeeded();
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogRetrying(e, RetryPeriod.TotalSeconds);
            }

            await Task.Delay(RetryPeriod, clock, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo catalogue seeded")]
    private partial void LogSeeded();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo catalogue not seeded yet (storage did not answer); trying again in {Seconds} s")]
    private partial void LogRetrying(Exception e, double seconds);
}
