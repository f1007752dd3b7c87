using SiteFinder.Domain.Import;
using SiteFinder.Domain.Sites;
using SiteFinder.Tests;
using Xunit.Abstractions;
using static SiteFinder.Domain.Tests.Import.ImportRows;

namespace SiteFinder.Domain.Tests.Import;

/// <summary>A site listed twice becomes one site; many sites at one exact point are marked approximate.</summary>
public class DuplicatesAndSharedPointsTests(ITestOutputHelper output)
{
    [Fact]
    public void The_second_row_with_the_same_name_address_and_hours_nearby_becomes_part_of_the_first_site()
    {
        var plan = Plan(Csv(Header +
            "a:1,长睦家苑,长睦路1号,上城区,120.2000,30.3000,GCJ-02,周一至周日;7:00-11:00,社区,\n" +
            "b:1,其他点,其他路,上城区,120.2500,30.3000,GCJ-02,24小时,,\n" +
            "a:2,长睦家苑,长睦路1号,上城区,120.2010,30.3000,GCJ-02,周一至周日;7:00-11:00,社区,\n"), []);

        Assert.Equal(2, plan.Sites.Count);
        var first = plan.Sites.Single(s => s.SourceId == "a:1");
        Assert.Equal(["a:2"], first.OtherSourceIds);
        var merged = plan.Report.Rows[2];
        Assert.Equal(first.Id, merged.Id);
        Assert.StartsWith("mergedInto: row 1 ", Assert.Single(merged.Warnings), StringComparison.Ordinal);
        Assert.Equal(1, plan.Report.Summary.Merged);
        Assert.Equal("a:2", SiteRecord.From(first).OtherSourceIds);
    }

    [Theory]
    [InlineData("120.2100,30.3000,GCJ-02,周一至周日;7:00-11:00", "m apart: kept as two sites")]
    [InlineData("120.2000,30.3000,GCJ-02,周三、周六;7:00-11:00", "other hours: kept as two sites")]
    public void A_same_named_pair_far_apart_or_with_other_hours_stays_two_sites_with_a_warning(string rest, string warning)
    {
        var plan = Plan(Csv(Header +
            "a:1,长睦家苑,长睦路1号,上城区,120.2000,30.3000,GCJ-02,周一至周日;7:00-11:00,社区,\n" +
            $"a:2,长睦家苑,长睦路1号,上城区,{rest},社区,\n"), []);

        Assert.Equal(2, plan.Sites.Count);
        Assert.Contains(plan.Report.Rows[1].Warnings, w => w.StartsWith("duplicate: same name and address as row 1", StringComparison.Ordinal) && w.EndsWith(warning, StringComparison.Ordinal));
        Assert.Equal(0, plan.Report.Summary.Merged);
    }

    [Fact]
    public void A_stored_copy_of_a_merged_row_is_closed()
    {
        var rows = Csv(Header +
            "a:1,长睦家苑,长睦路1号,上城区,120.2000,30.3000,GCJ-02,24小时,,\n" +
            "a:2,长睦家苑,长睦路1号,上城区,120.2001,30.3000,GCJ-02,24小时,,\n");

        // Stored as two sites, as imports made them before duplicates merged.
        var stored = Stored(Csv(Header + "a:1,长睦家苑,长睦路1号,上城区,120.2000,30.3000,GCJ-02,24小时,,\na:2,长睦家苑（副本）,长睦路1号,上城区,120.2001,30.3000,GCJ-02,24小时,,\n"));
        var plan = Plan(rows, stored);

        var copy = plan.Changes.Single(c => c.After.SourceId == "a:2").After;
        Assert.Equal(nameof(SiteState.Closed), copy.State);
        Assert.Contains("merged into site " + SiteIds.FromSourceId("a:1"), copy.StateReason, StringComparison.Ordinal);
        Assert.Equal("a:2", plan.Changes.Single(c => c.After.SourceId == "a:1").After.OtherSourceIds);
        Assert.Empty(plan.Report.Changes.Missing);
    }

    [Fact]
    public void Three_sites_at_one_exact_point_are_approximate_two_are_not()
    {
        var plan = Plan(Csv(Header +
            "w:1,甲村采样点,甲村,瓦房店市,121.98,39.62,BD-09,24小时,,\n" +
            "w:2,乙村采样点,乙村,瓦房店市,121.98,39.62,BD-09,24小时,,\n" +
            "w:3,丙村采样点,丙村,瓦房店市,121.98,39.62,BD-09,24小时,,\n" +
            "x:1,丁村采样点,丁村,瓦房店市,122.01,39.63,BD-09,24小时,,\n" +
            "x:2,戊村采样点,戊村,瓦房店市,122.01,39.63,BD-09,24小时,,\n"), []);

        Assert.Equal(["w:1", "w:2", "w:3"], plan.Sites.Where(s => s.LocationApproximate).Select(s => s.SourceId).Order());
        Assert.Equal(3, plan.Report.Summary.ApproximateLocation);
        Assert.Equal(3, Assert.Single(plan.Report.Problems, p => p.Kind == "approximateLocation").Count);
        Assert.Contains("3 sites (by name and address) share this exact point", plan.Report.Rows[0].Warnings.Single(w => w.StartsWith("approximate", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void One_place_listed_three_times_is_not_a_shared_point()
    {
        var plan = Plan(Csv(Header +
            "m:1,城山镇卫生院,城山镇,庄河市,123.1,39.9,BD-09,周一至周日 7:30-10:30,医疗卫生机构,\n" +
            "v:1,城山镇卫生院,城山镇,庄河市,123.1,39.9,BD-09,周三、周六 7:30-10:30,愿检尽检,\n" +
            "k:1,城山镇卫生院,城山镇,庄河市,123.1,39.9,BD-09,周一至周日 8:00-11:00,重点人群,\n"), []);
        Assert.Equal(3, plan.Sites.Count);
        Assert.DoesNotContain(plan.Sites, s => s.LocationApproximate);
    }

    [Fact]
    public void A_partial_list_keeps_the_flag_of_a_point_it_shares_with_stored_sites()
    {
        var stored = Stored(Csv(Header +
            "w:1,甲村采样点,甲村,瓦房店市,121.98,39.62,BD-09,24小时,,\n" +
            "w:2,乙村采样点,乙村,瓦房店市,121.98,39.62,BD-09,24小时,,\n" +
            "w:3,丙村采样点,丙村,瓦房店市,121.98,39.62,BD-09,24小时,,\n"));
        Assert.All(stored, r => Assert.True(r.LocationApproximate));

        var plan = Plan(Json("""[{"source_id":"w:1","hours":"周一至周日 8:00-11:00"}]"""), stored);
        Assert.True(plan.Changes.Single().After.LocationApproximate);
    }

    [RealDataTheory]
    [InlineData(RealData.HangzhouSites)]
    [InlineData(RealData.DalianSites)]
    public void Figures_of_the_real_lists(string file)
    {
        using var reader = new StreamReader(RealData.PathOf(file));
        var plan = Plan(SiteInput.FromCsv(reader, out _), []);
        var s = plan.Report.Summary;
        var points = plan.Sites.Where(x => x.LocationApproximate).GroupBy(x => x.SourceLocation).Select(g => g.Select(x => (x.Name, x.Address)).Distinct().Count()).OrderDescending().ToList();
        output.WriteLine($"{file}: {s.Received} rows, {plan.Sites.Count} sites; merged {s.Merged}, other duplicate warnings {s.Duplicates - s.Merged}, " +
            $"approximate {s.ApproximateLocation} sites at {points.Count} points [{string.Join(", ", points)}], held {s.Held}");

        Assert.Equal(s.Received - s.Rejected - s.Merged, plan.Sites.Count);
        Assert.All(plan.Sites.GroupBy(x => x.SourceLocation), g => Assert.Equal(g.Select(x => (x.Name, x.Address)).Distinct().Count() >= SiteImporter.ApproximateFromSites, g.All(x => x.LocationApproximate)));
        Assert.Equal(s.Merged, plan.Sites.Sum(x => x.OtherSourceIds.Count));
        if (file == RealData.HangzhouSites)
        {
            // The README of the data: 72 repeated name+address pairs (all with the same hours).
            Assert.Equal(72, s.Duplicates);
            Assert.True(s.Merged > 0);
        }
        else
        {
            // 14 瓦房店市 sites share one coordinate (SHARED_COORD_x14 in their notes).
            Assert.Equal(14, points[0]);
            Assert.All(plan.Sites.Where(x => x.Notes?.Contains("SHARED_COORD_x14", StringComparison.Ordinal) == true), x => Assert.True(x.LocationApproximate));
        }
    }
}
