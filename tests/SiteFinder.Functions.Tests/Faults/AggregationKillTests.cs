using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SiteFinder.Functions.Status;
using SiteFinder.Functions.Storage;
using SiteFinder.Functions.Tests.Infrastructure;
using SiteFinder.Tests;

namespace SiteFinder.Functions.Tests.Faults;

/// <summary>
/// Storage SIGKILLed during an aggregation run, on an Azurite of this class's own, after the run
/// claimed its minute and read its reports and before it published: the board stays as it was (no
/// half-published one), the claimed minute is not run twice, and the next minute's run counts every
/// report once and shows each site as its staff said.
/// </summary>
public sealed class AggregationKillTests
{
    private const int Sites = 60;
    private static readonly string[] Levels = ["idle", "normal", "busy"];

    // A Thursday, 10:00 in Shanghai: the generated sites are open around the clock anyway.
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 12, 3, 2, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_run_killed_before_it_published_leaves_the_board_and_the_next_run_counts_every_report_once()
    {
        using var storage = new AzuriteProcess();
        await storage.StartAsync();
        KillDuringHistoryWrite? history = null;
        var host = new FaultHost(storage, _clock, services =>
        {
            services.RemoveAll<IStatusHistoryStore>();
            services.AddSingleton<IStatusHistoryStore>(sp => history = new KillDuringHistoryWrite(ActivatorUtilities.CreateInstance<TableStatusHistoryStore>(sp), storage));
        });
        await host.InitializeAsync();
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await host.ImportCsvAsync(GeneratedList.Csv("ak", Sites))).Response.StatusCode);
            for (var i = 0; i < Sites; i++)
            {
                var (issued, token) = await host.AdminAsync(HttpMethod.Post, $"manage/sites/{GeneratedList.Id("ak", i)}/tokens");
                Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
                var (reported, _) = await host.SendAsync(
                    HttpMethod.Post,
                    $"sites/{GeneratedList.Id("ak", i)}/status",
                    new { level = Levels[i % Levels.Length], clientReportId = "tap-1" },
                    new Dictionary<string, string> { ["x-staff-token"] = token.GetProperty("token").GetString()! });
                Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
            }

            await Task.Delay(AzuriteProcess.PersistInterval + TimeSpan.FromSeconds(1));

            var aggregator = host.App.Services.GetRequiredService<StatusAggregator>();
            var statuses = host.App.Services.GetRequiredService<StatusProvider>();
            _ = host.App.Services.GetRequiredService<IStatusHistoryStore>();
            history!.Arm();
            await Assert.ThrowsAnyAsync<Exception>(() => aggregator.RunAsync(CancellationToken.None));

            // Nothing was published: the instance still serves the board it had (none), no site shows a level.
            Assert.Equal(0, statuses.Health.Version);
            var (_, before) = await host.GetAsync($"sites/{GeneratedList.Id("ak", 2)}");
            Assert.Equal("noData", before.GetProperty("status").GetProperty("level").GetString());

            await storage.StartAsync();

            // The killed run's minute stays claimed: a second run of it does nothing (an overlapping timer would not double it).
            var again = await RunWhenStorageAnswersAsync(aggregator);
            Assert.False(again.Ran);

            _clock.Advance(TimeSpan.FromMinutes(1));
            var next = await RunWhenStorageAnswersAsync(aggregator);
            Assert.True(next.Ran);
            Assert.Equal(Sites, next.Reports);
            Assert.Equal(Sites, next.Sites);
            for (var i = 0; i < Sites; i++)
            {
                var (_, site) = await host.GetAsync($"sites/{GeneratedList.Id("ak", i)}");
                Assert.Equal(Levels[i % Levels.Length], site.GetProperty("status").GetProperty("level").GetString());
            }

            // And the run after it, with no new report, keeps every status: the checkpoint it left is whole.
            _clock.Advance(TimeSpan.FromMinutes(1));
            var after = await RunWhenStorageAnswersAsync(aggregator);
            Assert.True(after.Ran);
            Assert.Equal(Sites, after.Sites);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    /// <summary>The timer's next tick, as it were: a run that meets storage still reconnecting is tried again.</summary>
    private static async Task<AggregationResult> RunWhenStorageAnswersAsync(StatusAggregator aggregator)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await aggregator.RunAsync(CancellationToken.None);
            }
            catch (Azure.RequestFailedException) when (attempt < 10)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }
}
