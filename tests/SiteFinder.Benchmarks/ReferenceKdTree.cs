using SiteFinder.Domain.Geo;

namespace SiteFinder.Benchmarks;

/// <summary>
/// The index as it was before the packed tree (copied unchanged, renamed), kept as the in-run
/// reference: "a plain 150-line C# static 3-D k-d tree over unit vectors".
/// A static k-d tree over unit vectors (3-D), built once and queried without locks. On the unit
/// sphere the chord length orders points exactly as the great-circle distance does, so nearest
/// and radius queries are exact with plain Euclidean pruning. Ties are broken by the position in
/// the input list: build it from items sorted by id and ties resolve by id.
/// </summary>
public sealed class ReferenceKdTree
{
    private const int LeafSize = 8;

    private readonly int[] _order;      // tree position → input position
    private readonly double[] _coords;  // tree position → x, y, z

    public ReferenceKdTree(IReadOnlyList<GeoPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        Count = points.Count;
        _order = new int[Count];
        _coords = new double[Count * 3];
        for (var i = 0; i < Count; i++)
        {
            _order[i] = i;
            var (x, y, z) = GreatCircle.ToUnitVector(points[i]);
            _coords[3 * i] = x;
            _coords[(3 * i) + 1] = y;
            _coords[(3 * i) + 2] = z;
        }

        Build(0, Count - 1, 0);
    }

    public int Count { get; }

    /// <summary>The k nearest items that pass the filter, nearest first, within maxMeters.</summary>
    public IReadOnlyList<GeoHit> Nearest(GeoPoint query, int k, double maxMeters = double.PositiveInfinity, Func<int, bool>? filter = null)
    {
        if (k <= 0 || Count == 0)
            return [];

        var search = new KnnSearch(this, GreatCircle.ToUnitVector(query), k, GreatCircle.ChordSquaredFromMeters(maxMeters), filter);
        search.Visit(0, Count - 1, 0);
        return search.Results();
    }

    /// <summary>Every item within the radius that passes the filter, nearest first.</summary>
    public IReadOnlyList<GeoHit> Within(GeoPoint query, double radiusMeters, Func<int, bool>? filter = null)
    {
        var q = GreatCircle.ToUnitVector(query);
        var r2 = GreatCircle.ChordSquaredFromMeters(radiusMeters);
        var found = new List<(double D2, int Index)>();
        var stack = new Stack<(int Lo, int Hi, int Axis)>();
        if (Count > 0)
            stack.Push((0, Count - 1, 0));

        while (stack.Count > 0)
        {
            var (lo, hi, axis) = stack.Pop();
            if (hi - lo < LeafSize)
            {
                for (var i = lo; i <= hi; i++)
                    Consider(i);
                continue;
            }

            var mid = (lo + hi) >> 1;
            Consider(mid);
            var diff = Axis(q, axis) - _coords[(3 * mid) + axis];
            var next = (axis + 1) % 3;
            if (diff <= 0 || diff * diff <= r2)
                stack.Push((lo, mid - 1, next));
            if (diff >= 0 || diff * diff <= r2)
                stack.Push((mid + 1, hi, next));
        }

        found.Sort();
        return found.ConvertAll(f => new GeoHit(f.Index, GreatCircle.MetersFromChordSquared(f.D2)));

        void Consider(int treePos)
        {
            var d2 = ChordSquaredAt(treePos, q);
            if (d2 <= r2 && (filter is null || filter(_order[treePos])))
                found.Add((d2, _order[treePos]));
        }
    }

    private static double Axis((double X, double Y, double Z) v, int axis) => axis switch
    {
        0 => v.X,
        1 => v.Y,
        _ => v.Z,
    };

    private double ChordSquaredAt(int treePos, (double X, double Y, double Z) q)
    {
        var dx = _coords[3 * treePos] - q.X;
        var dy = _coords[(3 * treePos) + 1] - q.Y;
        var dz = _coords[(3 * treePos) + 2] - q.Z;
        return (dx * dx) + (dy * dy) + (dz * dz);
    }

    private void Build(int lo, int hi, int axis)
    {
        if (hi - lo < LeafSize)
            return;

        var mid = (lo + hi) >> 1;
        Select(lo, hi, mid, axis);
        var next = (axis + 1) % 3;
        Build(lo, mid - 1, next);
        Build(mid + 1, hi, next);
    }

    /// <summary>Hoare quickselect: puts the k-th smallest on the axis at k, smaller left, larger right.</summary>
    private void Select(int lo, int hi, int k, int axis)
    {
        while (hi > lo)
        {
            var pivot = _coords[(3 * ((lo + hi) >> 1)) + axis];
            var i = lo;
            var j = hi;
            while (i <= j)
            {
                while (_coords[(3 * i) + axis] < pivot)
                    i++;
                while (_coords[(3 * j) + axis] > pivot)
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
        (_order[a], _order[b]) = (_order[b], _order[a]);
        for (var d = 0; d < 3; d++)
            (_coords[(3 * a) + d], _coords[(3 * b) + d]) = (_coords[(3 * b) + d], _coords[(3 * a) + d]);
    }

    /// <summary>Bounded max-heap search; (distance, input position) is the total order, so ties go to the lower position.</summary>
    private sealed class KnnSearch(ReferenceKdTree index, (double X, double Y, double Z) query, int k, double maxChordSquared, Func<int, bool>? filter)
    {
        private readonly PriorityQueue<int, (double D2, int Index)> _worstFirst =
            new(Comparer<(double D2, int Index)>.Create((a, b) => b.CompareTo(a)));

        private double Bound => _worstFirst.Count < k ? maxChordSquared : Worst.D2;

        private (double D2, int Index) Worst
        {
            get
            {
                _worstFirst.TryPeek(out _, out var worst);
                return worst;
            }
        }

        public void Visit(int lo, int hi, int axis)
        {
            if (hi - lo < LeafSize)
            {
                for (var i = lo; i <= hi; i++)
                    Consider(i);
                return;
            }

            var mid = (lo + hi) >> 1;
            Consider(mid);
            var diff = Axis(query, axis) - index._coords[(3 * mid) + axis];
            var next = (axis + 1) % 3;
            var (near, far) = diff <= 0 ? ((lo, mid - 1), (mid + 1, hi)) : ((mid + 1, hi), (lo, mid - 1));
            Visit(near.Item1, near.Item2, next);
            if (diff * diff <= Bound)
                Visit(far.Item1, far.Item2, next);
        }

        public IReadOnlyList<GeoHit> Results()
        {
            var hits = new GeoHit[_worstFirst.Count];
            for (var i = hits.Length - 1; i >= 0; i--)
            {
                _worstFirst.TryDequeue(out var index, out var key);
                hits[i] = new GeoHit(index, GreatCircle.MetersFromChordSquared(key.D2));
            }

            return hits;
        }

        private void Consider(int treePos)
        {
            var d2 = index.ChordSquaredAt(treePos, query);
            if (d2 > Bound)
                return;

            var key = (d2, index._order[treePos]);
            if (_worstFirst.Count == k && key.CompareTo(Worst) >= 0)
                return;
            if (filter is not null && !filter(key.Item2))
                return;

            if (_worstFirst.Count == k)
                _worstFirst.DequeueEnqueue(key.Item2, key);
            else
                _worstFirst.Enqueue(key.Item2, key);
        }
    }
}
