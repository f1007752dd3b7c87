using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Import;
using SiteFinder.Tests;

namespace SiteFinder.Domain.Tests.Geo;

public class GeoIndexTests
{
    /// <summary>The reference: every point's distance, sorted by (distance, position).</summary>
    private static List<GeoHit> BruteForce(IReadOnlyList<GeoPoint> points, GeoPoint q, int k, double maxMeters, Func<int, bool>? filter)
    {
        var max2 = GreatCircle.ChordSquaredFromMeters(maxMeters);
        return points
            .Select((p, i) => (D2: GreatCircle.ChordSquared(p, q), Index: i))
            .Where(x => x.D2 <= max2 && (filter is null || filter(x.Index)))
            .OrderBy(x => x.D2).ThenBy(x => x.Index)
            .Take(k)
            .Select(x => new GeoHit(x.Index, GreatCircle.MetersFromChordSquared(x.D2)))
            .ToList();
    }

    private static void AssertSameAsBruteForce(IReadOnlyList<GeoPoint> points, IEnumerable<GeoPoint> queries, Random random)
    {
        var index = new GeoIndex(points);
        var checkedQueries = 0;
        foreach (var q in queries)
        {
            var k = random.Next(1, 30);
            var radius = random.Next(3) == 0 ? double.PositiveInfinity : random.NextDouble() * 20_000;
            Func<int, bool>? filter = random.Next(2) == 0 ? null : i => (i * 2654435761u) % 2 == 0;
            Assert.Equal(BruteForce(points, q, k, radius, filter), index.Nearest(q, k, radius, filter));

            var within = index.Within(q, Math.Min(radius, 5_000), filter);
            Assert.Equal(BruteForce(points, q, int.MaxValue, Math.Min(radius, 5_000), filter), within);
            checkedQueries++;
        }

        Assert.True(checkedQueries > 0);
    }

    [Fact]
    public void Random_points_worldwide_match_brute_force()
    {
        var random = new Random(42);
        var points = Enumerable.Range(0, 5_000).Select(_ => new GeoPoint((random.NextDouble() * 180) - 90, (random.NextDouble() * 360) - 180)).ToArray();
        var queries = Enumerable.Range(0, 300).Select(_ => new GeoPoint((random.NextDouble() * 180) - 90, (random.NextDouble() * 360) - 180));
        AssertSameAsBruteForce(points, queries, random);
    }

    [Fact]
    public void Points_near_the_poles_and_the_antimeridian_match_brute_force()
    {
        var random = new Random(3);
        GeoPoint Near(double lat, double lng) => new(Math.Clamp(lat + ((random.NextDouble() - 0.5) * 0.2), -90, 90), WrapLng(lng + ((random.NextDouble() - 0.5) * 0.2)));
        var centres = new[] { new GeoPoint(89.99, 0), new GeoPoint(-89.99, 45), new GeoPoint(0, 180), new GeoPoint(65, -179.99), new GeoPoint(-40, 179.95) };
        var points = centres.SelectMany(c => Enumerable.Range(0, 800).Select(_ => Near(c.Lat, c.Lng))).ToArray();
        var queries = centres.SelectMany(c => Enumerable.Range(0, 40).Select(_ => Near(c.Lat, c.Lng)));
        AssertSameAsBruteForce(points, queries, random);

        // Across the antimeridian the nearest point is on the other side.
        var index = new GeoIndex([new GeoPoint(0, 179.999), new GeoPoint(0, 178)]);
        Assert.Equal(0, index.Nearest(new GeoPoint(0, -179.999), 1)[0].Index);
    }

    [Fact]
    public void Degenerate_boxes_match_brute_force()
    {
        // Boxes of zero width on every axis (all points coincide), on one axis (a meridian, the equator), and
        // boxes millimetres wide beside points far away: the children's boxes, coded relative to their parent's, must still hold their points.
        var random = new Random(11);
        var same = Enumerable.Repeat(new GeoPoint(31.2, 121.4), 700).ToArray();
        var meridian = Enumerable.Range(0, 700).Select(_ => new GeoPoint((random.NextDouble() * 2) - 1, 0)).ToArray();
        var equator = Enumerable.Range(0, 700).Select(_ => new GeoPoint(0, (random.NextDouble() * 2) - 1)).ToArray();
        var tiny = Enumerable.Range(0, 700).Select(_ => new GeoPoint(31.2 + (random.NextDouble() * 1e-8), 121.4 + (random.NextDouble() * 1e-8))).ToArray();
        var mixed = tiny.Concat(same).Concat([new GeoPoint(-60, -100), new GeoPoint(80, 10)]).ToArray();
        foreach (var points in new[] { same, meridian, equator, tiny, mixed })
        {
            var queries = points.Take(40).Concat([new GeoPoint(31.2, 121.4), new GeoPoint(0, 0), new GeoPoint(-31.2, -58.6)]);
            AssertSameAsBruteForce(points, queries, random);
        }
    }

    [Fact]
    public void Ties_go_to_the_lower_position()
    {
        var same = new GeoPoint(31.2, 121.4);
        var index = new GeoIndex([new GeoPoint(31.3, 121.4), same, same, same, new GeoPoint(31.1, 121.4)]);
        var hits = index.Nearest(same, 2);
        Assert.Equal([1, 2], hits.Select(h => h.Index));
        Assert.All(hits, h => Assert.Equal(0, h.DistanceMeters));
    }

    [Fact]
    public void Empty_index_and_zero_k_answer_nothing()
    {
        Assert.Empty(new GeoIndex([]).Nearest(new GeoPoint(0, 0), 5));
        Assert.Empty(new GeoIndex([new GeoPoint(0, 0)]).Nearest(new GeoPoint(0, 0), 0));
        Assert.Empty(new GeoIndex([]).Within(new GeoPoint(0, 0), 1000));
    }

    [RealDataFact]
    public void Real_site_lists_match_brute_force_with_shanghai_places_as_queries()
    {
        var sites = new List<GeoPoint>();
        foreach (var file in new[] { RealData.HangzhouSites, RealData.DalianSites })
        {
            using var reader = new StreamReader(RealData.PathOf(file));
            var plan = SiteImporter.Plan(SiteInput.FromCsv(reader, out var error), DateTimeOffset.UnixEpoch);
            Assert.Null(error);
            sites.AddRange(plan.Sites.Select(s => s.Location));
        }

        Assert.True(sites.Count > 2_000, $"only {sites.Count} sites read");
        var random = new Random(11);

        // Queries around the site lists' own points (real clustering, shared coordinates, ties) ...
        var nearSites = Enumerable.Range(0, 400).Select(_ => sites[random.Next(sites.Count)])
            .Select(p => new GeoPoint(p.Lat + ((random.NextDouble() - 0.5) * 0.02), p.Lng + ((random.NextDouble() - 0.5) * 0.02)));
        AssertSameAsBruteForce(sites, nearSites, random);

        // ... and from real Shanghai homes, far from every site: a k-NN with no close candidates.
        using var places = new StreamReader(RealData.PathOf(RealData.ShanghaiPlaces));
        var homes = CsvReader.Read(places).Skip(1)
            .Where(r => r.Fields.Count > 9 && r.Fields[9] == "1")
            .Select(r => ChinaCoordinates.GcjToWgs(new GeoPoint(double.Parse(r.Fields[3], System.Globalization.CultureInfo.InvariantCulture), double.Parse(r.Fields[2], System.Globalization.CultureInfo.InvariantCulture))))
            .Where((_, i) => i % 250 == 0)
            .ToList();
        Assert.True(homes.Count > 100);
        AssertSameAsBruteForce(sites, homes, random);
    }

    private static double WrapLng(double lng) => lng > 180 ? lng - 360 : lng < -180 ? lng + 360 : lng;
}
