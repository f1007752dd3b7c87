using SiteFinder.Domain.Planning;
using static SiteFinder.Domain.Tests.Planning.SmallCity;

namespace SiteFinder.Domain.Tests.Planning;

public class DistrictBoundaryTests
{
    // A 10 km square with a 2 km hole in its middle, and a 1 km island east of it.
    private static readonly DistrictBoundary Ring = new("环", [
        [Square(0, 0, 10_000), Square(4_000, 4_000, 2_000)],
        [Square(20_000, 0, 1_000)],
    ]);

    [Theory]
    [InlineData(1_000, 1_000, true)]
    [InlineData(5_000, 5_000, false)] // in the hole
    [InlineData(3_900, 5_000, true)] // just west of the hole
    [InlineData(20_500, 500, true)] // on the island
    [InlineData(15_000, 500, false)] // between the parts, inside the bounding box
    [InlineData(-100, 5_000, false)]
    [InlineData(5_000, 30_000, false)] // outside the bounding box
    public void A_point_is_inside_when_in_a_polygon_and_not_in_its_hole(double east, double north, bool inside) =>
        Assert.Equal(inside, Ring.Contains(At(east, north)));

    [Fact]
    public void The_winding_of_a_ring_and_whether_it_is_closed_do_not_matter()
    {
        var clockwiseOpen = Square(0, 0, 1_000);
        clockwiseOpen.RemoveAt(clockwiseOpen.Count - 1);
        clockwiseOpen.Reverse();
        var boundary = new DistrictBoundary("x", [[clockwiseOpen]]);
        Assert.True(boundary.Contains(At(500, 500)));
        Assert.False(boundary.Contains(At(1_500, 500)));
    }

    [Fact]
    public void An_empty_boundary_contains_nothing() => Assert.False(new DistrictBoundary("x", []).Contains(At(0, 0)));

    [Fact]
    public void Places_take_the_district_of_the_polygon_they_are_in_and_keep_their_own_outside_every_polygon()
    {
        var west = new DistrictBoundary("西区", [[Square(0, 0, 1_000)]]);
        var east = new DistrictBoundary("东区", [[Square(1_000, 0, 1_000)]]);
        var area = new PlanningArea(
            [Place("a", At(500, 500), district: "东区"), Place("b", At(1_500, 500), district: ""), Place("c", At(5_000, 500), district: "远区")],
            [west, east]);
        Assert.Equal(["西区", "东区", "远区"], area.Districts);
        Assert.Equal([DistrictAssignment.Polygon, DistrictAssignment.Polygon, DistrictAssignment.OwnField], area.Assignments);
        Assert.Equal(["东区", "西区", "远区"], area.DistrictNames);
    }
}
