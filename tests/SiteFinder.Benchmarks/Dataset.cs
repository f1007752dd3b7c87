using SiteFinder.Domain.Geo;

namespace SiteFinder.Benchmarks;

/// <summary>
/// The benchmark data, the same on every machine: clustered points in Shanghai's bounding box
/// (fixed seeds), queries drawn from the same clustered distribution, and a filter that keeps half.
/// </summary>
public sealed class Dataset
{
    public const double MinLat = 30.67;
    public const double MaxLat = 31.88;
    public const double MinLng = 120.85;
    public const double MaxLng = 122.20;
    public const int QueryCount = 10_000;
    public const int K = 10;
    public const double RadiusMeters = 1_500;

    private const int Clusters = 400;
    private const double ClusteredShare = 0.85;
    private const int ClusterSeed = 2022;
    private const int QuerySeed = 7;

    private Dataset(int sites)
    {
        Sites = Generate(sites, 1_000 + sites);
        Queries = Generate(QueryCount, QuerySeed);
        HalfFilter = GeoBitset.Where(sites, KeepsHalf);
    }

    public GeoPoint[] Sites { get; }

    public GeoPoint[] Queries { get; }

    /// <summary>Keeps a pseudo-random half of the sites (a hash bit of the position).</summary>
    public GeoBitset HalfFilter { get; }

    public static Dataset Create(int sites) => new(sites);

    public static bool KeepsHalf(int index)
    {
        var z = (ulong)index + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return ((z ^ (z >> 31)) & 1) == 0;
    }

    /// <summary>
    /// Cluster centres are the same for every size (one seed); each cluster has a weight and a
    /// spread (lognormal, median 1.25 km); 15% of the points are spread uniformly over the box.
    /// </summary>
    private static GeoPoint[] Generate(int count, int seed)
    {
        var centres = new Random(ClusterSeed);
        var clusters = new (double Lat, double Lng, double SigmaKm)[Clusters];
        var cumulative = new double[Clusters];
        var total = 0.0;
        for (var c = 0; c < Clusters; c++)
        {
            var lat = MinLat + (centres.NextDouble() * (MaxLat - MinLat));
            var lng = MinLng + (centres.NextDouble() * (MaxLng - MinLng));
            var sigma = 1.25 * Math.Exp(0.5 * Gaussian(centres));
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
                if (random.NextDouble() < ClusteredShare)
                {
                    var pick = random.NextDouble() * total;
                    var c = Array.BinarySearch(cumulative, pick);
                    var (lat, lng, sigma) = clusters[Math.Min(c < 0 ? ~c : c, Clusters - 1)];
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
