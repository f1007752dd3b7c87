using SiteFinder.Domain.Geo;
using static SiteFinder.Domain.Tests.Geo.GeoIndexFastPathTests;

namespace SiteFinder.Domain.Tests.Geo;

/// <summary>
/// <see cref="GeoIndex"/>'s halos (GeoIndex.Halos.cs), built here on small sets (an index builds them by itself only from
/// <see cref="GeoIndex.HaloMinPoints"/> points): every answer the brute-force one, whether the halo answers alone or
/// hands over to the tree.
/// </summary>
public class GeoIndexHaloTests
{
    [Theory]
    [MemberData(nameof(KeepingTheKBest), MemberType = typeof(GeoIndexFastPathTests))]
    public void Worldwide_points_with_halos_match_brute_force(bool kInRegisters)
    {
        var random = new Random(1101);
        var points = Enumerable.Range(0, 3_000).Select(_ => RandomPoint(random)).ToArray();
        AssertFastPathsMatch(points, Enumerable.Range(0, 200).Select(_ => RandomPoint(random)), random, maxK: 12, kInRegisters, halos: true);
    }

    [Theory]
    [MemberData(nameof(KeepingTheKBest), MemberType = typeof(GeoIndexFastPathTests))]
    public void Exact_ties_across_halos_go_to_the_lower_position(bool kInRegisters)
    {
        // A quarter as many distinct places as points: equal chords are common, inside one halo and across the boundary
        // between what a halo holds and what it does not.
        var random = new Random(1202);
        var points = ClusteredWithDuplicates(random, 4_000);
        var queries = Enumerable.Range(0, 300).Select(i => i % 3 == 0 ? points[random.Next(points.Length)] : new GeoPoint(31.2 + ((random.NextDouble() - 0.5) * 0.12), 121.4 + ((random.NextDouble() - 0.5) * 0.12)));
        AssertFastPathsMatch(points, queries, random, maxK: 12, kInRegisters, halos: true);
    }

    [Theory]
    [MemberData(nameof(KeepingTheKBest), MemberType = typeof(GeoIndexFastPathTests))]
    public void Small_and_degenerate_sets_with_halos_match_brute_force(bool kInRegisters)
    {
        var random = new Random(1303);
        var same = Enumerable.Repeat(new GeoPoint(31.2, 121.4), 300).ToArray();
        var meridian = Enumerable.Range(0, 300).Select(_ => new GeoPoint((random.NextDouble() * 2) - 1, 0)).ToArray();
        var tiny = Enumerable.Range(0, 300).Select(_ => new GeoPoint(31.2 + (random.NextDouble() * 1e-8), 121.4 + (random.NextDouble() * 1e-8))).ToArray();
        var mixed = tiny.Concat(same).Concat([new GeoPoint(-60, -100), new GeoPoint(80, 10)]).ToArray();
        var poles = new[] { new GeoPoint(90, 0), new GeoPoint(-90, 0), new GeoPoint(10, -180) }
            .SelectMany(c => Enumerable.Range(0, 200).Select(_ => new GeoPoint(Math.Clamp(c.Lat + ((random.NextDouble() - 0.5) * 0.3), -90, 90), c.Lng)))
            .ToArray();
        var sets = new[] { 1, 2, 9, 10, 11, 31, 32, 33, 65, 97 }.Select(n => ClusteredWithDuplicates(random, n)).Concat([same, meridian, tiny, mixed, poles]);
        foreach (var points in sets)
        {
            var queries = points.Take(30).Concat([new GeoPoint(31.2, 121.4), new GeoPoint(0, 0), new GeoPoint(-31.2, -58.6), new GeoPoint(89.99, 0)]);
            AssertFastPathsMatch(points, queries, random, maxK: 12, kInRegisters, halos: true);
        }
    }

    [Fact]
    public void Halos_answer_most_queries_alone_and_hand_the_rest_to_the_tree()
    {
        // The fast path must be the one taken (else the tests above would only check the tree), and a query the halo
        // cannot prove (far from its leaf's centre) must still get the brute-force answer.
        var random = new Random(1404);
        var points = Enumerable.Range(0, 20_000)
            .Select(_ => new GeoPoint(31.0 + (random.NextDouble() * 0.4), 121.2 + (random.NextDouble() * 0.5)))
            .ToArray();
        var index = new GeoIndex(points, kInRegisters: true, halos: true);
        Assert.True(index.HasHalos);
        var inside = Enumerable.Range(0, 1_000).Select(_ => new GeoPoint(31.0 + (random.NextDouble() * 0.4), 121.2 + (random.NextDouble() * 0.5))).ToArray();
        var answered = inside.Count(q => index.HaloAnswers(q, 10));
        Assert.InRange(answered, 900, 1_000);

        var far = new GeoPoint(-31.2, -58.6);
        Assert.False(index.HaloAnswers(far, 10));
        var buffer = new GeoHit[10];
        foreach (var q in inside.Take(200).Append(far))
        {
            var n = index.Nearest(q, buffer, double.PositiveInfinity, default(AcceptAll));
            Assert.Equal(BruteForce(points, q, 10, double.PositiveInfinity, _ => true), buffer.Take(n));
        }
    }

    [Fact]
    public void A_leaf_of_outliers_keeps_a_bounded_halo_and_exact_answers()
    {
        // Sites far from the city (a mis-geocoded row at 0,0, say) share leaves with the city's edge: such a leaf's reach
        // spans the city, and without the cap its halo would copy the whole city and be scanned by the queries landing there.
        var random = new Random(1707);
        var city = Enumerable.Range(0, 6_000).Select(_ => new GeoPoint(31.0 + (random.NextDouble() * 0.4), 121.2 + (random.NextDouble() * 0.5)));
        GeoPoint[] outliers = [new(0, 0), new(0, 0.01), new(-33.9, 151.2)];
        var points = city.Concat(outliers).ToArray();
        var index = new GeoIndex(points, kInRegisters: true, halos: true);
        Assert.InRange(index.LargestHalo, 8, 512);
        var queries = outliers.Concat(Enumerable.Range(0, 200).Select(_ => new GeoPoint(31.0 + (random.NextDouble() * 0.4), 121.2 + (random.NextDouble() * 0.5))));
        AssertFastPathsMatch(points, queries, random, maxK: 12, kInRegisters: true, halos: true);
    }

    [Fact]
    public void Only_an_index_of_the_threshold_builds_halos_and_they_cost_what_is_written()
    {
        var random = new Random(1505);
        Assert.False(new GeoIndex(ClusteredWithDuplicates(random, 1_000)).HasHalos);

        var points = Enumerable.Range(0, GeoIndex.HaloMinPoints)
            .Select(_ => new GeoPoint(30.7 + (random.NextDouble() * 1.2), 120.9 + (random.NextDouble() * 1.1)))
            .ToArray();
        var index = new GeoIndex(points);
        Assert.True(index.HasHalos);
        Assert.InRange(index.SizeInBytes / (double)points.Length, 100, 400);
        var buffer = new GeoHit[10];
        foreach (var q in Enumerable.Range(0, 20).Select(_ => points[random.Next(points.Length)]))
        {
            var n = index.Nearest(q, buffer, double.PositiveInfinity, default(AcceptAll));
            Assert.Equal(BruteForce(points, q, 10, double.PositiveInfinity, _ => true), buffer.Take(n));
        }
    }

    [Fact]
    public void Halo_queries_allocate_nothing_once_warm()
    {
        var random = new Random(1606);
        var points = ClusteredWithDuplicates(random, 20_000);
        var index = new GeoIndex(points, kInRegisters: true, halos: true);
        var filter = GeoBitset.Where(points.Length, i => i % 2 == 0);
        var buffer = new GeoHit[10];
        var queries = Enumerable.Range(0, 200).Select(_ => points[random.Next(points.Length)]).ToArray();

        void Run()
        {
            foreach (var q in queries)
            {
                index.Nearest(q, buffer, double.PositiveInfinity, filter);
                index.Nearest(q, buffer, 5_000, default(AcceptAll));
                index.Nearest(q, buffer.AsSpan(0, 3), double.PositiveInfinity, default(AcceptAll));
            }
        }

        Run();
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
