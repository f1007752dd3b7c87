using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SiteFinder.Functions.Configuration;
using SiteFinder.Functions.Sites;
using SiteFinder.Functions.Snapshots;
using SiteFinder.Functions.Status;

namespace SiteFinder.Functions.Http;

/// <summary>
/// Two lanes with a concurrency limit each, so that residents' reads at full rate cannot starve
/// staff reports and operator writes. Without them every request's work shares the thread pool's
/// one queue: under 64 connections of reads a report's storage continuations waited behind
/// hundreds of reads (p50 5.7 s, 85 of 3,000 past 30 s). Reads past the lane's limit wait in its
/// queue, off the thread pool, and a write only ever waits for other writes. The health routes take
/// no lane: liveness and readiness must answer however busy the instance is. Called on the Functions
/// host by <see cref="ServingLaneMiddleware"/>, on the local host by its function invoker.
/// <para>
/// Every read answer also says how old this instance's data is (<see cref="CatalogueAgeHeader"/>,
/// <see cref="StatusAgeHeader"/>), so that during a storage outage, when the last snapshot is still
/// served, a client can tell.
/// </para>
/// </summary>
public sealed class ServingLanes : IDisposable
{
    /// <summary>Whole seconds since this instance last confirmed with storage that its catalogue is the newest published; absent before the first load.</summary>
    public const string CatalogueAgeHeader = "X-Catalogue-Age";

    /// <summary>The same for the status board.</summary>
    public const string StatusAgeHeader = "X-Status-Age";

    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    private readonly ConcurrencyLimiter _reads;
    private readonly ConcurrencyLimiter _writes;
    private readonly CatalogueProvider _catalogue;
    private readonly StatusProvider _statuses;
    private readonly TimeProvider _clock;

    public ServingLanes(IOptions<ServingLaneSettings> settings, CatalogueProvider catalogue, StatusProvider statuses, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var s = settings.Value;
        _reads = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = s.Reads, QueueLimit = s.ReadQueue, QueueProcessingOrder = QueueProcessingOrder.OldestFirst });
        _writes = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = s.WriteConcurrency, QueueLimit = s.WriteQueue, QueueProcessingOrder = QueueProcessingOrder.OldestFirst });
        _catalogue = catalogue;
        _statuses = statuses;
        _clock = clock;
    }

    /// <summary>
    /// Which lane a request takes: anonymous reads answered from memory (GET or HEAD outside manage/),
    /// everything else, or none (health). The read lane's limit is sized by cores because its requests
    /// never wait: a read that waits on Azure Maps (geocode, nearby by address) or on storage (busyness)
    /// would hold a permit for the whole wait and stall the memory reads behind it, so it takes the other lane.
    /// </summary>
    public static ServingLane LaneOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.Path;
        if (path.StartsWithSegments("/api/health", StringComparison.OrdinalIgnoreCase))
            return ServingLane.None;
        if (!IsRead(request))
            return ServingLane.Write;
        var waits = path.StartsWithSegments("/api/geocode", StringComparison.OrdinalIgnoreCase)
            || request.Query.ContainsKey("address")
            || (path.Value?.EndsWith("/busyness", StringComparison.OrdinalIgnoreCase) ?? false);
        return waits ? ServingLane.Write : ServingLane.Read;
    }

    /// <summary>A read outside manage/: its answer says how old this instance's data is, whichever lane it took.</summary>
    public static bool IsRead(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !request.Path.StartsWithSegments("/api/manage", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Waits for the request's turn in its lane. Returns the lease to dispose when the request is done,
    /// or null when the lane's queue was full and a 429 with Retry-After was written instead.
    /// </summary>
    public async Task<IDisposable?> EnterAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var lane = LaneOf(context.Request);
        if (lane == ServingLane.None)
            return NoLease.Instance;
        if (IsRead(context.Request))
            StampAges(context.Response);

        var lease = await (lane == ServingLane.Read ? _reads : _writes).AcquireAsync(1, context.RequestAborted);
        if (lease.IsAcquired)
            return lease;

        lease.Dispose();
        var problem = Problems.TooManyRequests("This instance has too many requests waiting; try again after Retry-After.", RetryAfter);
        await problem.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
        return null;
    }

    public void Dispose()
    {
        _reads.Dispose();
        _writes.Dispose();
    }

    private void StampAges(HttpResponse response)
    {
        var now = _clock.GetUtcNow();
        if (Age(_catalogue.Health, now) is { } catalogue)
            response.Headers[CatalogueAgeHeader] = catalogue;
        if (Age(_statuses.Health, now) is { } status)
            response.Headers[StatusAgeHeader] = status;
    }

    private static string? Age(SnapshotHealth health, DateTimeOffset now) =>
        health.Loaded && health.LastSuccessAt is { } at
            ? ((long)Math.Max(0, (now - at).TotalSeconds)).ToString(CultureInfo.InvariantCulture)
            : null;

    private sealed class NoLease : IDisposable
    {
        public static readonly NoLease Instance = new();

        public void Dispose()
        {
        }
    }
}
