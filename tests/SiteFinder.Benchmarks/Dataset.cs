using System.Globalization;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Import;

namespace SiteFinder.Benchmarks;

/// <summary>Where the benchmark's sites and queries come from (issue 16: the kernel on data it was not tuned for).</summary>
public enum Distribution
{
    /// <summary>85% in 400 Gaussian clusters (median spread 1.25 km) over Shanghai's box, 15% uniform: the data the kernel was tuned on.</summary>
    Clusters400,

    /// <summary>Fewer, tighter clusters: 95% in 100 clusters with a median spread of 500 m, 5% uniform.</summary>
    Tight100,

    /// <summary>The 29,197 Shanghai places of shanghai-places-2022.csv (GCJ-02 → WGS-84), repeated with up to 250 m of jitter.</summary>
    ShanghaiPlaces,

    /// <summary>The 1,000 sites of sites-hangzhou-2022.csv (GCJ-02 → WGS-84), repeated with up to 250 m of jitter: 1,000 copies each at 1M.</summary>
    HangzhouSites,
}

/// <summary>
/// The benchmark data, the same on every machine (fixed seeds): sites of one <see cref="Distribution"/>,
/// queries drawn from the same distribution (so they fall where residents are), and a filter that keeps half.
/// </summary>
public sealed class Dataset
{
    public const double MinLat = 30.67;
    public const double MaxLat = 31.88;
    public const double MinLng = 120.85;
    public const double MaxLng = 122.20;
    public const int QueryCount = 10_000;

    /// <summary>
    /// The radius kernel runs the first 1,000 queries: on tight clusters a 1.5 km disc holds tens of thousands
    /// of sites at 1M, and geokdbush would take minutes over all 10,000.
    /// </summary>
    public const int RadiusQueryCount = 1_000;
    public const int K = 10;
    public const double RadiusMeters = 1_500;

    private const int ClusterSeed = 2022;
    private const int QuerySeed = 7;
    private const double JitterMeters = 250;

    private Dataset(Distribution distribution, GeoPoint[] sites, GeoPoint[] queries)
    {
        Distribution = distribution;
        Sites = sites;
        Queries = queries;
        HalfFilter = GeoBitset.Where(sites.Length, KeepsHalf);
    }

    public Distribution Distribution { get; }

    public GeoPoint[] Sites { get; }

    public GeoPoint[] Queries { get; }

    /// <summary>Keeps a pseudo-random half of the sites (a hash bit of the position).</summary>
    public GeoBitset HalfFilter { get; }

    /// <summary>The distributions the per-query pass and the geokdbush comparison run, in their order.</summary>
    public static IReadOnlyList<Distribution> All { get; } = Enum.GetValues<Distribution>();

    /// <summary>The folder of the shared real lists: SHARED_DATA_DIR, or shared/data beside the repository (or above it); null when absent.</summary>
    public static string? RealDataFolder { get; } = FindRealData();

    public static string Name(Distribution d) => d switch
    {
        Distribution.Clusters400 => "400 clusters",
        Distribution.Tight100 => "100 tight clusters",
        Distribution.ShanghaiPlaces => "Shanghai places ×",
        Distribution.HangzhouSites => "Hangzhou sites ×",
        _ => throw new ArgumentOutOfRangeException(nameof(d)),
    };

    public static string Slug(Distribution d) => d.ToString().ToLowerInvariant();

    public static Dataset Create(int sites) => Create(sites, Distribution.Clusters400)!;

    /// <summary>The data set, or null (with the reason in <paramref name="skipped"/>) when a real list is not on this machine.</summary>
    public static Dataset? Create(int sites, Distribution distribution, out string? skipped)
    {
        skipped = null;
        switch (distribution)
        {
            case Distribution.Clusters400:
                return new Dataset(distribution, Clustered(sites, 1_000 + sites, 400, 1.25, 0.85), Clustered(QueryCount, QuerySeed, 400, 1.25, 0.85));
            case Distribution.Tight100:
                return new Dataset(distribution, Clustered(sites, 1_000 + sites, 100, 0.5, 0.95), Clustered(QueryCount, QuerySeed, 100, 0.5, 0.95));
            default:
                var file = distribution == Distribution.ShanghaiPlaces ? "shanghai-places-2022.csv" : "sites-hangzhou-2022.csv";
                var path = RealDataFolder is null ? null : Path.Combine(RealDataFolder, file);
                if (path is null || !File.Exists(path))
                {
                    skipped = $"{Name(distribution)}: {file} not found (set SHARED_DATA_DIR, or put shared/data beside the repository); skipped.";
                    return null;
                }

                var real = RealPoints(path, distribution == Distribution.ShanghaiPlaces);
                return new Dataset(distribution, Repeated(real, sites, 1_000 + sites), Repeated(real, QueryCount, QuerySeed));
        }
    }

    private static Dataset? Create(int sites, Distribution distribution) => Create(sites, distribution, out _);

    public static bool KeepsHalf(int index)
    {
        var z = (ulong)index + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return ((z ^ (z >> 31)) & 1) == 0;
    }

    /// <summary>
    /// Cluster centres are the same for every size (one seed); each cluster has a weight and a
    /// spread (lognormal around the median); the rest of the points are spread uniformly over the box.
    /// </summary>
    private static GeoPoint[] Clustered(int count, int seed, int clusterCount, double medianSigmaKm, double clusteredShare)
    {
        var centres = new Random(ClusterSeed);
        var clusters = new (double Lat, double Lng, double SigmaKm)[clusterCount];
        var cumulative = new double[clusterCount];
        var total = 0.0;
        for (var c = 0; c < clusterCount; c++)
        {
            var lat = MinLat + (centres.NextDouble() * (MaxLat - MinLat));
            var lng = MinLng + (centres.NextDouble() * (MaxLng - MinLng));
            var sigma = medianSigmaKm * Math.Exp(0.5 * Gaussian(centres));
            var weight = Math.Exp(Gaussian(centres));
            total += weight;
            clusters[c] = (lat, lng, sigma);
            cumulative[c] = total;
        }

        var random = new Random(seed);
        var points = new GeoPoint[count];
        for (var i = 0; i < count; i++)
        {
            while (true)
            {
                GeoPoint p;
                if (random.NextDouble() < clusteredShare)
                {
                    var pick = random.NextDouble() * total;
                    var c = Array.BinarySearch(cumulative, pick);
                    var (lat, lng, sigma) = clusters[Math.Min(c < 0 ? ~c : c, clusterCount - 1)];
                    var dLat = Gaussian(random) * sigma / 111.2;
                    var dLng = Gaussian(random) * sigma / (111.2 * Math.Cos(lat * Math.PI / 180));
                    p = new GeoPoint(lat + dLat, lng + dLng);
                }
                else
                {
                    p = new GeoPoint(MinLat + (random.NextDouble() * (MaxLat - MinLat)), MinLng + (random.NextDouble() * (MaxLng - MinLng)));
                }

                if (p.Lat is >= MinLat and <= MaxLat && p.Lng is >= MinLng and <= MaxLng)
                {
                    points[i] = new GeoPoint(Math.Round(p.Lat, 6), Math.Round(p.Lng, 6));
                    break;
                }
            }
        }

        return points;
    }

    /// <summary>
    /// The real points, in file order, converted to WGS-84 as an import converts them. The places file keeps
    /// only the rows it marks as inside Shanghai's box (the others include 274 at 0,0); the site list keeps
    /// every row, its two far-away points too: real lists are messy.
    /// </summary>
    private static GeoPoint[] RealPoints(string path, bool places)
    {
        using var reader = new StreamReader(path);
        var rows = CsvReader.Read(reader).ToList();
        var header = rows[0].Fields;
        var lng = IndexOf("lng");
        var lat = IndexOf("lat");
        var inBox = places ? IndexOf("in_shanghai_bbox") : -1;
        var points = new List<GeoPoint>();
        foreach (var (_, fields) in rows.Skip(1))
        {
            if (inBox >= 0 && fields[inBox] != "1")
                continue;
            if (!double.TryParse(fields[lat], CultureInfo.InvariantCulture, out var la) || !double.TryParse(fields[lng], CultureInfo.InvariantCulture, out var lo))
                continue;
            points.Add(ChinaCoordinates.GcjToWgs(new GeoPoint(la, lo)));
        }

        return [.. points];

        int IndexOf(string column)
        {
            for (var i = 0; i < header.Count; i++)
            {
                if (header[i] == column)
                    return i;
            }

            throw new InvalidDataException($"{path} has no column {column}.");
        }
    }

    /// <summary>
    /// count points from the real ones: below their number a seeded sample without repeats; above it every real
    /// point once as it is, then further copies each moved by up to <see cref="JitterMeters"/> in a random direction
    /// (uniform over the disc), so a million points keep the real list's shape at 34 (places) to 1,000 (sites) times its density.
    /// </summary>
    private static GeoPoint[] Repeated(GeoPoint[] real, int count, int seed)
    {
        var random = new Random(seed);
        var order = Enumerable.Range(0, real.Length).ToArray();
        random.Shuffle(order);
        var points = new GeoPoint[count];
        for (var i = 0; i < count; i++)
        {
            var p = real[order[i % real.Length]];
            if (i >= real.Length)
            {
                var r = JitterMeters * Math.Sqrt(random.NextDouble());
                var angle = 2 * Math.PI * random.NextDouble();
                var dLat = r * Math.Sin(angle) / 111_200.0;
                var dLng = r * Math.Cos(angle) / (111_200.0 * Math.Cos(p.Lat * Math.PI / 180));
                p = new GeoPoint(p.Lat + dLat, p.Lng + dLng);
            }

            points[i] = new GeoPoint(Math.Round(p.Lat, 6), Math.Round(p.Lng, 6));
        }

        return points;
    }

    private static string? FindRealData()
    {
        var configured = Environment.GetEnvironmentVariable("SHARED_DATA_DIR");
        if (!string.IsNullOrEmpty(configured))
            return Directory.Exists(configured) ? configured : null;

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate))
                return candidate;
        }

        return null;
    }

    private static double Gaussian(Random random)
    {
        var u = 1.0 - random.NextDouble();
        var v = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }

    /// <summary>
    /// Writes sites, queries (float64 lng, lat pairs, little-endian) and the filter (one byte per site)
    /// for the Node comparison.
    /// </summary>
    public void Export(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "name.txt"), Name(Distribution));
        Write(Path.Combine(folder, $"sites-{Sites.Length}.f64"), Sites);
        Write(Path.Combine(folder, "queries.f64"), Queries);
        var keep = new byte[Sites.Length];
        for (var i = 0; i < keep.Length; i++)
            keep[i] = HalfFilter.Accepts(i) ? (byte)1 : (byte)0;
        File.WriteAllBytes(Path.Combine(folder, $"filter-{Sites.Length}.u8"), keep);

        static void Write(string path, GeoPoint[] points)
        {
            using var writer = new BinaryWriter(File.Create(path));
            foreach (var p in points)
            {
                writer.Write(p.Lng);
                writer.Write(p.Lat);
            }
        }
    }
}
