using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Sites;
using SiteFinder.Domain.Status;
using SiteFinder.Functions.Http;
using SiteFinder.Functions.Sites;
using SiteFinder.Functions.Status;

namespace SiteFinder.Functions.Snapshots;

/// <summary>
/// Starts the catalogue's and the status board's first loads as soon as the app's services are built, before
/// the host starts its hosted services and its server, so that the snapshot is read while they start instead
/// of after. Both hosts call it between building and running the app (Program.cs, the local host): the first
/// nearby answer waited for that load, which began only when the refresh loop started (BENCHMARKS.md,
/// "Issue 16: start-up").
/// </summary>
public static class FirstLoads
{
    /// <summary>
    /// Before the host is built: makes a throwaway storage client on the thread pool while the host reads its settings
    /// and registers its services on the other core. The first load has to make the real one (from the app's settings,
    /// through its registration) before its first request, and the first client a process makes pays for loading and
    /// preparing Azure.Core's pipeline: 40–50 ms of the start here, 15–20 ms after this (BENCHMARKS.md, "Issue 16:
    /// start-up", tenth pass). The throwaway client is never used: making one sends nothing.
    /// </summary>
    public static void Prepare() =>
        _ = Task.Run(() => new TableServiceClient(WarmUpConnection));

    /// <summary>
    /// The local storage emulator's well-known connection, for <see cref="Prepare"/> only: any well-formed connection
    /// string would do, and this one holds no secret.
    /// </summary>
    private const string WarmUpConnection = "UseDevelopmentStorage=true";

    /// <summary>
    /// On the thread pool, including resolving the providers: a setting that fails validation must still fail
    /// the host's start as it did (ValidateOnStart), not this call; here such a failure is only dropped.
    /// </summary>
    public static void Start(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _ = Task.Run(() =>
        {
            var statuses = services.GetRequiredService<StatusProvider>();
            services.GetRequiredService<CatalogueProvider>().StartFirstLoad();
            statuses.StartFirstLoad();

            // While the loads wait for storage.
            WarmNearbyAnswer(statuses.Current, services.GetRequiredService<TimeProvider>());
        }).ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// Answers a nearby query over a catalogue of one made-up site, and drops the answer: the first real answer
    /// otherwise paid for the answer path's first run (the views' JSON metadata, the hours and answer writers)
    /// after the catalogue had loaded, 110–290 ms of the start here. Nothing is stored or served.
    /// </summary>
    public static void WarmNearbyAnswer(StatusBoard board, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(clock);
        var site = new SiteRecord
        {
            Id = "0000000000000000",
            SourceId = "warm-up",
            Name = "warm-up",
            Address = "warm-up",
            Hours = "周一至周日 8:00-11:30、13:00-17:00",
            Lat = 31.2304,
            Lng = 121.4737,
        }.ToSite();
        var served = new ServedCatalogue(new Catalogue([site]));
        var now = clock.GetUtcNow();
        var hits = served.Catalogue.Nearby(new NearbyQuery(site.Location, 10, 1_000), now, board);
        foreach (var coord in Enum.GetValues<CoordinateSystem>())
            _ = NearbyJson.Write(hits, served, coord, now, board);
    }
}
