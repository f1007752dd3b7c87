using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SiteFinder.Domain.Demo;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Geocoding;
using SiteFinder.Domain.Planning;
using SiteFinder.Domain.Sites;

namespace SiteFinder.Benchmarks.Planning;

/// <summary>
/// Coverage and gaps on the shared places file (29,197 rows in Shanghai's box) and district file
/// against the 9,000-site demo catalogue: the time of each computation (Stopwatch, after a warm-up,
/// median and best of 9) and the figures the README quotes. `dotnet run -c Release -- planning DATA_DIR [--out FILE]`.
/// </summary>
public static class PlanningBenchmark
{
    public const int Runs = 9;

    /// <summary>Thursday 2026-12-03 at 10:00 and 21:00, and 03:00 on the Sunday, Shanghai time.</summary>
    public static IReadOnlyList<DateTimeOffset> Instants { get; } =
    [
        new(2026, 12, 3, 10, 0, 0, TimeSpan.FromHours(8)),
        new(2026, 12, 3, 21, 0, 0, TimeSpan.FromHours(8)),
        new(2026, 12, 6, 3, 0, 0, TimeSpan.FromHours(8)),
    ];

    public static (PlanningArea Area, IReadOnlyList<Site> Sites) Load(string dataDirectory, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var watch = Stopwatch.StartNew();
        var places = ResidentialPlaceReader.FromCsv(File.ReadAllText(Path.Combine(dataDirectory, "shanghai-places-2022.csv")), GazetteerArea.Shanghai);
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(dataDirectory, "shanghai-districts.geojson")));
        var districts = DistrictBoundaryReader.FromGeoJson(document, CoordinateSystem.Gcj02, GazetteerArea.Shanghai);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"read {places.Places.Count} places and {districts.Districts.Count} districts in {watch.ElapsedMilliseconds} ms"));
        var sites = DemoCatalogue.Generate(DateTimeOffset.UnixEpoch);
        return (new PlanningArea(places.Places, districts.Districts), sites);
    }

    public static string Run(string dataDirectory, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var (area, sites) = Load(dataDirectory, log);
        var text = new StringBuilder();
        var assign = Time(() => new PlanningArea(area.Places, area.Boundaries));
        text.AppendLine(CultureInfo.InvariantCulture, $"{area.Places.Count:N0} places ({area.Assignments.Count(a => a == DistrictAssignment.Polygon):N0} placed by a boundary), 16 districts, the {sites.Count:N0}-site demo catalogue. Placing the places in their districts (point in polygon, once per upload): {assign.Median:F1} ms median, {assign.Best:F1} ms best.");
        text.AppendLine();
        text.AppendLine("| at (Shanghai) | open public sites | coverage (median / best) | gaps after coverage (median / best) | covered | covered weight | median walk | p90 walk | clusters | 10 suggestions lift coverage to |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var at in Instants)
        {
            var coverage = Time(() => CoverageCalculator.Compute(area, sites, at, WalkingTime.DefaultMinutes));
            var result = CoverageCalculator.Compute(area, sites, at, WalkingTime.DefaultMinutes);
            var gaps = Time(() => GapFinder.Find(result));
            var found = GapFinder.Find(result);
            var city = result.City;
            var lifted = found.Suggested.Count == 0 ? city.CoveredShare : found.Suggested[^1].CoveredShareAfter;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {PlanningInstant.ToLocalText(at)} ({ShanghaiDay(at)}) | {result.Sites.Sites.Count:N0} | {coverage.Median:F1} / {coverage.Best:F1} ms | {gaps.Median:F1} / {gaps.Best:F1} ms | {city.Covered:N0} ({city.CoveredShare:P1}) | {city.CoveredWeightShare:P1} | {Minutes(city.MedianMinutes)} | {Minutes(city.P90Minutes)} | {found.Clusters.Count:N0} | {lifted:P1} (+{found.Suggested.Sum(s => s.GainPlaces):N0} places) |");
            log.WriteLine($"{at:O}: coverage {coverage.Median:F1} ms, gaps {gaps.Median:F1} ms");
        }

        text.AppendLine();
        var morning = CoverageCalculator.Compute(area, sites, Instants[0], WalkingTime.DefaultMinutes);
        text.AppendLine(CultureInfo.InvariantCulture, $"Per district at {PlanningInstant.ToLocalText(Instants[0])}:");
        text.AppendLine();
        text.AppendLine("| district | places | covered | median walk | p90 walk |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var d in morning.Districts.OrderByDescending(d => d.Places))
            text.AppendLine(CultureInfo.InvariantCulture, $"| {d.District} | {d.Places:N0} | {d.CoveredShare:P1} | {Minutes(d.MedianMinutes)} | {Minutes(d.P90Minutes)} |");
        return text.ToString();
    }

    /// <summary>The README's map: the whole city at the first instant, 15 minutes, as planning/coverage.svg draws it.</summary>
    public static string Map(string dataDirectory, TextWriter log)
    {
        var (area, sites) = Load(dataDirectory, log);
        return CoverageMap.Render(GapFinder.Find(CoverageCalculator.Compute(area, sites, Instants[0], WalkingTime.DefaultMinutes)));
    }

    private static string ShanghaiDay(DateTimeOffset at) => Domain.Hours.ShanghaiClock.ToLocal(at).DayOfWeek.ToString()[..3];

    private static string Minutes(double? minutes) => minutes is { } m ? string.Create(CultureInfo.InvariantCulture, $"{m:F1} min") : "none open";

    private static (double Median, double Best) Time(Action action)
    {
        action();
        var samples = new double[Runs];
        for (var i = 0; i < Runs; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            samples[i] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(samples);
        return (samples[Runs / 2], samples[0]);
    }
}
