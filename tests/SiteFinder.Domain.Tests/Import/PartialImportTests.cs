using SiteFinder.Domain.Import;
using SiteFinder.Domain.Sites;
using static SiteFinder.Domain.Tests.Import.ImportRows;

namespace SiteFinder.Domain.Tests.Import;

/// <summary>A row updates the columns it carries and leaves the others as stored.</summary>
public class PartialImportTests
{
    private static readonly IReadOnlyList<SiteRecord> Stored = ImportRows.Stored(Csv(Header +
        "pd:1,张江便民采样点,张江路1号,浦东新区,121.5906,31.2036,GCJ-02,周一至周日 8:00-11:30,便民,phone=021-1; 街道=张江镇\n" +
        "pd:2,金桥采样点,金桥路2号,浦东新区,121.6000,31.2500,GCJ-02,24小时,,\n"));

    private static SiteRecord After(ImportPlan plan, string sourceId) => plan.Changes.Single(c => c.After.SourceId == sourceId).After;

    [Fact]
    public void A_city_from_a_city_column_stays_when_a_later_list_carries_district_and_address_without_it()
    {
        var first = Plan(Csv("source_id,name,address,district,city,lng,lat,coord_system\ndl:1,西岗采样点,五四路1号,西岗区,大连市,121.62,38.91,WGS-84\n"), []);
        var stored = first.Changes.Select(c => c.After).ToList();
        Assert.Equal("大连市", stored.Single().City);

        var later = Plan(Csv("source_id,district,address\ndl:1,西岗区,五四路2号\n"), stored);
        Assert.Equal("大连市", later.Sites.Single().City);
        Assert.Equal("五四路2号", later.Sites.Single().Address);
    }

    [Fact]
    public void A_row_with_only_hours_changes_the_hours_and_keeps_every_other_field()
    {
        var plan = Plan(Json("""[{"source_id":"pd:1","hours":"周一至周日 8:00-12:00"}]"""), Stored);
        var before = Stored.Single(r => r.SourceId == "pd:1");
        var after = After(plan, "pd:1");

        Assert.Equal(["hours"], plan.Report.Changes.Updated.Single().Changes.Select(c => c.Field));
        Assert.Equal(before with { Hours = "周一至周日 8:00-12:00", UpdatedAt = Now, UpdatedBy = "import:bbbbbbbbbbbb" }, after);
        Assert.Equal(RowOutcome.Accepted, Assert.Single(plan.Report.Rows).Outcome);
    }

    [Fact]
    public void A_list_without_a_state_column_keeps_suspended_sites_suspended_and_opens_new_ones()
    {
        var stored = Stored.Select(r => r.SourceId == "pd:1" ? r with { State = nameof(SiteState.Suspended), StateReason = "消毒，下午暂停" } : r).ToList();
        var plan = Plan(Csv(Header +
            "pd:1,张江便民采样点,张江路1号,浦东新区,121.5906,31.2036,GCJ-02,周一至周日 8:00-12:00,便民,phone=021-1; 街道=张江镇\n" +
            "pd:3,新点,新路3号,浦东新区,121.6100,31.2600,GCJ-02,24小时,,\n"), stored);

        var suspended = After(plan, "pd:1");
        Assert.Equal(nameof(SiteState.Suspended), suspended.State);
        Assert.Equal("消毒，下午暂停", suspended.StateReason);
        Assert.Equal(nameof(SiteState.Open), After(plan, "pd:3").State);
    }

    [Fact]
    public void A_state_the_row_changes_drops_the_old_reason()
    {
        var stored = Stored.Select(r => r with { State = nameof(SiteState.Suspended), StateReason = "消毒" }).ToList();
        var after = After(Plan(Json("""[{"source_id":"pd:2","state":"open"}]"""), stored), "pd:2");
        Assert.Equal((nameof(SiteState.Open), (string?)null), (after.State, after.StateReason));
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("json-empty")]
    [InlineData("json-null")]
    public void An_empty_cell_clears_its_field_and_the_report_says_so(string form)
    {
        var rows = form switch
        {
            "csv" => Csv("source_id,address,notes\npd:1,,phone=021-1; 街道=张江镇\n"),
            "json-empty" => Json("""[{"source_id":"pd:1","address":""}]"""),
            _ => Json("""[{"source_id":"pd:1","address":null}]"""),
        };
        var plan = Plan(rows, Stored);

        Assert.Equal(string.Empty, After(plan, "pd:1").Address);
        Assert.Equal("张江镇", After(plan, "pd:1").Street);
        var change = plan.Report.Changes.Updated.Single().Changes.Single();
        Assert.Equal(("address", "张江路1号", (string?)null), (change.Field, change.Before, change.After));
        Assert.Contains(Assert.Single(plan.Report.Rows).Warnings, w => ProblemRows.KindOf(w) == "cleared:address");
        Assert.Equal(1, plan.Report.Summary.Cleared);
        Assert.Equal(1, Assert.Single(plan.Report.Problems, p => p.Kind == "cleared:address").Count);
    }

    [Fact]
    public void An_empty_cell_of_a_new_site_is_no_clear()
    {
        var plan = Plan(Csv(Header + "pd:9,新点,,浦东新区,121.61,31.26,GCJ-02,24小时,,\n"), Stored);
        Assert.Equal(0, plan.Report.Summary.Cleared);
        Assert.Equal(1, plan.Report.Summary.Added);
    }

    [Theory]
    [InlineData("""[{"source_id":"pd:1","name":""}]""", "name")]
    [InlineData("""[{"source_id":"pd:1","name":null}]""", "name")]
    [InlineData("""[{"source_id":"pd:1","lng":"","lat":"","coord_system":""}]""", "lng")]
    public void An_empty_required_field_of_a_stored_site_is_an_error_not_a_clear(string json, string field)
    {
        var row = Assert.Single(Plan(Json(json), Stored).Report.Rows);
        Assert.Equal(RowOutcome.Rejected, row.Outcome);
        var error = row.Errors.First();
        Assert.Equal(field, error.Field);
        Assert.Contains("cannot clear", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stored_site_may_leave_out_its_name_and_point_but_a_new_one_may_not()
    {
        var plan = Plan(Csv("source_id,hours\npd:2,周一至周日 9:00-10:00\nnew:1,24小时\n"), Stored);
        Assert.Equal(RowOutcome.Accepted, plan.Report.Rows[0].Outcome);
        Assert.Equal("金桥采样点", After(plan, "pd:2").Name);
        Assert.Equal(["name", "lng", "lat", "coord_system"], plan.Report.Rows[1].Errors.Select(e => e.Field));
    }

    [Fact]
    public void A_row_that_moves_a_site_gives_the_whole_point()
    {
        var row = Assert.Single(Plan(Json("""[{"source_id":"pd:1","lng":121.6,"lat":31.21}]"""), Stored).Report.Rows);
        Assert.Equal([new FieldError("coord_system", "required with lng and lat")], row.Errors);

        var moved = After(Plan(Json("""[{"source_id":"pd:1","lng":121.6,"lat":31.21,"coord_system":"WGS-84"}]"""), Stored), "pd:1");
        Assert.Equal((31.21, 121.6, "wgs84"), (moved.SourceLat, moved.SourceLng, moved.SourceCoord));
        Assert.Equal((31.21, 121.6), (moved.Lat, moved.Lng));
    }

    [Fact]
    public void The_same_list_again_changes_nothing()
    {
        var plan = Plan(Csv(Header +
            "pd:1,张江便民采样点,张江路1号,浦东新区,121.5906,31.2036,GCJ-02,周一至周日 8:00-11:30,便民,phone=021-1; 街道=张江镇\n" +
            "pd:2,金桥采样点,金桥路2号,浦东新区,121.6000,31.2500,GCJ-02,24小时,,\n"), Stored);
        Assert.Empty(plan.Changes);
        Assert.Equal(2, plan.Report.Summary.Unchanged);
        Assert.Equal(["pd:1", "pd:2"], plan.Report.Changes.Unchanged.Select(s => s.SourceId).Order());
    }
}
