using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SiteFinder.Domain.Planning;
using SiteFinder.Functions.Sites;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Planning;

/// <summary>
/// Publishes uploaded places and boundaries, and answers coverage and gaps from memory. The places
/// are placed in their districts once per pair of snapshots. Results are kept per catalogue, area,
/// minute, walking limit (and district, for gaps): each instance's refresh loop and every upload compute the default
/// one (now, 15 minutes, the whole city) ahead, so the usual request finds it ready; any other
/// instant is computed on demand (tens of milliseconds for the city, BENCHMARKS.md) and kept too.
/// </summary>
public sealed partial class PlanningService(
    CatalogueProvider catalogue,
    PlacesProvider places,
    DistrictsProvider districts,
    PlacesDocument placesDocument,
    DistrictsDocument districtsDocument,
    TimeProvider clock,
    ILogger<PlanningService> logger)
{
    /// <summary>Results kept at once; a planner's session asks a handful of instants, a new minute makes the old ones useless.</summary>
    public const int CachedResults = 32;

    private readonly ConcurrentDictionary<(object Catalogue, object Area, DateTimeOffset At, int Minutes, string? District, bool Gaps), Timed<object>> _results = new();
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<GapsResult, string> _maps = [];
    private AreaEntry? _area;

    public DateTimeOffset Now => PlanningInstant.Minute(clock.GetUtcNow());

    public async Task<SnapshotPublication> PublishPlacesAsync(IReadOnlyList<ResidentialPlace> uploaded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uploaded);
        var snapshot = new PlacesSnapshot(uploaded);
        var published = await placesDocument.PublishAsync(snapshot, uploaded.Count, cancellationToken);
        await places.ServeAsync(published, snapshot, cancellationToken);
        await WarmAsync(cancellationToken);
        return published;
    }

    public async Task<SnapshotPublication> PublishDistrictsAsync(IReadOnlyList<DistrictBoundary> uploaded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uploaded);
        var snapshot = new DistrictsSnapshot(uploaded);
        var published = await districtsDocument.PublishAsync(snapshot, uploaded.Count, cancellationToken);
        await districts.ServeAsync(published, snapshot, cancellationToken);
        await WarmAsync(cancellationToken);
        return published;
    }

    /// <summary>The inputs in force, or null when one of them could not be loaded since this instance started.</summary>
    public async Task<PlanningInputs?> InputsAsync(CancellationToken cancellationToken)
    {
        var served = await catalogue.GetAsync(cancellationToken);
        var placed = await places.GetAsync(cancellationToken);
        var bounded = await districts.GetAsync(cancellationToken);
        if (served is null || placed is null || bounded is null)
            return null;

        var entry = Volatile.Read(ref _area);
        if (entry is null || !ReferenceEquals(entry.Places, placed) || !ReferenceEquals(entry.Districts, bounded))
        {
            entry = new AreaEntry(placed, bounded, new PlanningArea(placed.Places, bounded.Districts));
            Volatile.Write(ref _area, entry);
        }

        return new PlanningInputs(served, entry.Area, places.Health.Version, districts.Health.Version);
    }

    public Timed<CoverageResult> Coverage(PlanningInputs inputs, DateTimeOffset at, int minutes)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return Cached(inputs, at, minutes, null, gaps: false, () => CoverageCalculator.Compute(inputs.Area, inputs.Catalogue.Catalogue.Sites, at, minutes));
    }

    /// <summary>
    /// The map of a gaps answer, drawn once per answer (about 60 ms and 1.9 MB for the city) and kept as long as
    /// the answer is: the answers are cached, so drawing on every request was the same work again.
    /// </summary>
    public string Map(GapsResult gaps) => _maps.GetValue(gaps, CoverageMap.Render);

    public Timed<GapsResult> Gaps(PlanningInputs inputs, DateTimeOffset at, int minutes, string? district)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var coverage = Coverage(inputs, at, minutes).Value;
        return Cached(inputs, at, minutes, district, gaps: true, () => GapFinder.Find(coverage, district));
    }

    /// <summary>
    /// What each instance's refresh loop (<see cref="PlanningRefreshService"/>) runs: reads the places and boundaries pointers (one entity each when nothing changed) and computes the
    /// default answers for this minute, so requests find them ready. Never throws for storage: a
    /// failed run only logs, and the next run or a request tries again.
    /// </summary>
    public async Task RecomputeAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Not the catalogue: the instance's snapshot refresh owns it, and a refresh here would hold its lock
            // while storage hangs, so that a request's first load waited behind it (HungStorageTests).
            await places.RefreshAsync(cancellationToken);
            await districts.RefreshAsync(cancellationToken);
            await WarmAsync(cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogRecomputeFailed(e);
        }
    }

    private async Task WarmAsync(CancellationToken cancellationToken)
    {
        // Only from a catalogue already loaded: warming must not be what starts a first load.
        if (!catalogue.Health.Loaded || await InputsAsync(cancellationToken) is not { } inputs || inputs.Area.Places.Count == 0)
            return;
        var gaps = Gaps(inputs, Now, WalkingTime.DefaultMinutes, null);
        if (!gaps.Cached)
            LogComputed(inputs.Area.Places.Count, gaps.Value.Coverage.City.CoveredShare, gaps.Milliseconds);
    }

    private Timed<T> Cached<T>(PlanningInputs inputs, DateTimeOffset at, int minutes, string? district, bool gaps, Func<T> compute)
        where T : class
    {
        var key = ((object)inputs.Catalogue, (object)inputs.Area, at, minutes, district, gaps);
        if (_results.TryGetValue(key, out var hit))
            return new Timed<T>((T)hit.Value, hit.Milliseconds, Cached: true);

        var watch = Stopwatch.StartNew();
        var value = compute();
        var timed = new Timed<object>(value, Math.Round(watch.Elapsed.TotalMilliseconds, 1), Cached: false);
        // Full: the other minutes go first, so that the answer for now that the refresh computed stays.
        if (_results.Count >= CachedResults)
        {
            foreach (var old in _results.Keys.Where(k => k.At != at).ToList())
                _results.TryRemove(old, out _);
        }

        if (_results.Count >= CachedResults)
            _results.Clear();
        _results[key] = timed;
        return new Timed<T>(value, timed.Milliseconds, Cached: false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Planning recompute failed; requests compute on demand")]
    private partial void LogRecomputeFailed(Exception e);

    [LoggerMessage(Level = LogLevel.Information, Message = "Planning coverage and gaps computed for {Places} places: {Share} covered, {Milliseconds} ms")]
    private partial void LogComputed(int places, double share, double milliseconds);

    private sealed record AreaEntry(PlacesSnapshot Places, DistrictsSnapshot Districts, PlanningArea Area);
}
