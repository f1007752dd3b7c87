using SiteFinder.Domain.Geo;

namespace SiteFinder.Benchmarks;

/// <summary>
/// The reference scan: every site's chord² to the query (unit vectors precomputed, struct of arrays),
/// the k best kept by insertion, ties by position. Exact, and the yardstick the index must beat.
/// </summary>
public sealed class BruteForce
{
    private readonly double[] _x;
    private readonly double[] _y;
    private readonly double[] _z;

    public BruteForce(IReadOnlyList<GeoPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        _x = new double[points.Count];
        _y = new double[points.Count];
        _z = new double[points.Count];
        for (var i = 0; i < points.Count; i++)
            (_x[i], _y[i], _z[i]) = GreatCircle.ToUnitVector(points[i]);
    }

    /// <summary>Writes the k nearest into results (k = its length), nearest first; answers the count.</summary>
    public int Nearest(GeoPoint query, Span<GeoHit> results)
    {
        var (qx, qy, qz) = GreatCircle.ToUnitVector(query);
        var k = Math.Min(results.Length, _x.Length);
        var n = 0;
        for (var i = 0; i < _x.Length; i++)
        {
            var dx = _x[i] - qx;
            var dy = _y[i] - qy;
            var dz = _z[i] - qz;
            var d2 = (dx * dx) + (dy * dy) + (dz * dz);
            if (n == k && d2 >= results[n - 1].DistanceMeters)
                continue;

            var at = n == k ? n - 1 : n++;
            while (at > 0 && results[at - 1].DistanceMeters > d2)
            {
                results[at] = results[at - 1];
                at--;
            }

            results[at] = new GeoHit(i, d2);
        }

        for (var i = 0; i < n; i++)
            results[i] = new GeoHit(results[i].Index, GreatCircle.MetersFromChordSquared(results[i].DistanceMeters));
        return n;
    }

    /// <summary>Every site within the radius, nearest first.</summary>
    public void Within(GeoPoint query, double radiusMeters, List<GeoHit> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        results.Clear();
        var (qx, qy, qz) = GreatCircle.ToUnitVector(query);
        var r2 = GreatCircle.ChordSquaredFromMeters(radiusMeters);
        for (var i = 0; i < _x.Length; i++)
        {
            var dx = _x[i] - qx;
            var dy = _y[i] - qy;
            var dz = _z[i] - qz;
            var d2 = (dx * dx) + (dy * dy) + (dz * dz);
            if (d2 <= r2)
                results.Add(new GeoHit(i, d2));
        }

        results.Sort((a, b) => a.DistanceMeters != b.DistanceMeters ? a.DistanceMeters.CompareTo(b.DistanceMeters) : a.Index.CompareTo(b.Index));
        for (var i = 0; i < results.Count; i++)
            results[i] = new GeoHit(results[i].Index, GreatCircle.MetersFromChordSquared(results[i].DistanceMeters));
    }
}
