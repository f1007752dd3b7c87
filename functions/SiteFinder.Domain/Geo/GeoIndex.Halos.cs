using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SiteFinder.Domain.Geo;

/// <summary>
/// Halos, for indexes beyond the caches: a k-nearest query (k up to <see cref="HaloK"/>) answered from one run of
/// memory beside its leaf instead of a walk over boxes and leaves spread through the whole index.
/// </summary>
/// <remarks>
/// Each leaf has a halo: every point within its <em>reach</em> of the leaf's centre c (the centre of its box), its own
/// and its neighbours', copied into one block in groups of 8, nearest to c first. A query goes down the split planes to
/// its leaf (4 bytes a level, 125 KB at 1,000,000 sites, so in cache) and scans the groups in order. Why the answer is
/// exact, in the 3-D space of unit vectors, where the chord is the Euclidean distance: a point p at r from c is at least
/// r − |q − c| from the query q (triangle inequality). So when a group's nearest point to c already gives r − |q − c|
/// beyond the visitor's bound, no point of it or of a later group can enter the answer; and a point outside the halo is
/// farther than the reach from c, so when reach − |q − c| is beyond the bound, nothing outside can either. A point
/// exactly at the bound still enters (the scan's test is ≤), and every excluded one is strictly beyond it (with a margin
/// far above the rounding), so ties break by position as in the tree. When neither test proves the scan complete (a
/// query far from its leaf's centre, or a filter that rejects many), the tree's walk answers, starting from the k-th the
/// halo found, which the true k-th cannot exceed. Answers are the tree's, bit for bit.
/// The reach: a query near one of the leaf's points p finds its k nearest within about p's (k + 1)-th nearest of p, so
/// within |p − c| plus that of c; the leaf's eight outermost points set it. A halo holds at most <see cref="HaloMaxPoints"/>
/// (a leaf of outliers, say a mis-geocoded site far from the city, would otherwise copy a share of the catalogue and scan
/// it): the nearest to c, and its reach becomes the distance of the first it leaves out, which the argument above needs.
/// What it costs and gains (BENCHMARKS.md, issue 16, ninth pass): 128–183 more bytes a site (a copy is 32 bytes, so
/// each point is in 4–6 halos), building 1,000,000 sites takes 1.0–1.2 s instead of 0.3–0.4 s; k = 10 at 1,000,000 sites
/// 0.67–0.81× the tree's time (same process), at 500,000 0.68–0.71×, at 250,000 0.94–1.0×, at 100,000 1.10–1.23×
/// (there the tree's blocks are in cache and a halo scans more points than the walk), so only an index of at least
/// <see cref="HaloMinPoints"/> points builds them.
/// </remarks>
public sealed partial class GeoIndex
{
    /// <summary>The largest k the halos answer: nearby lists up to ten sites by default.</summary>
    private const int HaloK = 10;

    /// <summary>Points from which an index builds halos: below it the tree's blocks stay in the caches and walk faster (measured).</summary>
    public const int HaloMinPoints = 300_000;

    /// <summary>The most points a halo holds (64 groups; a halo holds 100–200 on the benchmark's data).</summary>
    private const int HaloMaxPoints = 512;

    private const int HaloHeader = 8;         // doubles before a halo's groups: centre x y z, reach, groups, the centre's HaloK-th nearest, 2 unused
    private const int HaloGroup = 32;         // doubles a group of 8 points: x[8], y[8], z[8], positions[8] (as 4 doubles), its first point's distance from the centre, 3 unused
    private const double HaloMargin = 1e-12;  // chord units (6 µm on the Earth), far above the rounding of the distances compared

    private readonly double[]? _halos;        // pinned, the leaves' halo blocks from _haloBase (64-byte aligned), each a header and its groups
    private readonly int _haloBase;
    private readonly int[]? _haloStarts;      // per leaf: its halo block's first double, from _haloBase

    /// <summary>Whether this index has halos (built with at least <see cref="HaloMinPoints"/> points, or asked for).</summary>
    internal bool HasHalos => _halos is not null;

    /// <summary>For tests: the most points (in whole groups of 8) any halo holds.</summary>
    internal int LargestHalo
    {
        get
        {
            var groups = 0.0;
            for (var leaf = 0; _halos is not null && leaf < _leaves; leaf++)
                groups = Math.Max(groups, _halos[_haloBase + _haloStarts![leaf] + 4]);
            return 8 * (int)groups;
        }
    }

    /// <summary>
    /// For tests: whether the halo of the query's leaf answers k nearest without a filter by itself, without the tree,
    /// keeping the k best as <see cref="SearchNearest"/> does on this machine.
    /// </summary>
    internal bool HaloAnswers(GeoPoint query, int k)
    {
        k = Math.Min(k, Count);
        if (_halos is null || k is <= 0 or > HaloK)
            return false;

        var q = Vector(query);
        var max = GreatCircle.ChordSquaredFromMeters(double.PositiveInfinity);
        ref var halo = ref Halo<AcceptAll>(q, max, out var toCentre, out var start);
        if (_kInRegisters)
        {
            var inRegisters = new KnnVector<AcceptAll>(k, start, default);
            return AnsweredByHalo(ref halo, q, toCentre, start == max, ref inRegisters);
        }

        Span<GeoHit> hits = stackalloc GeoHit[k];
        var sorted = new KnnSorted<AcceptAll>(hits, start, default);
        return AnsweredByHalo(ref halo, q, toCentre, start == max, ref sorted);
    }

    /// <summary>
    /// The halo block of the query's leaf, the query's distance from that leaf's centre (plus the margin), and the bound a
    /// scan of it starts from, which spares it offering points that the first ones found would push out again. That bound
    /// needs no proof: the scan is an answer only with k hits within it, and then the true k-th is within it too (see
    /// <see cref="AnsweredByHalo"/>). Without a filter, the centre's k nearest are within (toCentre + the centre's k-th
    /// nearest) of the query, so k hits are almost always there; a filter may reject most of those points, so a filtered
    /// search starts from its limit.
    /// </summary>
    private ref double Halo<TFilter>(Vector256<double> q, double maxChord2, out double toCentre, out double start)
    {
        var qx = q.GetElement(0);
        var qy = q.GetElement(1);
        var qz = q.GetElement(2);
        Span<float> qf = [(float)qx, (float)qy, (float)qz, 0];

        // Down the split planes only, as the tree's first descent goes; no box is read.
        ref var splits = ref MemoryMarshal.GetArrayDataReference(_splits);
        var node = 0;
        var leaf = 0;
        var leaves = _leaves;
        while (leaves > 1)
        {
            var left = (leaves + 1) >> 1;
            if (GoesLeft(Unsafe.Add(ref splits, node), qf))
            {
                node++;
                leaves = left;
            }
            else
            {
                node += left;
                leaf += left;
                leaves -= left;
            }
        }

        ref var block = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_halos!), _haloBase + _haloStarts![leaf]);
        var dx = qx - block;
        var dy = qy - Unsafe.Add(ref block, 1);
        var dz = qz - Unsafe.Add(ref block, 2);
        toCentre = Math.Sqrt((dx * dx) + (dy * dy) + (dz * dz)) + HaloMargin;
        var reach = toCentre + Unsafe.Add(ref block, 5) + HaloMargin;
        start = typeof(TFilter) == typeof(AcceptAll) ? Math.Min(maxChord2, reach * reach) : maxChord2;
        return ref block;
    }

    /// <summary>
    /// Scans a halo's groups into the visitor until the rest cannot matter; answers whether the visitor then holds the
    /// answer: nothing it did not scan, inside the halo or outside it, can enter (see the class remarks), and it holds k hits
    /// within its starting bound or that bound was the search's own limit.
    /// </summary>
    private static bool AnsweredByHalo<TVisitor>(ref double block, Vector256<double> q, double toCentre, bool startedAtLimit, ref TVisitor visitor)
        where TVisitor : struct, IKnnVisitor, allows ref struct
    {
        // A local copy, written back at the end: the JIT keeps a local's fields in registers, not a ref's.
        var v = visitor;
        var groups = (int)Unsafe.Add(ref block, 4);
        var qx = Vector256.Create(q.GetElement(0));
        var qy = Vector256.Create(q.GetElement(1));
        var qz = Vector256.Create(q.GetElement(2));
        ref var group = ref Unsafe.Add(ref block, HaloHeader);
        var complete = false;
        for (var g = 0; g < groups; g++, group = ref Unsafe.Add(ref group, HaloGroup))
        {
            // Invariant: groups come in ascending order of their points' distance from the centre, and a group's first
            // point is its nearest to it, so this bounds from below every point from here on and every point outside the
            // halo (all farther from the centre than the reach, which is at least this distance): the scan is complete.
            var ahead = Unsafe.Add(ref group, 28) - toCentre;
            if (ahead > 0 && ahead * ahead > v.Bound)
            {
                complete = true;
                break;
            }

            ref var ids = ref Unsafe.As<double, int>(ref Unsafe.Add(ref group, 24));
            ScanFour(ref group, 8, qx, qy, qz, ref ids, ref v);
            ScanFour(ref Unsafe.Add(ref group, 4), 8, qx, qy, qz, ref Unsafe.Add(ref ids, 4), ref v);
        }

        if (!complete)
        {
            var beyond = Unsafe.Add(ref block, 3) - toCentre;
            complete = beyond > 0 && beyond * beyond > v.Bound;
        }

        visitor = v;
        return complete && (v.Full || startedAtLimit);
    }

    /// <summary>
    /// Every leaf's halo, from the points in tree order (<paramref name="ids"/>: their input positions), with the tree's own
    /// searches (the halos are not there yet, so they walk the tree).
    /// </summary>
    private (double[] Blocks, int Base, int[] Starts) BuildHalos(double[] x, double[] y, double[] z, int[] ids)
    {
        var slotOf = new int[Count];
        for (var i = 0; i < Count; i++)
            slotOf[ids[i]] = i;

        Span<GeoHit> nearest = stackalloc GeoHit[HaloK + 1];
        Span<double> fromCentre = stackalloc double[LeafSize];
        Span<int> lanes = stackalloc int[LeafSize];
        var whole = GreatCircle.ChordSquaredFromMeters(double.PositiveInfinity);
        var around = new GeoHit[HaloMaxPoints + 1];
        var members = new List<int>(Count * 5);  // tree slots, leaf after leaf, each leaf's nearest its centre first
        var firsts = new List<double>(Count);     // each group's first member's distance from its leaf's centre
        var counts = new int[_leaves];
        var headers = new double[_leaves * 6];
        for (var leaf = 0; leaf < _leaves; leaf++)
        {
            var start = leaf * LeafSize;
            var m = Math.Min(start + LeafSize, Count) - start;
            double minX = double.PositiveInfinity, minY = double.PositiveInfinity, minZ = double.PositiveInfinity;
            double maxX = double.NegativeInfinity, maxY = double.NegativeInfinity, maxZ = double.NegativeInfinity;
            for (var i = start; i < start + m; i++)
            {
                (minX, minY, minZ) = (Math.Min(minX, x[i]), Math.Min(minY, y[i]), Math.Min(minZ, z[i]));
                (maxX, maxY, maxZ) = (Math.Max(maxX, x[i]), Math.Max(maxY, y[i]), Math.Max(maxZ, z[i]));
            }

            var (cx, cy, cz) = ((minX + maxX) / 2, (minY + maxY) / 2, (minZ + maxZ) / 2);
            for (var i = 0; i < m; i++)
            {
                var (dx, dy, dz) = (x[start + i] - cx, y[start + i] - cy, z[start + i] - cz);
                fromCentre[i] = Math.Sqrt((dx * dx) + (dy * dy) + (dz * dz));
                lanes[i] = i;
            }

            fromCentre[..m].Sort(lanes[..m]);
            var reach = 0.0;
            for (var i = Math.Max(0, m - 8); i < m; i++)
            {
                var p = start + lanes[i];
                var found = SearchNearest(Vector256.Create(x[p], y[p], z[p], 0), nearest[..Math.Min(HaloK + 1, Count)], whole, default(AcceptAll));
                reach = Math.Max(reach, fromCentre[i] + Math.Sqrt(nearest[found - 1].DistanceMeters));
            }

            var centre = Vector256.Create(cx, cy, cz, 0);
            var centreFound = SearchNearest(centre, nearest[..Math.Min(HaloK, Count)], whole, default(AcceptAll));
            var centreKth = Math.Sqrt(nearest[centreFound - 1].DistanceMeters);

            // The halo: the nearest to the centre within the reach, at most HaloMaxPoints, by (chord², position) as the
            // tree's search orders them, with the chords the query's tests compare against. When it is full the reach
            // shrinks to the first point left out: every point outside is then at least that far from the centre.
            var n = SearchNearest(centre, around.AsSpan(0, Math.Min(HaloMaxPoints + 1, Count)), reach * reach, default(AcceptAll));
            if (n > HaloMaxPoints)
            {
                n = HaloMaxPoints;
                reach = Math.Sqrt(around[HaloMaxPoints].DistanceMeters);
            }

            for (var i = 0; i < n; i++)
            {
                members.Add(slotOf[around[i].Index]);
                if (i % 8 == 0)
                    firsts.Add(Math.Sqrt(around[i].DistanceMeters));
            }

            counts[leaf] = n;
            ReadOnlySpan<double> header = [cx, cy, cz, reach, (n + 7) / 8, centreKth];
            header.CopyTo(headers.AsSpan(leaf * 6, 6));
        }

        var starts = new int[_leaves];
        var total = 0;
        for (var leaf = 0; leaf < _leaves; leaf++)
        {
            starts[leaf] = total;
            total = checked(total + HaloHeader + (HaloGroup * (int)headers[(leaf * 6) + 4]));
        }

        var (blocks, baseAt) = AlignedArray<double>(total);
        var next = 0;
        var nextGroup = 0;
        for (var leaf = 0; leaf < _leaves; leaf++)
        {
            var block = blocks.AsSpan(baseAt + starts[leaf]);
            headers.AsSpan(leaf * 6, 6).CopyTo(block);
            for (var g = 0; g < (int)headers[(leaf * 6) + 4]; g++)
            {
                var group = block.Slice(HaloHeader + (g * HaloGroup), HaloGroup);
                var positions = MemoryMarshal.Cast<double, int>(group.Slice(24, 4));
                for (var lane = 0; lane < 8; lane++)
                {
                    var i = (g * 8) + lane;
                    var real = i < counts[leaf];
                    var slot = real ? members[next + i] : 0;
                    group[lane] = real ? x[slot] : Padding;
                    group[8 + lane] = real ? y[slot] : Padding;
                    group[16 + lane] = real ? z[slot] : Padding;
                    positions[lane] = real ? ids[slot] : -1;
                }

                group[28] = firsts[nextGroup + g];
            }

            next += counts[leaf];
            nextGroup += (int)headers[(leaf * 6) + 4];
        }

        return (blocks, baseAt, starts);
    }
}
