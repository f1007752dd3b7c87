using SiteFinder.Domain.Geo;

namespace SiteFinder.Domain.Tests.Geo;

/// <summary>The allocation-free, struct-filter overloads of <see cref="GeoIndex"/> against brute force.</summary>
public class GeoIndexFastPathTests
{
    internal static List<GeoHit> BruteForce(IReadOnlyList<GeoPoint> points, GeoPoint q, int k, double maxMeters, Func<int, bool> filter)
    {
        var max2 = GreatCircle.ChordSquaredFromMeters(maxMeters);
        return points
            .Select((p, i) => (D2: GreatCircle.ChordSquared(p, q), Index: i))
            .Where(x => x.D2 <= max2 && filter(x.Index))
            .OrderBy(x => x.D2).ThenBy(x => x.Index)
            .Take(k)
            .Select(x => new GeoHit(x.Index, GreatCircle.MetersFromChordSquared(x.D2)))
            .ToList();
    }

    internal static GeoPoint RandomPoint(Random random) => new((random.NextDouble() * 180) - 90, (random.NextDouble() * 360) - 180);

    /// <summary>Clusters with duplicated coordinates, so that equal distances (exact ties) are common and cross leaves.</summary>
    internal static GeoPoint[] ClusteredWithDuplicates(Random random, int count)
    {
        var distinct = Enumerable.Range(0, Math.Max(1, count / 4))
            .Select(_ => new GeoPoint(31.2 + ((random.NextDouble() - 0.5) * 0.1), 121.4 + ((random.NextDouble() - 0.5) * 0.1)))
            .ToArray();
        return Enumerable.Range(0, count).Select(_ => distinct[random.Next(distinct.Length)]).ToArray();
    }

    /// <summary>Both ways of keeping the k best: AVX-512 registers where the CPU has them, and the sorted array.</summary>
    public static TheoryData<bool> KeepingTheKBest => new() { true, false };

    /// <summary>Every kind of query on one index against brute force; <paramref name="halos"/> as <see cref="GeoIndex"/>'s test constructor takes it.</summary>
    internal static void AssertFastPathsMatch(GeoPoint[] points, IEnumerable<GeoPoint> queries, Random random, int maxK = 40, bool kInRegisters = true, bool? halos = null)
    {
        var index = new GeoIndex(points, kInRegisters, halos);
        var half = GeoBitset.Where(points.Length, i => (i * 2654435761u) % 3 != 0);
        var odd = new OddPositions();
        var buffer = new GeoHit[maxK];
        var within = new List<GeoHit>();
        foreach (var q in queries)
        {
            var k = random.Next(1, maxK + 1);
            var max = random.Next(3) == 0 ? double.PositiveInfinity : random.NextDouble() * 30_000;
            var radius = random.NextDouble() * 8_000;

            var n = index.Nearest(q, buffer.AsSpan(0, k), max, default(AcceptAll));
            Assert.Equal(BruteForce(points, q, k, max, _ => true), buffer.Take(n));

            n = index.Nearest(q, buffer.AsSpan(0, k), max, half);
            Assert.Equal(BruteForce(points, q, k, max, half.Accepts), buffer.Take(n));

            n = index.Nearest(q, buffer.AsSpan(0, k), max, odd);
            Assert.Equal(BruteForce(points, q, k, max, odd.Accepts), buffer.Take(n));

            var both = new BothFilter<GeoBitset, OddPositions>(half, odd);
            n = index.Nearest(q, buffer.AsSpan(0, k), max, both);
            Assert.Equal(BruteForce(points, q, k, max, both.Accepts), buffer.Take(n));

            index.Within(q, radius, half, within);
            Assert.Equal(BruteForce(points, q, int.MaxValue, radius, half.Accepts), within);
            index.Within(q, radius, default(AcceptAll), within);
            Assert.Equal(BruteForce(points, q, int.MaxValue, radius, _ => true), within);
        }
    }

    [Theory]
    [MemberData(nameof(KeepingTheKBest))]
    public void Struct_and_bitset_filters_match_brute_force_worldwide(bool kInRegisters)
    {
        var random = new Random(101);
        var points = Enumerable.Range(0, 3_000).Select(_ => RandomPoint(random)).ToArray();
        AssertFastPathsMatch(points, Enumerable.Range(0, 150).Select(_ => RandomPoint(random)), random, kInRegisters: kInRegisters);
    }

    [Theory]
    [MemberData(nameof(KeepingTheKBest))]
    public void Exact_ties_across_leaves_go_to_the_lower_position(bool kInRegisters)
    {
        var random = new Random(202);
        var points = ClusteredWithDuplicates(random, 4_000);
        var queries = Enumerable.Range(0, 150).Select(i => i % 3 == 0 ? points[random.Next(points.Length)] : new GeoPoint(31.2 + ((random.NextDouble() - 0.5) * 0.12), 121.4 + ((random.NextDouble() - 0.5) * 0.12)));
        AssertFastPathsMatch(points, queries, random, maxK: 60, kInRegisters: kInRegisters);

        // 100 copies of one point: every k answers the lowest positions, at distance 0.
        var same = Enumerable.Repeat(new GeoPoint(-33.9, 151.2), 100).ToArray();
        var index = new GeoIndex(same, kInRegisters);
        Assert.Equal(Enumerable.Range(0, 7), index.Nearest(same[0], 7).Select(h => h.Index));
        Assert.Equal(Enumerable.Range(0, 100), index.Within(same[0], 1).Select(h => h.Index));
    }

    [Theory]
    [MemberData(nameof(KeepingTheKBest))]
    public void Poles_and_antimeridian_with_filters_match_brute_force(bool kInRegisters)
    {
        var random = new Random(303);
        GeoPoint Near(GeoPoint c) => new(Math.Clamp(c.Lat + ((random.NextDouble() - 0.5) * 0.3), -90, 90), Wrap(c.Lng + ((random.NextDouble() - 0.5) * 0.3)));
        var centres = new[] { new GeoPoint(90, 0), new GeoPoint(-90, 0), new GeoPoint(89.9, 180), new GeoPoint(10, -180), new GeoPoint(-60, 179.9) };
        var points = centres.SelectMany(c => Enumerable.Range(0, 700).Select(_ => Near(c))).ToArray();
        AssertFastPathsMatch(points, centres.SelectMany(c => Enumerable.Range(0, 30).Select(_ => Near(c))), random, kInRegisters: kInRegisters);

        static double Wrap(double lng) => lng > 180 ? lng - 360 : lng < -180 ? lng + 360 : lng;
    }

    [Theory]
    [MemberData(nameof(KeepingTheKBest))]
    public void Every_small_size_around_the_leaf_size_matches_brute_force(bool kInRegisters)
    {
        var random = new Random(404);
        foreach (var count in new[] { 1, 2, 31, 32, 33, 63, 64, 65, 96, 97, 129, 200 })
        {
            var points = ClusteredWithDuplicates(random, count);
            AssertFastPathsMatch(points, Enumerable.Range(0, 20).Select(_ => points[random.Next(count)]), random, maxK: count + 3, kInRegisters: kInRegisters);
        }
    }

    [Theory]
    [MemberData(nameof(KeepingTheKBest))]
    public void Every_position_comes_back_once_and_padding_never(bool kInRegisters)
    {
        // The input positions live in each leaf block after its coordinates, the last leaf's padding slots hold -1:
        // asking for everything (k up to 16 and beyond, and a radius over the whole sphere) must give each position once.
        var random = new Random(505);
        foreach (var count in new[] { 1, 5, 16, 31, 32, 33, 47, 64, 65, 100 })
        {
            var points = Enumerable.Range(0, count).Select(_ => RandomPoint(random)).ToArray();
            var index = new GeoIndex(points, kInRegisters);
            var buffer = new GeoHit[count];
            var within = new List<GeoHit>();
            foreach (var q in new[] { points[0], points[^1], RandomPoint(random) })
            {
                var n = index.Nearest(q, buffer, double.PositiveInfinity, default(AcceptAll));
                Assert.Equal(Enumerable.Range(0, count), buffer.Take(n).Select(h => h.Index).Order());
                Assert.Equal(BruteForce(points, q, count, double.PositiveInfinity, _ => true), buffer.Take(n));
                index.Within(q, 2 * Math.PI * GreatCircle.EarthRadiusMeters, default(AcceptAll), within);
                Assert.Equal(Enumerable.Range(0, count), within.Select(h => h.Index).Order());
            }
        }
    }

    [Theory]
    [MemberData(nameof(KeepingTheKBest))]
    public void Every_k_on_both_sides_of_the_sorted_array_limit_matches_brute_force(bool kInRegisters)
    {
        // k up to 16 keeps AVX-512 registers or a sorted array, above it a heap: each, and the switch between them,
        // must give the brute-force answer, ties (duplicated points) and filters included.
        var random = new Random(606);
        var points = ClusteredWithDuplicates(random, 3_000);
        var index = new GeoIndex(points, kInRegisters);
        var half = GeoBitset.Where(points.Length, i => (i * 2654435761u) % 3 != 0);
        var buffer = new GeoHit[24];
        foreach (var q in Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? points[random.Next(points.Length)] : new GeoPoint(31.2 + ((random.NextDouble() - 0.5) * 0.12), 121.4 + ((random.NextDouble() - 0.5) * 0.12))))
        {
            for (var k = 1; k <= buffer.Length; k++)
            {
                var n = index.Nearest(q, buffer.AsSpan(0, k), double.PositiveInfinity, default(AcceptAll));
                Assert.Equal(BruteForce(points, q, k, double.PositiveInfinity, _ => true), buffer.Take(n));
                n = index.Nearest(q, buffer.AsSpan(0, k), 400, half);
                Assert.Equal(BruteForce(points, q, k, 400, half.Accepts), buffer.Take(n));
            }
        }
    }

    [Fact]
    public void Large_k_and_k_beyond_the_count_answer_everything_in_order()
    {
        var random = new Random(505);
        var points = ClusteredWithDuplicates(random, 1_000);
        var index = new GeoIndex(points);
        var q = new GeoPoint(31.21, 121.41);
        foreach (var k in new[] { 129, 500, 999, 1_000, 5_000 })
            Assert.Equal(BruteForce(points, q, k, double.PositiveInfinity, _ => true), index.Nearest(q, k));

        var buffer = new GeoHit[1_200];
        var n = index.Nearest(q, buffer, 2_000, default(AcceptAll));
        Assert.Equal(BruteForce(points, q, int.MaxValue, 2_000, _ => true), buffer.Take(n));
    }

    [Fact]
    public void Radius_with_thousands_of_hits_is_sorted_exactly()
    {
        var random = new Random(606);
        var points = ClusteredWithDuplicates(random, 20_000);
        var index = new GeoIndex(points);
        var within = new List<GeoHit>();
        foreach (var q in Enumerable.Range(0, 10).Select(_ => points[random.Next(points.Length)]))
        {
            index.Within(q, 3_000, default(AcceptAll), within);
            Assert.True(within.Count > 1_000, $"{within.Count} hits");
            Assert.Equal(BruteForce(points, q, int.MaxValue, 3_000, _ => true), within);
        }
    }

    [Fact]
    public void Degenerate_arguments_answer_nothing()
    {
        var index = new GeoIndex([new GeoPoint(0, 0), new GeoPoint(0, 0.001)]);
        var buffer = new GeoHit[4];
        var within = new List<GeoHit> { new(9, 9) };
        Assert.Equal(0, index.Nearest(new GeoPoint(0, 0), buffer, -1));
        Assert.Equal(0, index.Nearest(new GeoPoint(0, 0), buffer, double.NaN));
        Assert.Equal(0, index.Nearest(new GeoPoint(0, 0), Span<GeoHit>.Empty));
        Assert.Equal(0, index.Nearest(new GeoPoint(0, 0), buffer, double.PositiveInfinity, new RejectAll()));
        index.Within(new GeoPoint(0, 0), double.NaN, default(AcceptAll), within);
        Assert.Empty(within);
        Assert.Empty(index.Within(new GeoPoint(0, 0), -5));
        Assert.Equal(1, index.Nearest(new GeoPoint(0, 0), buffer, 0));
        Assert.Equal(0, new GeoIndex([]).Nearest(new GeoPoint(0, 0), buffer));
        new GeoIndex([]).Within(new GeoPoint(0, 0), 10, default(AcceptAll), within);
        Assert.Empty(within);
    }

    [Fact]
    public void Fast_paths_allocate_nothing_once_warm()
    {
        var random = new Random(707);
        var points = ClusteredWithDuplicates(random, 50_000);
        var index = new GeoIndex(points);
        var filter = GeoBitset.Where(points.Length, i => i % 2 == 0);
        var buffer = new GeoHit[10];
        var within = new List<GeoHit>(100_000);
        var queries = Enumerable.Range(0, 200).Select(_ => points[random.Next(points.Length)]).ToArray();

        void Run()
        {
            foreach (var q in queries)
            {
                index.Nearest(q, buffer, double.PositiveInfinity, filter);
                index.Nearest(q, buffer, 5_000, default(AcceptAll));
                index.Within(q, 1_500, default(AcceptAll), within);
            }
        }

        Run();
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Index_memory_stays_within_32_bytes_per_site()
    {
        var random = new Random(808);
        foreach (var count in new[] { 10_000, 100_000 })
        {
            var index = new GeoIndex(Enumerable.Range(0, count).Select(_ => RandomPoint(random)).ToArray());
            Assert.InRange(index.SizeInBytes / (double)count, 28, 32);
        }
    }

    [Fact]
    public void Concurrent_readers_get_the_same_answers()
    {
        var random = new Random(909);
        var points = ClusteredWithDuplicates(random, 20_000);
        var index = new GeoIndex(points);
        var queries = Enumerable.Range(0, 400).Select(_ => new GeoPoint(31.2 + ((random.NextDouble() - 0.5) * 0.1), 121.4 + ((random.NextDouble() - 0.5) * 0.1))).ToArray();
        var expected = queries.Select(q => index.Nearest(q, 10)).ToArray();
        Parallel.For(0, 4_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            Span<GeoHit> hits = stackalloc GeoHit[10];
            var n = index.Nearest(queries[i % queries.Length], hits);
            Assert.Equal(expected[i % queries.Length], hits[..n].ToArray());
        });
    }

    [Fact]
    public void Bitset_holds_the_positions_it_was_built_with_and_added()
    {
        var sixes = GeoBitset.Where(130, i => i % 6 == 0);
        Assert.Equal(22, Enumerable.Range(0, 130).Count(i => sixes[i]));
        Assert.True(sixes[126]);
        Assert.False(sixes[128]);
        sixes.Add(128);
        Assert.True(sixes.Accepts(128));
        Assert.False(sixes.Accepts(1));
    }

    private readonly struct OddPositions : IGeoFilter
    {
        public bool Accepts(int index) => index % 2 == 1;
    }

    private readonly struct RejectAll : IGeoFilter
    {
        public bool Accepts(int index) => false;
    }
}
