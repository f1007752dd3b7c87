using SiteFinder.Domain.Geo;

namespace SiteFinder.Domain.Planning;

/// <summary>
/// District outlines for a map drawn in a browser: the planners' boundaries (tens of thousands of vertices)
/// thinned by Douglas–Peucker to a tolerance in metres, so that a phone downloads a few kilobytes and draws
/// lines no one can tell from the originals at city scale.
/// </summary>
public static class OutlineSimplifier
{
    /// <summary>
    /// The ring with every vertex dropped that lies within <paramref name="toleranceMeters"/> of the line kept
    /// around it; first and last vertices are kept. Empty when fewer than 4 vertices (a closed triangle) would
    /// remain: a ring smaller than the tolerance is not worth a line.
    /// </summary>
    public static IReadOnlyList<GeoPoint> Simplify(IReadOnlyList<GeoPoint> ring, double toleranceMeters)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentOutOfRangeException.ThrowIfNegative(toleranceMeters);
        if (ring.Count < 4)
            return [];

        var metres = ring.Select(ShanghaiProjection.ToMeters).ToArray();
        var keep = new bool[ring.Count];
        keep[0] = keep[^1] = true;

        // An explicit stack: a ring of 50,000 vertices would recurse too deep.
        var spans = new Stack<(int From, int To)>();
        spans.Push((0, ring.Count - 1));
        while (spans.TryPop(out var span))
        {
            var (farthest, distance) = (-1, -1.0);
            for (var i = span.From + 1; i < span.To; i++)
            {
                var d = DistanceToSegment(metres[i], metres[span.From], metres[span.To]);
                if (d > distance)
                    (farthest, distance) = (i, d);
            }

            if (farthest < 0 || distance <= toleranceMeters)
                continue;
            keep[farthest] = true;
            spans.Push((span.From, farthest));
            spans.Push((farthest, span.To));
        }

        var kept = ring.Where((_, i) => keep[i]).ToArray();
        return kept.Length < 4 ? [] : kept;
    }

    /// <summary>Metres from p to the segment a–b (to a itself when a and b coincide, as a closed ring's ends do).</summary>
    private static double DistanceToSegment((double X, double Y) p, (double X, double Y) a, (double X, double Y) b)
    {
        var (dx, dy) = (b.X - a.X, b.Y - a.Y);
        var lengthSquared = (dx * dx) + (dy * dy);
        var t = lengthSquared == 0 ? 0 : Math.Clamp((((p.X - a.X) * dx) + ((p.Y - a.Y) * dy)) / lengthSquared, 0, 1);
        var (ex, ey) = (p.X - (a.X + (t * dx)), p.Y - (a.Y + (t * dy)));
        return Math.Sqrt((ex * ex) + (ey * ey));
    }
}
