using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Import;
using SiteFinder.Domain.Sites;
using SiteFinder.Tests;
using Xunit.Abstractions;
using static SiteFinder.Domain.Tests.Import.ImportRows;

namespace SiteFinder.Domain.Tests.Import;

/// <summary>Far points are held as planned, not served; the area comes from the deployment's box or the list's own spread.</summary>
public class ExpectedAreaTests(ITestOutputHelper output)
{
    private static readonly string[] Near = [.. Enumerable.Range(0, 6).Select(i => $"n{i},site {i},addr {i},d,121.4{i},31.2,WGS-84,24小时,,")];

    [Fact]
    public void A_row_outside_the_lists_area_is_held_as_planned_with_the_distance_as_reason()
    {
        var plan = Plan(Csv(Header + string.Join('\n', Near.Append("far,far away,x,d,126.9,41.8,WGS-84,24小时,,")) + "\n"), []);
        var far = plan.Sites.Single(s => s.SourceId == "far");

        Assert.Equal(SiteState.Planned, far.State);
        Assert.StartsWith(SiteImporter.HeldReasonPrefix + ": ", far.StateReason, StringComparison.Ordinal);
        Assert.Contains(" km from the list's median point", far.StateReason, StringComparison.Ordinal);
        Assert.All(plan.Sites.Where(s => s.SourceId != "far"), s => Assert.Equal(SiteState.Open, s.State));
        Assert.Equal(1, plan.Report.Summary.Held);
        Assert.Equal(1, Assert.Single(plan.Report.Problems, p => p.Kind == "held:outsideExpectedArea").Count);
    }

    [Fact]
    public void A_far_site_an_operator_put_in_service_is_not_held_again_by_the_same_list()
    {
        var list = Csv(Header + string.Join('\n', Near.Append("far,far away,x,d,126.9,41.8,WGS-84,24小时,,")) + "\n");
        var held = Plan(list, []).Changes.Select(c => c.After).ToList();
        var confirmed = held.Select(r => r.SourceId == "far" ? r with { State = nameof(SiteState.Open), StateReason = null } : r).ToList();

        var again = Plan(list, confirmed);

        Assert.Equal(SiteState.Open, again.Sites.Single(s => s.SourceId == "far").State);
        Assert.DoesNotContain(again.Changes, c => c.After.SourceId == "far");

        // Moved to another far point, it is held again: the operator confirmed the old one.
        var moved = Plan(Csv(Header + string.Join('\n', Near.Append("far,far away,x,d,126.8,41.7,WGS-84,24小时,,")) + "\n"), confirmed);
        Assert.Equal(SiteState.Planned, moved.Sites.Single(s => s.SourceId == "far").State);
    }

    [Fact]
    public void A_held_site_opens_once_a_list_brings_its_point_inside()
    {
        var held = Plan(Csv(Header + string.Join('\n', Near.Append("far,far away,x,d,126.9,41.8,WGS-84,24小时,,")) + "\n"), []);
        var stored = held.Changes.Select(c => c.After).ToList();
        var fixedPoint = Plan(Json("""[{"source_id":"far","lng":121.45,"lat":31.21,"coord_system":"WGS-84"}]"""), stored);

        var after = Assert.Single(fixedPoint.Changes).After;
        Assert.Equal((nameof(SiteState.Open), (string?)null), (after.State, after.StateReason));
    }

    [Fact]
    public void A_configured_box_decides_instead_of_the_list()
    {
        Assert.True(ExpectedArea.TryParse("29.1, 118.3, 30.6, 120.8", out var hangzhou, out _));
        var plan = SiteImporter.Plan(Csv(Header + string.Join('\n', Near) + "\n"), [], Now, new ImportOptions { ExpectedArea = hangzhou });

        Assert.All(plan.Sites, s => Assert.Equal(SiteState.Planned, s.State));
        Assert.Contains("IMPORT_EXPECTED_AREA", plan.Sites[0].StateReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("30,120,31")]
    [InlineData("30,120,31,x")]
    [InlineData("31,120,30,121")]
    [InlineData("30,120,95,121")]
    public void A_box_that_is_not_one_is_refused(string text) =>
        Assert.False(ExpectedArea.TryParse(text, out _, out _));

    [Fact]
    public void A_small_list_keeps_the_minimum_radius()
    {
        var area = ExpectedArea.FromList([new GeoPoint(31.2, 121.4), new GeoPoint(31.21, 121.41)])!;
        Assert.Equal(ExpectedArea.MinRadiusMeters, area.RadiusMeters);
        Assert.Null(ExpectedArea.FromList([]));
    }

    [RealDataTheory]
    [InlineData(RealData.HangzhouSites, new[] { 101, 172 })]
    [InlineData(RealData.DalianSites, new int[0])]
    public void On_the_real_lists_the_slips_are_held_and_the_outlying_counties_pass(string file, int[] heldRows)
    {
        using var reader = new StreamReader(RealData.PathOf(file));
        var plan = Plan(SiteInput.FromCsv(reader, out _), []);
        var area = ExpectedArea.FromList([.. plan.Sites.Select(s => s.Location)])!;
        var farthestServed = plan.Sites.Where(s => s.State == SiteState.Open).Max(s => GreatCircle.DistanceMeters(area.Centre!.Value, s.Location));
        var held = plan.Report.Rows.Where(r => r.Warnings.Any(w => ProblemRows.KindOf(w) == "held:outsideExpectedArea")).ToList();
        output.WriteLine($"{file}: radius {area.RadiusMeters / 1000:F1} km, farthest served {farthestServed / 1000:F1} km, held rows [{string.Join(", ", held.Select(r => r.Row))}]");
        foreach (var row in held)
            output.WriteLine($"  row {row.Row}: {row.Warnings.First(w => w.StartsWith("held", StringComparison.Ordinal))}");

        Assert.Equal(heldRows, held.Select(r => r.Row));
        Assert.Equal(heldRows.Length, plan.Report.Summary.Held);

        // 淳安县 (Hangzhou) and 庄河市 (Dalian) are real outlying counties: every one of their sites is served.
        Assert.All(plan.Sites.Where(s => s.District.Contains("淳安县", StringComparison.Ordinal) || s.District.Contains("庄河市", StringComparison.Ordinal)), s => Assert.Equal(SiteState.Open, s.State));
    }
}
