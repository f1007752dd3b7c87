using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Planning;

namespace SiteFinder.Domain.Tests.Planning;

public class OutlineSimplifierTests
{
    /// <summary>A square of about 2.8 × 2.2 km at People's Square, closed, with 40 vertices along its south edge.</summary>
    private static List<GeoPoint> Square()
    {
        var ring = new List<GeoPoint>();
        for (var i = 0; i <= 40; i++)
            ring.Add(new GeoPoint(31.22, 121.46 + (0.03 * i / 40)));
        ring.AddRange([new GeoPoint(31.24, 121.49), new GeoPoint(31.24, 121.46), new GeoPoint(31.22, 121.46)]);
        return ring;
    }

    [Fact]
    public void Vertices_on_a_straight_edge_are_dropped_and_the_corners_kept()
    {
        var simplified = OutlineSimplifier.Simplify(Square(), 20);

        Assert.Equal([new GeoPoint(31.22, 121.46), new GeoPoint(31.22, 121.49), new GeoPoint(31.24, 121.49), new GeoPoint(31.24, 121.46), new GeoPoint(31.22, 121.46)], simplified);
    }

    [Fact]
    public void A_bend_wider_than_the_tolerance_is_kept_and_one_narrower_is_not()
    {
        var ring = Square();
        // About 55 m south of the edge (0.0005° of latitude) at its middle, then 11 m at a quarter.
        ring[20] = new GeoPoint(31.2195, ring[20].Lng);
        ring[10] = new GeoPoint(31.2199, ring[10].Lng);

        var simplified = OutlineSimplifier.Simplify(ring, 20);

        Assert.Contains(ring[20], simplified);
        Assert.DoesNotContain(ring[10], simplified);
    }

    [Fact]
    public void A_ring_smaller_than_the_tolerance_comes_back_empty()
    {
        GeoPoint[] speck = [new(31.2300, 121.4700), new(31.2300, 121.4701), new(31.2301, 121.4701), new(31.2301, 121.4700), new(31.2300, 121.4700)];

        Assert.Empty(OutlineSimplifier.Simplify(speck, 20));
        Assert.Equal(5, OutlineSimplifier.Simplify(speck, 1).Count);
    }
}
