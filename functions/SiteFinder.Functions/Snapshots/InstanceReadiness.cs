using SiteFinder.Functions.Configuration;
using SiteFinder.Functions.Sites;
using SiteFinder.Functions.Status;

namespace SiteFinder.Functions.Snapshots;

/// <summary>
/// Whether this instance can answer from storage-backed data: its catalogue is loaded and storage
/// answered a refresh within a few refresh periods. Reads only what the refresh loops recorded,
/// so the probe itself never touches storage.
/// </summary>
public sealed class InstanceReadiness(CatalogueProvider catalogue, StatusProvider statuses, RefreshPeriods periods, TimeProvider clock)
{
    /// <summary>Refresh periods without a storage answer before the instance stops calling itself ready: one missed refresh is a blip, three are an outage.</summary>
    private const int Periods = 3;

    public ReadinessReport Check()
    {
        var now = clock.GetUtcNow();
        var c = catalogue.Health;
        var s = statuses.Health;
        var window = periods.Longest * Periods;
        var lastSuccess = Latest(c.LastSuccessAt, s.LastSuccessAt);
        var reached = lastSuccess is { } at && now - at <= window;
        var lastError = (s.LastFailureAt ?? DateTimeOffset.MinValue) > (c.LastFailureAt ?? DateTimeOffset.MinValue) ? s.LastError : c.LastError;
        var storage = new StorageReadiness(reached, lastSuccess, Latest(c.LastFailureAt, s.LastFailureAt), lastError, (int)window.TotalSeconds);
        return new ReadinessReport(c.Loaded && reached ? "ready" : "not-ready", storage, new SnapshotsReadiness(View(c, now), View(s, now)));
    }

    private static SnapshotReadiness View(SnapshotHealth h, DateTimeOffset now) => new(
        h.Loaded,
        h.Version,
        h.Items,
        h.PublishedAt,
        h.LoadedAt,
        h.PublishedAt is { } published ? (long)Math.Max(0, (now - published).TotalSeconds) : null,
        h.LastSuccessAt,
        h.LastFailureAt,
        h.LastError);

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
