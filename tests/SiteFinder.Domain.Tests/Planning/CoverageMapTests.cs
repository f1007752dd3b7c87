using System.Xml.Linq;
using SiteFinder.Domain.Planning;
using SiteFinder.Domain.Sites;
using static SiteFinder.Domain.Tests.Planning.SmallCity;

namespace SiteFinder.Domain.Tests.Planning;

public class CoverageMapTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void The_map_is_well_formed_svg_whose_layers_hold_what_the_answers_count()
    {
        var places = new[] { Place("covered", At(100, 100)), Place("a", At(5_250, 5_250)), Place("b", At(5_750, 5_750)), Place("<&>", At(9_000, 0)) };
        var boundary = new DistrictBoundary("黄浦区", [[Square(-1_000, -1_000, 12_000)]]);
        var coverage = CoverageCalculator.Compute(new PlanningArea(places, [boundary]), [Site("s", At(0, 0)), Site("m", At(200, 0), type: SiteType.Mobile)], Morning, 15);
        var gaps = GapFinder.Find(coverage);
        var root = XDocument.Parse(CoverageMap.Render(gaps)).Root!;

        int Count(string layer) => root.Descendants(Svg + "g").Single(g => (string?)g.Attribute("id") == layer).Elements().Count();
        Assert.Equal(1, Count("places-covered"));
        Assert.Equal(3, Count("places-uncovered"));
        Assert.Equal(2, Count("sites"));
        Assert.Equal(gaps.Clusters.Count, Count("gaps"));
        Assert.Equal(gaps.Suggested.Count, Count("suggested"));
        Assert.Equal(["1", "3"], new[] { "data-covered", "data-uncovered" }.Select(a => (string?)root.Attribute(a)));
        Assert.Single(root.Descendants(Svg + "g").Single(g => (string?)g.Attribute("id") == "sites").Elements(), r => (string?)r.Attribute("class") == "site site-mobile");

        // The frame is about 12.7 km wide: the bar is the round length under a fifth of it.
        Assert.Equal("2000", (string?)root.Descendants(Svg + "g").Single(g => (string?)g.Attribute("id") == "scale-bar").Attribute("data-meters"));
    }

    [Fact]
    public void Names_drawn_on_the_map_are_escaped_so_the_svg_stays_well_formed()
    {
        const string name = "a<b&\"c'</svg><script>x</script>";
        var places = new[] { Place("p", At(500, 500), district: name) };
        var coverage = CoverageCalculator.Compute(new PlanningArea(places, [new DistrictBoundary(name, [[Square(0, 0, 1_000)]])]), [Site("s", At(0, 0))], Morning, 15);
        var svg = CoverageMap.Render(GapFinder.Find(coverage));

        var root = XDocument.Parse(svg).Root!;
        Assert.Empty(root.Descendants(Svg + "script"));
        Assert.Contains(root.Descendants(), e => e.Nodes().OfType<XText>().Any(t => t.Value == name));
    }

    [Fact]
    public void A_district_map_draws_that_district_only()
    {
        var places = new[] { Place("a", At(500, 500), district: "甲"), Place("b", At(20_500, 500), district: "乙") };
        var coverage = CoverageCalculator.Compute(new PlanningArea(places, [new DistrictBoundary("甲", [[Square(0, 0, 1_000)]]), new DistrictBoundary("乙", [[Square(20_000, 0, 1_000)]])]), [Site("s", At(0, 0))], Morning, 15);
        var root = XDocument.Parse(CoverageMap.Render(GapFinder.Find(coverage, "甲"))).Root!;
        Assert.Equal(("1", "1"), ((string?)root.Attribute("data-places"), (string?)root.Attribute("data-districts")));
    }
}
