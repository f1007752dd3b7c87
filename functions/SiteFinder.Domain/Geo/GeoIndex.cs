using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SiteFinder.Domain.Geo;

/// <summary>One answer of a geo query: the item's position in the list the index was built from, and its distance.</summary>
public readonly record struct GeoHit(int Index, double DistanceMeters);

/// <summary>
/// A static, packed k-d tree over unit vectors (3-D), built once and queried without locks by any
/// number of threads. On the unit sphere the chord orders points exactly as the great-circle
/// distance does, so nearest and radius queries are exact with Euclidean arithmetic: the answers
/// are those of a brute-force scan that compares <see cref="GreatCircle.ChordSquared(GeoPoint, GeoPoint)"/>,
/// ties broken by the position in the input list (build it from items sorted by id and ties
/// resolve by id). Filters are applied during the search, to the candidates that would enter the answer.
/// </summary>
/// <remarks>
/// Layout (measured, see tests/SiteFinder.Benchmarks/BENCHMARKS.md): the points are reordered into
/// tree order in leaves of <see cref="LeafSize"/>; each leaf is one 64-byte-aligned block of its x, then
/// y, then z coordinates (doubles; the last leaf is padded with far-away points), then its input positions
/// (ints: in the block, a leaf's scan reads one run of 14 cache lines instead of 12 in one array and 2 in another,
/// 2-14% faster at 1,000,000 sites). The tree has no node objects: the left child of internal node i is
/// i + 1 and the right one i + (leaves on the left). Only the root's box is stored in full (floats rounded outwards);
/// an internal node holds its two children's boxes as 16 one-byte codes relative to its own box as the search decoded it
/// (<see cref="Decode(Vector512{float}, Vector512{float}, ref byte)"/>; 16 bytes, four nodes a cache line: 500 KB of boxes at 1,000,000 sites instead of 2 MB of floats),
/// each code chosen at build time so the decoded box contains the child's points; beside them, each internal node's split
/// plane (4 bytes). Against 64-byte float boxes (k = 10, each query timed alone, old and new in one process): 11-19% faster
/// at 1,000,000 sites and 15-22% at 10,000 and 100,000 with AVX-512, about even without it, for 0.1-1% more leaves and
/// 1-12% more box pairs visited.
/// The search descends on the query's side of each split first with a fixed stack, prunes on the squared
/// distance to a child's box, scans leaves with SIMD and keeps the k best (in AVX-512 registers for k up to
/// 16 where the CPU has them, else a sorted array for k up to 16, a bounded max-heap beyond); metres are
/// computed for the answers only.
/// Memory: 28 bytes per point plus 20 bytes per leaf, about 28.6 bytes per point (<see cref="SizeInBytes"/>).
/// From <see cref="HaloMinPoints"/> points, where the blocks no longer stay in the caches, each leaf also has a halo
/// (GeoIndex.Halos.cs): the points around it copied into one block, which answers most k-nearest queries for k up to
/// 10 in one run of memory; 128–183 more bytes a point.
/// </remarks>
[SkipLocalsInit] // every stackalloc here is written before it is read; zeroing the search stack (1.5 KB then, 8 KB now) was a tenth of a query
public sealed partial class GeoIndex
{
    /// <summary>Points per leaf.</summary>
    public const int LeafSize = 32;

    private const int Coords = 3 * LeafSize;  // doubles per leaf: x[32], y[32], z[32]
    private const int Block = Coords + (LeafSize / 2);   // and then its 32 input positions as ints (-1 for padding): 896 bytes, 14 cache lines
    private const int CodeBytes = 16;         // per internal node, both children's boxes as codes: left min x y z 0, right min, left max, right max
    private const int MaxDepth = 64;          // far children waiting on the stack; the depth is log2(leaves) + 1
    private const int StackallocHits = 128;
    private const int SortedMaxK = 16;        // k up to this keeps registers (KnnVector) or a sorted array (KnnSorted), larger k a heap (KnnHeap)
    private const double Padding = 1e30;      // coordinates of the last leaf's padding: never within reach

    private readonly double[] _coords;        // pinned, leaf blocks (coordinates, then input positions) from _coordBase (64-byte aligned)
    private readonly int _coordBase;
    private readonly byte[] _codes;           // pinned, internal nodes' box codes from _codeBase (64-byte aligned), see Decode
    private readonly int _codeBase;
    private readonly Vector512<float> _root;  // the root's box, [min, min, max, max] (floats rounded outwards, 0 in the fourth lanes)
    private readonly float[] _splits;         // per internal node: the split plane, its axis in the two low bits (see Builder.Build)
    private readonly int _leaves;
    private readonly bool _kInRegisters;      // k up to 16 kept in AVX-512 registers (KnnVector), else a sorted array

    public GeoIndex(IReadOnlyList<GeoPoint> points)
        : this(points, Avx512F.IsSupported)
    {
    }

    /// <summary>
    /// For tests: <paramref name="kInRegisters"/> false takes the sorted-array path on any machine;
    /// <paramref name="halos"/> builds halos or not whatever the size (null: from <see cref="HaloMinPoints"/> points).
    /// </summary>
    internal GeoIndex(IReadOnlyList<GeoPoint> points, bool kInRegisters, bool? halos = null)
    {
        _kInRegisters = kInRegisters && Avx512F.IsSupported;
        ArgumentNullException.ThrowIfNull(points);
        Count = points.Count;
        _leaves = (Count + LeafSize - 1) / LeafSize;
        var x = new double[Count];
        var y = new double[Count];
        var z = new double[Count];
        var ids = new int[Count];
        for (var i = 0; i < Count; i++)
        {
            (x[i], y[i], z[i]) = GreatCircle.ToUnitVector(points[i]);
            ids[i] = i;
        }

        (_codes, _codeBase) = AlignedArray<byte>(Math.Max(0, _leaves - 1) * CodeBytes);
        _splits = new float[Math.Max(0, _leaves - 1)];
        var builder = new Builder(x, y, z, ids, _codes, _codeBase, _splits);
        _root = builder.RootBox();
        if (_leaves > 1)
            builder.Build(0, 0, _leaves, _root);

        (_coords, _coordBase) = AlignedArray<double>(_leaves * Block);
        for (var leaf = 0; leaf < _leaves; leaf++)
        {
            var block = _coords.AsSpan(_coordBase + (leaf * Block), Block);
            for (var lane = 0; lane < LeafSize; lane++)
            {
                var i = (leaf * LeafSize) + lane;
                var real = i < Count;
                block[lane] = real ? x[i] : Padding;
                block[LeafSize + lane] = real ? y[i] : Padding;
                block[(2 * LeafSize) + lane] = real ? z[i] : Padding;
                MemoryMarshal.Cast<double, int>(block[Coords..])[lane] = real ? ids[i] : -1;
            }
        }

        if (Count > 0 && (halos ?? Count >= HaloMinPoints))
            (_halos, _haloBase, _haloStarts) = BuildHalos(x, y, z, ids);
    }

    public int Count { get; }

    /// <summary>Bytes held by the index's arrays (leaf blocks of coordinates and positions, node boxes, halos, padding), without the input list.</summary>
    public long SizeInBytes =>
        ((long)sizeof(double) * _coords.Length) + _codes.Length + ((long)sizeof(float) * _splits.Length)
        + ((long)sizeof(double) * (_halos?.Length ?? 0)) + ((long)sizeof(int) * (_haloStarts?.Length ?? 0));

    /// <summary>The k nearest items that pass the filter, nearest first, within maxMeters.</summary>
    public IReadOnlyList<GeoHit> Nearest(GeoPoint query, int k, double maxMeters = double.PositiveInfinity, Func<int, bool>? filter = null)
    {
        k = Math.Min(k, Count);
        if (k <= 0)
            return [];

        var buffer = k <= StackallocHits ? stackalloc GeoHit[k] : new GeoHit[k];
        var n = filter is null
            ? Nearest(query, buffer, maxMeters, default(AcceptAll))
            : Nearest(query, buffer, maxMeters, new DelegateFilter(filter));
        return buffer[..n].ToArray();
    }

    /// <summary>
    /// Allocation-free k nearest: fills <paramref name="results"/> (k = its length) with the nearest items
    /// that pass the filter, nearest first, within maxMeters, and answers how many it wrote.
    /// </summary>
    public int Nearest<TFilter>(GeoPoint query, Span<GeoHit> results, double maxMeters, TFilter filter)
        where TFilter : struct, IGeoFilter
    {
        var k = Math.Min(results.Length, Count);
        if (k <= 0 || double.IsNaN(maxMeters) || maxMeters < 0)
            return 0;

        var heap = results[..k];
        var n = SearchNearest(Vector(query), heap, GreatCircle.ChordSquaredFromMeters(maxMeters), filter);
        for (var i = 0; i < n; i++)
            heap[i] = new GeoHit(heap[i].Index, GreatCircle.MetersFromChordSquared(heap[i].DistanceMeters));
        return n;
    }

    /// <summary>Allocation-free k nearest without a filter.</summary>
    public int Nearest(GeoPoint query, Span<GeoHit> results, double maxMeters = double.PositiveInfinity) =>
        Nearest(query, results, maxMeters, default(AcceptAll));

    /// <summary>Every item within the radius that passes the filter, nearest first.</summary>
    public IReadOnlyList<GeoHit> Within(GeoPoint query, double radiusMeters, Func<int, bool>? filter = null)
    {
        var results = new List<GeoHit>();
        if (filter is null)
            Within(query, radiusMeters, default(AcceptAll), results);
        else
            Within(query, radiusMeters, new DelegateFilter(filter), results);
        return results;
    }

    /// <summary>
    /// Every item within the radius that passes the filter, nearest first, written into
    /// <paramref name="results"/> (cleared first). Reuse the list across queries and nothing is allocated.
    /// </summary>
    public void Within<TFilter>(GeoPoint query, double radiusMeters, TFilter filter, List<GeoHit> results)
        where TFilter : struct, IGeoFilter
    {
        ArgumentNullException.ThrowIfNull(results);
        results.Clear();
        if (Count == 0 || double.IsNaN(radiusMeters) || radiusMeters < 0)
            return;

        SearchWithin(Vector(query), GreatCircle.ChordSquaredFromMeters(radiusMeters), filter, results);
        var hits = CollectionsMarshal.AsSpan(results);
        SortHits(hits);
        for (var i = 0; i < hits.Length; i++)
            hits[i] = new GeoHit(hits[i].Index, GreatCircle.MetersFromChordSquared(hits[i].DistanceMeters));
    }

    private static Vector256<double> Vector(GeoPoint p)
    {
        var (x, y, z) = GreatCircle.ToUnitVector(p);
        return Vector256.Create(x, y, z, 0);
    }

    /// <summary>An array on the pinned heap and the first index at a 64-byte boundary, so blocks and nodes sit in whole cache lines.</summary>
    private static (T[] Array, int Base) AlignedArray<T>(int length)
        where T : unmanaged
    {
        var size = Unsafe.SizeOf<T>();
        var array = GC.AllocateArray<T>(length + (64 / size), pinned: true);
        var misalignment = (int)((nuint)Marshal.UnsafeAddrOfPinnedArrayElement(array, 0) % 64);
        var offset = misalignment == 0 ? 0 : (64 - misalignment) / size;
        return (array, offset);
    }

    // ---- search ----

    /// <summary>
    /// Depth-first, the query's side of each split first, into the k best (chord², position) kept in the caller's span
    /// (DistanceMeters holds the chord² until the end): a sorted array for small k, else a bounded
    /// max-heap sorted afterwards. Answers the number of hits, which are then in order. With halos and k up to
    /// <see cref="HaloK"/>, the query's halo first, and the walk only when the halo cannot prove its answer complete.
    /// </summary>
    private int SearchNearest<TFilter>(Vector256<double> q, Span<GeoHit> heap, double maxChord2, TFilter filter)
        where TFilter : struct, IGeoFilter
    {
        if (heap.Length <= SortedMaxK && _kInRegisters)
        {
            if (heap.Length <= HaloK && _halos is not null)
            {
                ref var halo = ref Halo<TFilter>(q, maxChord2, out var toCentre, out var start);
                var fromHalo = new KnnVector<TFilter>(heap.Length, start, filter);
                if (AnsweredByHalo(ref halo, q, toCentre, start == maxChord2, ref fromHalo))
                    return fromHalo.CopyTo(heap);

                // Not provably complete: a full k still bounds the answer, so the walk starts from it.
                if (fromHalo.Full)
                    maxChord2 = fromHalo.Bound;
            }

            var inRegisters = new KnnVector<TFilter>(heap.Length, maxChord2, filter);
            Search(q, ref inRegisters);
            return inRegisters.CopyTo(heap);
        }

        if (heap.Length <= SortedMaxK)
        {
            if (heap.Length <= HaloK && _halos is not null)
            {
                ref var halo = ref Halo<TFilter>(q, maxChord2, out var toCentre, out var start);
                var fromHalo = new KnnSorted<TFilter>(heap, start, filter);
                if (AnsweredByHalo(ref halo, q, toCentre, start == maxChord2, ref fromHalo))
                    return fromHalo.Count;

                if (fromHalo.Full)
                    maxChord2 = fromHalo.Bound;
            }

            var sorted = new KnnSorted<TFilter>(heap, maxChord2, filter);
            Search(q, ref sorted);
            return sorted.Count;
        }

        var top = new KnnHeap<TFilter>(heap, maxChord2, filter);
        Search(q, ref top);
        SortHeap(heap[..top.Count]);
        return top.Count;
    }

    private void SearchWithin<TFilter>(Vector256<double> q, double r2, TFilter filter, List<GeoHit> results)
        where TFilter : struct, IGeoFilter
    {
        var collector = new WithinCollector<TFilter>(r2, filter, results);
        Search(q, ref collector);
    }

    /// <summary>
    /// The one traversal of both searches: depth first (the query's side of the split first when the visitor asks), every
    /// subtree whose box is within the visitor's bound. A k-nearest heap tightens its bound as it fills, so a frame pushed earlier is
    /// checked again when it is popped; a radius search's bound never changes, so that check never prunes and
    /// the order only decides which leaves come first (its hits are sorted afterwards).
    /// </summary>
    private void Search<TVisitor>(Vector256<double> q, ref TVisitor visitor)
        where TVisitor : struct, ILeafVisitor, allows ref struct
    {
        // Without AVX-512 a Vector512 is emulated element by element (1.49× slower at 10,000 sites), so the boxes are
        // decoded in Vector256 halves there; the JIT keeps only the branch this CPU takes.
        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported)
            Search<TVisitor, Boxes512>(q, ref visitor);
        else
            Search<TVisitor, Boxes256>(q, ref visitor);
    }

    private void Search<TVisitor, TBoxes>(Vector256<double> q, ref TVisitor visitor)
        where TVisitor : struct, ILeafVisitor, allows ref struct
        where TBoxes : struct, INodeBoxes<TBoxes>
    {
        // A local copy, written back at the end: the JIT keeps a local's fields in registers, not a ref's.
        var v = visitor;
        Span<Frame> stack = stackalloc Frame[MaxDepth];
        var sp = 0;
        stack[sp++] = new Frame(0, 0, _leaves, 0, _root);

        var qx = Vector256.Create(q.GetElement(0));
        var qy = Vector256.Create(q.GetElement(1));
        var qz = Vector256.Create(q.GetElement(2));
        ref var codes = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_codes), _codeBase);
        ref var coords = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_coords), _coordBase);
        ref var splits = ref MemoryMarshal.GetArrayDataReference(_splits);
        Span<float> qf = [(float)q.GetElement(0), (float)q.GetElement(1), (float)q.GetElement(2), 0];

        while (sp > 0)
        {
            var frame = stack[--sp];
            if (frame.LowerBound > v.Bound)
                continue;

            var node = frame.Node;
            var firstLeaf = frame.FirstLeaf;
            var leaves = frame.Leaves;
            var pruned = false;
            var boxes = TBoxes.Of(frame.Box);
            while (leaves > 1)
            {
                var left = (leaves + 1) >> 1;
                var (lbL, lbR) = boxes.Children(ref Unsafe.Add(ref codes, node * CodeBytes), q);
                double nearLb;
                if (!TVisitor.NearestFirst || GoesLeft(Unsafe.Add(ref splits, node), qf))
                {
                    if (lbR <= v.Bound)
                        stack[sp++] = new Frame(node + left, firstLeaf + left, leaves - left, lbR, boxes.Right);
                    boxes.EnterLeft();
                    node++;
                    leaves = left;
                    nearLb = lbL;
                }
                else
                {
                    if (lbL <= v.Bound)
                        stack[sp++] = new Frame(node + 1, firstLeaf, left, lbL, boxes.Left);
                    boxes.EnterRight();
                    node += left;
                    firstLeaf += left;
                    leaves -= left;
                    nearLb = lbR;
                }

                if (nearLb > v.Bound)
                {
                    pruned = true;
                    break;
                }
            }

            if (pruned)
                continue;

            ScanLeaf(ref Unsafe.Add(ref coords, firstLeaf * Block), qx, qy, qz, ref v);
        }

        visitor = v;
    }

    /// <summary>
    /// The box of the node the descent is at, and its children's once decoded (<see cref="Children"/>): one implementation
    /// for each vector width, with the same arithmetic, so the same floats (<see cref="Decode(Vector512{float}, Vector512{float}, ref byte)"/>).
    /// </summary>
    private interface INodeBoxes<TSelf>
        where TSelf : struct, INodeBoxes<TSelf>
    {
        /// <summary>At a node whose box is <paramref name="box"/> ([min, min, max, max], as frames hold it).</summary>
        static abstract TSelf Of(Vector512<float> box);

        /// <summary>Decodes the node's children's boxes from its codes; answers their chord² from q.</summary>
        (double Left, double Right) Children(ref byte codes, Vector256<double> q);

        /// <summary>The left child's box, decoded by <see cref="Children"/>, as a frame holds it.</summary>
        Vector512<float> Left { get; }

        /// <summary>The right child's box, likewise.</summary>
        Vector512<float> Right { get; }

        /// <summary>Moves to the left child, decoded by <see cref="Children"/>.</summary>
        void EnterLeft();

        /// <summary>Moves to the right child, likewise.</summary>
        void EnterRight();
    }

    /// <summary>AVX-512: the node's box and its mirror in one register each, the children's pair in a third.</summary>
    private struct Boxes512 : INodeBoxes<Boxes512>
    {
        private Vector512<float> _box;
        private Vector512<float> _swapped;
        private Vector512<float> _pair;

        public readonly Vector512<float> Left
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => Vector512.Shuffle(_pair, LeftBox);
        }

        public readonly Vector512<float> Right
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => Vector512.Shuffle(_pair, RightBox);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Boxes512 Of(Vector512<float> box) => new() { _box = box, _swapped = Swapped(box) };

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public (double Left, double Right) Children(ref byte codes, Vector256<double> q)
        {
            _pair = Decode(_box, _swapped, ref codes);
            return PairChord2(_pair, q);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void EnterLeft()
        {
            _box = Vector512.Shuffle(_pair, LeftBox);
            _swapped = Vector512.Shuffle(_pair, LeftSwapped);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void EnterRight()
        {
            _box = Vector512.Shuffle(_pair, RightBox);
            _swapped = Vector512.Shuffle(_pair, RightSwapped);
        }
    }

    /// <summary>Without AVX-512: the node's box as [min, min] and [max, max], the children's as their mins and maxes.</summary>
    private struct Boxes256 : INodeBoxes<Boxes256>
    {
        private Vector256<float> _lo;
        private Vector256<float> _hi;
        private Vector256<float> _mins;
        private Vector256<float> _maxs;

        public readonly Vector512<float> Left
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => Vector512.Create(Twice(_mins.GetLower()), Twice(_maxs.GetLower()));
        }

        public readonly Vector512<float> Right
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => Vector512.Create(Twice(_mins.GetUpper()), Twice(_maxs.GetUpper()));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Boxes256 Of(Vector512<float> box) => new() { _lo = box.GetLower(), _hi = box.GetUpper() };

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public (double Left, double Right) Children(ref byte codes, Vector256<double> q)
        {
            (_mins, _maxs) = Decode(_lo, _hi, ref codes);
            return PairChord2(_mins, _maxs, q);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void EnterLeft()
        {
            _lo = Twice(_mins.GetLower());
            _hi = Twice(_maxs.GetLower());
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void EnterRight()
        {
            _lo = Twice(_mins.GetUpper());
            _hi = Twice(_maxs.GetUpper());
        }
    }

    /// <summary>
    /// Which child a k-nearest search enters first: the side of the node's split plane the query is on. Any
    /// order gives the same answer; this one is decided by one small load and a compare, so the next level's
    /// load does not wait for the two box distances (those only decide what is pushed and pruned, branches the
    /// CPU predicts). The splits are 4 bytes a node (125 KB at 1,000,000 sites), so they stay in cache while the
    /// boxes of the lower levels may not.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool GoesLeft(float split, ReadOnlySpan<float> q) =>
        q[BitConverter.SingleToInt32Bits(split) & 3] < split;

    /// <summary>
    /// Scans one leaf block (x[32], y[32], z[32], then ids[32]) four points at a time and hands the visitor every point
    /// whose chord² is within its bound, with the point's input position. The bound is read again for every
    /// group of four because a k-nearest heap tightens it while the leaf is scanned. Generic over a struct
    /// visitor so the JIT specialises and inlines it into each search.
    /// The loop reads ids without a check: every leaf block has <see cref="LeafSize"/> position slots after its coordinates, and the
    /// padding lanes (id -1) never pass the test, because their coordinates (1e30) are far beyond any bound (a chord² is at most 4).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScanLeaf<TVisitor>(
        ref double block, Vector256<double> qx, Vector256<double> qy, Vector256<double> qz, ref TVisitor visitor)
        where TVisitor : struct, ILeafVisitor, allows ref struct
    {
        ref var ids = ref Unsafe.As<double, int>(ref Unsafe.Add(ref block, Coords));
        for (var i = 0; i < LeafSize; i += Vector256<double>.Count)
            ScanFour(ref Unsafe.Add(ref block, i), LeafSize, qx, qy, qz, ref Unsafe.Add(ref ids, i), ref visitor);
    }

    /// <summary>
    /// Four points whose x are at <paramref name="x"/>, their y <paramref name="stride"/> doubles further, then their z, and
    /// their positions at <paramref name="ids"/>: every one within the visitor's bound is visited. Leaves and halo groups
    /// both scan with it, so a point's chord² is the same arithmetic wherever it is read.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScanFour<TVisitor>(
        ref double x, int stride, Vector256<double> qx, Vector256<double> qy, Vector256<double> qz, ref int ids, ref TVisitor visitor)
        where TVisitor : struct, ILeafVisitor, allows ref struct
    {
        var dx = Vector256.LoadUnsafe(ref x) - qx;
        var dy = Vector256.LoadUnsafe(ref x, (nuint)stride) - qy;
        var dz = Vector256.LoadUnsafe(ref x, (nuint)(2 * stride)) - qz;
        var d2 = (dx * dx) + (dy * dy) + (dz * dz);
        var mask = Vector256.LessThanOrEqual(d2, Vector256.Create(visitor.Bound)).ExtractMostSignificantBits();
        while (mask != 0)
        {
            var lane = BitOperations.TrailingZeroCount(mask);
            mask &= mask - 1;
            visitor.Visit(d2.GetElement(lane), Unsafe.Add(ref ids, lane));
        }
    }

    // Vector512.Shuffle indices that take one child's box out of a decoded pair (left min, right min, left max, right max):
    // its [min, min, max, max], or its [max, max, min, min] (Swapped).
    private static readonly Vector512<int> LeftBox = Vector512.Create(0, 1, 2, 3, 0, 1, 2, 3, 8, 9, 10, 11, 8, 9, 10, 11);
    private static readonly Vector512<int> RightBox = Vector512.Create(4, 5, 6, 7, 4, 5, 6, 7, 12, 13, 14, 15, 12, 13, 14, 15);
    private static readonly Vector512<int> LeftSwapped = Vector512.Create(8, 9, 10, 11, 8, 9, 10, 11, 0, 1, 2, 3, 0, 1, 2, 3);
    private static readonly Vector512<int> RightSwapped = Vector512.Create(12, 13, 14, 15, 12, 13, 14, 15, 4, 5, 6, 7, 4, 5, 6, 7);

    /// <summary>A box [min, min, max, max] as [max, max, min, min].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Swapped(Vector512<float> box) => Vector512.Create(box.GetUpper(), box.GetLower());

    /// <summary>
    /// An internal node's two children's boxes (left min x y z 0, right min, left max, right max, as floats) from its 16 codes
    /// and its own box (<paramref name="box"/> [min, min, max, max], <paramref name="swapped"/> [max, max, min, min]): a child's
    /// min is min + c/255 · (max − min), its max is max − c/255 · (max − min), one fused multiply-add per bound. The build
    /// (<see cref="Builder.Codes"/>) calls this very function to choose each code, the largest whose bound still contains the
    /// child's points, so a decoded box always holds its points and the pruning stays exact.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Decode(Vector512<float> box, Vector512<float> swapped, ref byte codes)
    {
        if (!Vector512.IsHardwareAccelerated || !Avx512F.IsSupported)
        {
            var (mins, maxs) = Decode(box.GetLower(), box.GetUpper(), ref codes);
            return Vector512.Create(mins, maxs);
        }

        var fraction = Vector512.ConvertToSingle(Avx512F.ConvertToVector512Int32(Vector128.LoadUnsafe(ref codes))) * Vector512.Create(1f / 255);
        return Vector512.FusedMultiplyAdd(fraction, swapped - box, box);
    }

    /// <summary>
    /// <see cref="Decode(Vector512{float}, Vector512{float}, ref byte)"/> in two halves, for CPUs without AVX-512: from a node's
    /// box as <paramref name="lo"/> [min, min] and <paramref name="hi"/> [max, max], its children's mins [left, right] and maxes,
    /// with the same operations on the same values lane by lane, so the same floats.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float> Mins, Vector256<float> Maxs) Decode(Vector256<float> lo, Vector256<float> hi, ref byte codes)
    {
        var bytes = Vector128.LoadUnsafe(ref codes);
        var low = Vector128.WidenLower(bytes);
        var high = Vector128.WidenUpper(bytes);
        var cMin = Vector256.Create(Vector128.WidenLower(low), Vector128.WidenUpper(low)).AsInt32();
        var cMax = Vector256.Create(Vector128.WidenLower(high), Vector128.WidenUpper(high)).AsInt32();
        var scale = Vector256.Create(1f / 255);
        return (
            Vector256.FusedMultiplyAdd(Vector256.ConvertToSingle(cMin) * scale, hi - lo, lo),
            Vector256.FusedMultiplyAdd(Vector256.ConvertToSingle(cMax) * scale, lo - hi, hi));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Twice(Vector128<float> half) => Vector256.Create(half, half);

    /// <summary>PairChord2 for CPUs without AVX-512: the children's mins [left, right] and maxes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (double Left, double Right) PairChord2(Vector256<float> mins, Vector256<float> maxs, Vector256<double> q)
    {
        var dl = Vector256.MaxNative(Vector256.MaxNative(Vector256.WidenLower(mins) - q, q - Vector256.WidenLower(maxs)), Vector256<double>.Zero);
        var dr = Vector256.MaxNative(Vector256.MaxNative(Vector256.WidenUpper(mins) - q, q - Vector256.WidenUpper(maxs)), Vector256<double>.Zero);
        dl *= dl;
        dr *= dr;
        return (dl.GetElement(0) + dl.GetElement(1) + dl.GetElement(2), dr.GetElement(0) + dr.GetElement(1) + dr.GetElement(2));
    }

    /// <summary>
    /// Squared distances from q to the two children's boxes (16 floats: left min x y z 0, right min,
    /// left max, right max). The boxes contain their points and each sum is taken in the same order as a
    /// point's, so (rounding being monotonic) it never exceeds the chord² computed for any point inside.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (double Left, double Right) PairChord2(Vector512<float> boxes, Vector256<double> q)
    {
        var q2 = Vector512.Create(q, q);
        var lo = Vector512.WidenLower(boxes) - q2;
        var hi = q2 - Vector512.WidenUpper(boxes);
        var d = Vector512.MaxNative(Vector512.MaxNative(lo, hi), Vector512<double>.Zero);
        d *= d;
        return (d.GetElement(0) + d.GetElement(1) + d.GetElement(2), d.GetElement(4) + d.GetElement(5) + d.GetElement(6));
    }

    /// <summary>
    /// Sorts hits (chord² in DistanceMeters) by (chord², position): a stable radix sort on the high 32
    /// bits of the chord² (its order for non-negative doubles), then an insertion pass for equal keys.
    /// </summary>
    private static void SortHits(Span<GeoHit> hits)
    {
        if (hits.Length > 64)
        {
            var rented = ArrayPool<GeoHit>.Shared.Rent(hits.Length);
            var scratch = rented.AsSpan(0, hits.Length);
            Span<int> counts = stackalloc int[4 * 256];
            counts.Clear();
            foreach (var h in hits)
            {
                var key = Key(h);
                counts[(int)(key & 0xFF)]++;
                counts[256 + (int)((key >> 8) & 0xFF)]++;
                counts[512 + (int)((key >> 16) & 0xFF)]++;
                counts[768 + (int)(key >> 24)]++;
            }

            var from = hits;
            var to = scratch;
            for (var pass = 0; pass < 4; pass++)
            {
                var count = counts.Slice(pass * 256, 256);
                var shift = 8 * pass;
                if (count[(int)((Key(hits[0]) >> shift) & 0xFF)] == hits.Length)
                    continue; // every key has the same byte here

                var sum = 0;
                for (var b = 0; b < 256; b++)
                    (count[b], sum) = (sum, sum + count[b]);
                foreach (var h in from)
                    to[count[(int)((Key(h) >> shift) & 0xFF)]++] = h;
                var swap = from;
                from = to;
                to = swap;
            }

            if (from != hits)
                from.CopyTo(hits);
            ArrayPool<GeoHit>.Shared.Return(rented);
        }

        for (var i = 1; i < hits.Length; i++)
        {
            var item = hits[i];
            var j = i;
            while (j > 0 && Worse(hits[j - 1], item))
            {
                hits[j] = hits[j - 1];
                j--;
            }

            hits[j] = item;
        }

        static uint Key(in GeoHit h) => (uint)(BitConverter.DoubleToUInt64Bits(h.DistanceMeters) >> 32);
    }

    // ---- heap of (chord², position), worst on top ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Worse(in GeoHit a, in GeoHit b) =>
        a.DistanceMeters > b.DistanceMeters || (a.DistanceMeters == b.DistanceMeters && a.Index > b.Index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SiftUp(Span<GeoHit> heap, int at, GeoHit item)
    {
        while (at > 0)
        {
            var parent = (at - 1) >> 1;
            if (!Worse(item, heap[parent]))
                break;
            heap[at] = heap[parent];
            at = parent;
        }

        heap[at] = item;
    }

    /// <summary>Replaces the top with item and restores the heap.</summary>
    private static void SiftDown(Span<GeoHit> heap, GeoHit item) => SiftDown(heap, heap.Length, 0, item);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SiftDown(Span<GeoHit> heap, int count, int at, GeoHit item)
    {
        while (true)
        {
            var child = (2 * at) + 1;
            if (child >= count)
                break;
            if (child + 1 < count && Worse(heap[child + 1], heap[child]))
                child++;
            if (!Worse(heap[child], item))
                break;
            heap[at] = heap[child];
            at = child;
        }

        heap[at] = item;
    }

    /// <summary>Heap sort: the heap becomes ascending by (chord², position).</summary>
    private static void SortHeap(Span<GeoHit> heap)
    {
        for (var end = heap.Length - 1; end > 0; end--)
        {
            var top = heap[0];
            SiftDown(heap, end, 0, heap[end]);
            heap[end] = top;
        }
    }

    /// <summary>What a search does with the points of a leaf that <see cref="ScanLeaf"/> finds within <see cref="Bound"/>.</summary>
    private interface ILeafVisitor
    {
        /// <summary>
        /// Whether the nearer child is entered first. A k-nearest heap needs it (near hits tighten its bound
        /// early); a radius search visits the same subtrees in any order, and left first spares it a branch
        /// that the CPU mispredicts half the time (with it, a 1.5 km search over 1,000,000 sites took a sixth longer).
        /// </summary>
        static abstract bool NearestFirst { get; }

        /// <summary>The chord² a point must not exceed to be visited.</summary>
        double Bound { get; }

        /// <summary>A point within the bound: its chord² and its input position (never padding, see <see cref="ScanLeaf"/>).</summary>
        void Visit(double d2, int id);
    }

    /// <summary>The radius search's visitor: every point within r² that the filter accepts joins the results.</summary>
    private struct WithinCollector<TFilter>(double r2, TFilter filter, List<GeoHit> results) : ILeafVisitor
        where TFilter : struct, IGeoFilter
    {
        private TFilter _filter = filter;

        public static bool NearestFirst => false;

        public readonly double Bound => r2;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Visit(double d2, int id)
        {
            if (_filter.Accepts(id))
                results.Add(new GeoHit(id, d2));
        }
    }

    /// <summary>A k-nearest search's visitor that a halo can answer for (<see cref="AnsweredByHalo"/>).</summary>
    private interface IKnnVisitor : ILeafVisitor
    {
        /// <summary>Whether it holds k hits.</summary>
        bool Full { get; }
    }

    /// <summary>The bounded max-heap of a k-nearest search; Bound is the chord² an item must not exceed to enter.</summary>
    private ref struct KnnHeap<TFilter>(Span<GeoHit> heap, double maxChord2, TFilter filter) : ILeafVisitor
        where TFilter : struct, IGeoFilter
    {
        private readonly Span<GeoHit> _heap = heap;
        private TFilter _filter = filter;

        public static bool NearestFirst => true;

        public int Count { get; private set; }

        public double Bound { get; private set; } = maxChord2;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Visit(double d2, int id)
        {
            if (Count == _heap.Length)
            {
                ref var worst = ref _heap[0];
                if (d2 > worst.DistanceMeters || (d2 == worst.DistanceMeters && id > worst.Index))
                    return;
                if (!_filter.Accepts(id))
                    return;
                SiftDown(_heap, new GeoHit(id, d2));
                Bound = _heap[0].DistanceMeters;
            }
            else
            {
                if (!_filter.Accepts(id))
                    return;
                SiftUp(_heap, Count, new GeoHit(id, d2));
                Count++;
                if (Count == _heap.Length)
                    Bound = _heap[0].DistanceMeters;
            }
        }
    }

    /// <summary>
    /// The k best of a k-nearest search for small k (at most <see cref="SortedMaxK"/>), kept as a sorted array
    /// instead of a heap: an insertion shifts the worse ones up, a short loop whose branch the CPU predicts,
    /// where a heap's sift takes a branch it mispredicts at each level, and the answer needs no final sort.
    /// Measured on 1,000,000 sites (BENCHMARKS.md, issue 16).
    /// </summary>
    private ref struct KnnSorted<TFilter>(Span<GeoHit> hits, double maxChord2, TFilter filter) : IKnnVisitor
        where TFilter : struct, IGeoFilter
    {
        private readonly Span<GeoHit> _hits = hits;
        private TFilter _filter = filter;

        public static bool NearestFirst => true;

        public int Count { get; private set; }

        public double Bound { get; private set; } = maxChord2;

        public readonly bool Full => Count == _hits.Length;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Visit(double d2, int id)
        {
            var n = Count;
            if (n == _hits.Length)
            {
                // Full: the last is the worst; a point that does not beat it stays out, and one that does pushes it out.
                ref var worst = ref _hits[n - 1];
                if (d2 > worst.DistanceMeters || (d2 == worst.DistanceMeters && id > worst.Index))
                    return;
                if (!_filter.Accepts(id))
                    return;
                n--;
            }
            else
            {
                if (!_filter.Accepts(id))
                    return;
                Count = n + 1;
            }

            // Invariant: _hits[0..n) is ascending by (chord², position), so the new hit goes after the last one
            // that is not worse than it, and everything from there moves up one slot (slot n is free).
            var item = new GeoHit(id, d2);
            var at = n;
            while (at > 0 && Worse(_hits[at - 1], item))
            {
                _hits[at] = _hits[at - 1];
                at--;
            }

            _hits[at] = item;
            if (Count == _hits.Length)
                Bound = _hits[^1].DistanceMeters;
        }
    }

    /// <summary>
    /// The k best for k up to 16 on AVX-512, in three registers: chord² in two vectors of eight (ascending,
    /// +∞ past the k-th), positions in one of sixteen. An offer finds its slot by counting, with two compares,
    /// the kept hits that rank before it (smaller chord², or the same and a smaller position), and moves in with
    /// one shift and three blends: no branch on the data. A sorted array's insertion loop ends after a number of
    /// steps the CPU cannot predict; a k = 10 search offers about 26 points, so those mispredictions were most of
    /// what a loose first bound cost (BENCHMARKS.md, issue 16).
    /// </summary>
    private struct KnnVector<TFilter> : IKnnVisitor
        where TFilter : struct, IGeoFilter
    {
        private static readonly Vector512<long> Iota0 = Vector512.Create(0L, 1, 2, 3, 4, 5, 6, 7);
        private static readonly Vector512<long> Iota1 = Vector512.Create(8L, 9, 10, 11, 12, 13, 14, 15);
        private static readonly Vector512<int> Iota16 = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);

        private readonly int _k;
        private readonly double _max;
        private readonly Vector512<long> _kth;   // lane 0: the k-th slot within its vector
        private readonly Vector512<double> _valid0, _valid1;   // all ones on slots below k
        private TFilter _filter;
        private Vector512<double> _d0, _d1;
        private Vector512<int> _ids;

        public KnnVector(int k, double maxChord2, TFilter filter)
        {
            _k = k;
            _max = maxChord2;
            _filter = filter;
            _kth = Vector512.Create((long)((k - 1) & 7));
            _valid0 = Vector512.LessThan(Iota0, Vector512.Create((long)k)).AsDouble();
            _valid1 = Vector512.LessThan(Iota1, Vector512.Create((long)k)).AsDouble();
            _d0 = _d1 = Vector512.Create(double.PositiveInfinity);
            _ids = Vector512.Create(-1);
            Bound = maxChord2;
        }

        public static bool NearestFirst => true;

        public double Bound { get; private set; }

        /// <summary>The k-th slot holds a chord², not +∞.</summary>
        public readonly bool Full => !double.IsPositiveInfinity(Avx512F.PermuteVar8x64(_k <= 8 ? _d0 : _d1, _kth).ToScalar());

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Visit(double d2, int id)
        {
            var dv = Vector512.Create(d2);
            var iv = Vector512.Create(id);
            // Invariant: slots below k are ascending by (chord², position), free slots hold +∞, so the slots that
            // rank before the offer are a prefix and their count is its slot.
            var before = Vector512.LessThan(_d0, dv).ExtractMostSignificantBits() | (Vector512.LessThan(_d1, dv).ExtractMostSignificantBits() << 8);
            var tied = Vector512.Equals(_d0, dv).ExtractMostSignificantBits() | (Vector512.Equals(_d1, dv).ExtractMostSignificantBits() << 8);
            var slot = BitOperations.PopCount(before) + BitOperations.PopCount(tied & (uint)Vector512.LessThan(_ids, iv).ExtractMostSignificantBits());
            if (slot >= _k || !_filter.Accepts(id))
                return;

            var at = Vector512.Create((long)slot);
            var up0 = Avx512F.PermuteVar8x64(_d0, Vector512.Create(0L, 0, 1, 2, 3, 4, 5, 6));
            var up1 = Avx512F.PermuteVar8x64x2(_d0, Vector512.Create(7L, 8, 9, 10, 11, 12, 13, 14), _d1);
            _d0 = Vector512.ConditionalSelect(_valid0, Vector512.ConditionalSelect(Vector512.LessThan(Iota0, at).AsDouble(), _d0, Vector512.ConditionalSelect(Vector512.Equals(Iota0, at).AsDouble(), dv, up0)), _d0);
            _d1 = Vector512.ConditionalSelect(_valid1, Vector512.ConditionalSelect(Vector512.LessThan(Iota1, at).AsDouble(), _d1, Vector512.ConditionalSelect(Vector512.Equals(Iota1, at).AsDouble(), dv, up1)), _d1);
            var slotv = Vector512.Create(slot);
            var upIds = Avx512F.PermuteVar16x32(_ids, Vector512.Create(0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14));
            _ids = Vector512.ConditionalSelect(Vector512.LessThan(Iota16, slotv), _ids, Vector512.ConditionalSelect(Vector512.Equals(Iota16, slotv), iv, upIds));
            var kth = Avx512F.PermuteVar8x64(_k <= 8 ? _d0 : _d1, _kth).ToScalar();
            Bound = Math.Min(_max, kth);
        }

        /// <summary>Writes the hits (chord² in DistanceMeters), nearest first, and answers how many there are.</summary>
        public readonly int CopyTo(Span<GeoHit> hits)
        {
            Span<double> d = stackalloc double[16];
            Span<int> ids = stackalloc int[16];
            _d0.CopyTo(d);
            _d1.CopyTo(d[8..]);
            _ids.CopyTo(ids);
            var n = 0;
            while (n < _k && d[n] <= _max)
            {
                hits[n] = new GeoHit(ids[n], d[n]);
                n++;
            }

            return n;
        }
    }

    /// <summary>A subtree waiting on the stack: its first node and leaves, its box's chord² and the box itself ([min, min, max, max]).</summary>
    private readonly record struct Frame(int Node, int FirstLeaf, int Leaves, double LowerBound, Vector512<float> Box);

    // ---- build ----

    /// <summary>Reorders the points into tree order and writes the node boxes' codes.</summary>
    private sealed class Builder(double[] x, double[] y, double[] z, int[] ids, byte[] codes, int codeBase, float[] splits)
    {
        /// <summary>The box of all the points as floats rounded outwards, [min, min, max, max] with 0 in the fourth lanes.</summary>
        public Vector512<float> RootBox()
        {
            var (min, max) = Bounds(0, x.Length);
            var lo = Vector128.Create(Down(min.X), Down(min.Y), Down(min.Z), 0);
            var hi = Vector128.Create(Up(max.X), Up(max.Y), Up(max.Z), 0);
            return Vector512.Create(Vector256.Create(lo, lo), Vector256.Create(hi, hi));
        }

        /// <summary>
        /// Lays out the subtree of internal node <paramref name="node"/> over its leaves; writes the codes of the children's boxes
        /// relative to <paramref name="box"/>, this node's box as the search decodes it (which contains its points).
        /// </summary>
        public void Build(int node, int firstLeaf, int leaves, Vector512<float> box)
        {
            var start = firstLeaf * LeafSize;
            var end = Math.Min((firstLeaf + leaves) * LeafSize, x.Length);
            var (min, max) = Bounds(start, end);
            var left = (leaves + 1) >> 1;
            var extent = max - min;
            var axisIndex = extent.X >= extent.Y && extent.X >= extent.Z ? 0 : extent.Y >= extent.Z ? 1 : 2;
            var axis = axisIndex == 0 ? x : axisIndex == 1 ? y : z;
            var split = start + (left * LeafSize);
            Select(axis, start, end - 1, split);

            // The plane only orders the search (GoesLeft), so the float and its two low bits given to the axis need not be exact.
            splits[node] = BitConverter.Int32BitsToSingle((BitConverter.SingleToInt32Bits((float)axis[split]) & ~3) | axisIndex);

            var pair = Codes(box, Bounds(start, split), Bounds(split, end), ref codes[codeBase + (node * CodeBytes)]);
            if (left > 1)
                Build(node + 1, firstLeaf, left, Vector512.Shuffle(pair, LeftBox));
            if (leaves - left > 1)
                Build(node + left, firstLeaf + left, leaves - left, Vector512.Shuffle(pair, RightBox));
        }

        /// <summary>
        /// Writes the 16 codes of a node's two children (left min x y z 0, right min, left max, right max) relative to the
        /// node's box, each the largest whose decoded bound (<see cref="Decode(Vector512{float}, Vector512{float}, ref byte)"/>, the search's own arithmetic) is still at or
        /// outside the child's true bound, and answers the decoded pair. Code 0 decodes to the node's own bound, which
        /// contains the child's; a code's bound moves inwards monotonically, so the largest is found one bit at a time.
        /// </summary>
        private static Vector512<float> Codes(
            Vector512<float> box, (Vector3d Min, Vector3d Max) leftBounds, (Vector3d Min, Vector3d Max) rightBounds, ref byte target)
        {
            Span<double> bound =
            [
                leftBounds.Min.X, leftBounds.Min.Y, leftBounds.Min.Z, 0, rightBounds.Min.X, rightBounds.Min.Y, rightBounds.Min.Z, 0,
                leftBounds.Max.X, leftBounds.Max.Y, leftBounds.Max.Z, 0, rightBounds.Max.X, rightBounds.Max.Y, rightBounds.Max.Z, 0,
            ];
            var swapped = Swapped(box);
            Span<byte> code = stackalloc byte[CodeBytes];
            code.Clear();
            Span<byte> trial = stackalloc byte[CodeBytes];
            for (var bit = 128; bit > 0; bit >>= 1)
            {
                for (var i = 0; i < CodeBytes; i++)
                    trial[i] = (i & 3) == 3 ? (byte)0 : (byte)(code[i] | bit);
                var decoded = Decode(box, swapped, ref trial[0]);
                for (var i = 0; i < CodeBytes; i++)
                {
                    if ((i & 3) != 3 && Contains(i, decoded.GetElement(i), bound[i]))
                        code[i] = trial[i];
                }
            }

            var pair = Decode(box, swapped, ref code[0]);
            for (var i = 0; i < CodeBytes; i++)
            {
                if (!Contains(i, pair.GetElement(i), bound[i]))
                    throw new InvalidOperationException("A decoded box does not contain its points.");
            }

            code.CopyTo(MemoryMarshal.CreateSpan(ref target, CodeBytes));
            return pair;

            // lanes 0-7 are lower bounds, 8-15 upper bounds
            static bool Contains(int lane, float decoded, double bound) => lane < 8 ? decoded <= bound : decoded >= bound;
        }

        private (Vector3d Min, Vector3d Max) Bounds(int start, int end)
        {
            var min = new Vector3d(double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity);
            var max = new Vector3d(double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity);
            for (var i = start; i < end; i++)
            {
                min = new Vector3d(Math.Min(min.X, x[i]), Math.Min(min.Y, y[i]), Math.Min(min.Z, z[i]));
                max = new Vector3d(Math.Max(max.X, x[i]), Math.Max(max.Y, y[i]), Math.Max(max.Z, z[i]));
            }

            return (min, max);
        }

        private static float Down(double v)
        {
            var f = (float)v;
            return f > v ? MathF.BitDecrement(f) : f;
        }

        private static float Up(double v)
        {
            var f = (float)v;
            return f < v ? MathF.BitIncrement(f) : f;
        }

        /// <summary>Hoare quickselect on one axis: the k-th smallest at k, smaller before, larger after.</summary>
        private void Select(double[] axis, int lo, int hi, int k)
        {
            while (hi > lo)
            {
                var pivot = axis[(lo + hi) >> 1];
                var i = lo;
                var j = hi;
                while (i <= j)
                {
                    while (axis[i] < pivot)
                        i++;
                    while (axis[j] > pivot)
                        j--;
                    if (i <= j)
                    {
                        Swap(i, j);
                        i++;
                        j--;
                    }
                }

                if (k <= j)
                    hi = j;
                else if (k >= i)
                    lo = i;
                else
                    return;
            }
        }

        private void Swap(int a, int b)
        {
            (x[a], x[b]) = (x[b], x[a]);
            (y[a], y[b]) = (y[b], y[a]);
            (z[a], z[b]) = (z[b], z[a]);
            (ids[a], ids[b]) = (ids[b], ids[a]);
        }
    }

    private readonly record struct Vector3d(double X, double Y, double Z)
    {
        public static Vector3d operator -(Vector3d a, Vector3d b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
    }
}
