using SiteFinder.Domain.Planning;
using static SiteFinder.Domain.Tests.Planning.SmallCity;

namespace SiteFinder.Domain.Tests.Planning;

public class GapFinderTests
{
    [Fact]
    public void Uncovered_places_in_touching_cells_make_one_cluster_largest_weight_first()
    {
        // One open site at the origin covers the first place only. Cells are 500 m: a place in cell
        // (10, 10) and one in (11, 11) touch by a corner, one in (10, 14) stands alone.
        var places = new[]
        {
            Place("covered", At(100, 100)),
            Place("a", At(5_250, 5_250), weight: 2),
            Place("b", At(5_750, 5_750), weight: 2),
            Place("alone", At(7_250, 5_250), weight: 10, district: "静安区"),
        };
        var coverage = CoverageCalculator.Compute(new PlanningArea(places, []), [Site("s", At(0, 0))], Morning, 15);
        var gaps = GapFinder.Find(coverage);

        Assert.Equal(2, gaps.Clusters.Count);
        var (first, second) = (gaps.Clusters[0], gaps.Clusters[1]);
        Assert.Equal((1, 1, 10.0, "静安区", 1), (first.Rank, first.Places, first.Weight, first.District, first.Cells));
        Assert.Equal((2, 2, 4.0, "黄浦区", 2), (second.Rank, second.Places, second.Weight, second.District, second.Cells));
        Assert.Equal([1, 2], second.PlaceIndexes);
        var centre = ShanghaiProjection.ToMeters(second.Centre);
        Assert.Equal(5_500, centre.X, 0);
        Assert.Equal(5_500, centre.Y, 0);
        Assert.Equal(0.25, gaps.CoveredShare);
    }

    [Fact]
    public void Suggestions_take_the_most_uncovered_weight_first_and_stop_when_nothing_is_left()
    {
        // Three groups far apart, weights 9, 6 and 1 (the 9 in three places near each other).
        var places = new[]
        {
            Place("x1", At(20_000, 0), 3), Place("x2", At(20_200, 0), 3), Place("x3", At(20_100, 150), 3),
            Place("y", At(0, 20_000), 6),
            Place("z", At(-20_000, 0), 1),
            Place("covered", At(0, 0), 4),
        };
        var coverage = CoverageCalculator.Compute(new PlanningArea(places, []), [Site("s", At(0, 0))], Morning, 15);
        var gaps = GapFinder.Find(coverage);

        Assert.Equal([3, 1, 1], gaps.Suggested.Select(s => s.GainPlaces));
        Assert.Equal([9.0, 6.0, 1.0], gaps.Suggested.Select(s => s.GainWeight));
        Assert.Equal([1, 2, 3], gaps.Suggested.Select(s => s.Rank));
        Assert.Equal([13 / 20.0, 19 / 20.0, 1.0], gaps.Suggested.Select(s => s.CoveredWeightShareAfter));
        Assert.Equal([4 / 6.0, 5 / 6.0, 1.0], gaps.Suggested.Select(s => s.CoveredShareAfter), new ToleranceComparer(1e-4));

        // Placing a site at each suggestion really covers what it claims.
        var after = CoverageCalculator.Compute(coverage.Area, [Site("s", At(0, 0)), .. gaps.Suggested.Select(s => Site("n" + s.Rank, s.Location))], Morning, 15);
        Assert.All(after.Places, p => Assert.True(p.Covered));
    }

    [Fact]
    public void At_most_ten_suggestions_each_gaining_no_more_than_the_one_before()
    {
        var random = new Random(3);
        var places = Enumerable.Range(0, 500).Select(i => Place($"p{i}", At(random.Next(-30_000, 30_000), random.Next(-30_000, 30_000)), random.Next(1, 4))).ToList();
        var coverage = CoverageCalculator.Compute(new PlanningArea(places, []), [Site("s", At(0, 0))], Morning, 15);
        var gaps = GapFinder.Find(coverage);
        Assert.Equal(GapFinder.MaxSuggestions, gaps.Suggested.Count);
        Assert.All(gaps.Suggested.Zip(gaps.Suggested.Skip(1)), pair => Assert.True(pair.First.GainWeight >= pair.Second.GainWeight));
        Assert.Equal(places.Count(p => !coverage.Places[places.IndexOf(p)].Covered), gaps.Clusters.Sum(c => c.Places));
        Assert.All(gaps.Clusters.Zip(gaps.Clusters.Skip(1)), pair => Assert.True(pair.First.Weight >= pair.Second.Weight));
    }

    [Fact]
    public void A_district_scope_keeps_its_own_places_only()
    {
        var places = new[] { Place("a", At(5_000, 0), district: "甲"), Place("b", At(-5_000, 0), 5, district: "乙") };
        var coverage = CoverageCalculator.Compute(new PlanningArea(places, []), [Site("s", At(0, 0))], Morning, 15);
        var gaps = GapFinder.Find(coverage, "甲");
        Assert.Equal(["甲"], gaps.Clusters.Select(c => c.District));
        Assert.Equal(["甲"], gaps.Suggested.Select(s => s.District));
        Assert.Equal(1.0, gaps.Suggested.Single().CoveredShareAfter);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
