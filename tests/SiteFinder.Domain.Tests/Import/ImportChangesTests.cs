using SiteFinder.Domain.Audit;
using SiteFinder.Domain.Sites;
using static SiteFinder.Domain.Tests.Import.ImportRows;

namespace SiteFinder.Domain.Tests.Import;

/// <summary>What an import does to the stored sites: added, updated field by field, unchanged, missing, and closeMissing.</summary>
public class ImportChangesTests
{
    private static readonly IReadOnlyList<SiteRecord> Stored = ImportRows.Stored(Csv(Header +
        "pd:1,张江采样点,张江路1号,浦东新区,121.5906,31.2036,WGS-84,24小时,,\n" +
        "pd:2,金桥采样点,金桥路2号,浦东新区,121.6000,31.2500,WGS-84,24小时,,\n" +
        "pd:3,唐镇采样点,唐镇路3号,浦东新区,121.6500,31.2200,WGS-84,24小时,,\n" +
        "hp:1,人民广场采样点,人民大道1号,黄浦区,121.4737,31.2304,WGS-84,24小时,,\n"));

    // pd:1 unchanged, pd:2 renamed, pd:3 left out, pd:4 new; 黄浦区 is not in the file.
    private const string PudongList = Header +
        "pd:1,张江采样点,张江路1号,浦东新区,121.5906,31.2036,WGS-84,24小时,,\n" +
        "pd:2,金桥镇采样点,金桥路2号,浦东新区,121.6000,31.2500,WGS-84,24小时,,\n" +
        "pd:4,川沙采样点,川沙路4号,浦东新区,121.7000,31.1900,WGS-84,24小时,,\n";

    [Fact]
    public void The_plan_names_added_updated_unchanged_and_missing_sites()
    {
        var plan = Plan(Csv(PudongList), Stored);
        var changes = plan.Report.Changes;

        Assert.Equal(["pd:4"], changes.Added.Select(s => s.SourceId));
        var updated = Assert.Single(changes.Updated);
        Assert.Equal(("pd:2", 2), (updated.SourceId, updated.Row));
        Assert.Equal([new FieldChange("name", "金桥采样点", "金桥镇采样点")], updated.Changes);
        Assert.Equal(["pd:1"], changes.Unchanged.Select(s => s.SourceId));
        var missing = Assert.Single(changes.Missing);
        Assert.Equal(("pd:3", "浦东新区", "open", false), (missing.SourceId, missing.District, missing.State, missing.Closed));
        Assert.Equal((1, 1, 1, 1, 0), (plan.Report.Summary.Added, plan.Report.Summary.Updated, plan.Report.Summary.Unchanged, plan.Report.Summary.Missing, plan.Report.Summary.Closed));
        Assert.Equal("bbbbbbbbbbbb", plan.Report.ImportId);
    }

    [Fact]
    public void Each_write_carries_its_before_and_after_records_for_the_audit_trail()
    {
        var plan = Plan(Csv(PudongList), Stored);
        Assert.Equal(["pd:2", "pd:4"], plan.Changes.Select(c => c.After.SourceId).Order());
        var renamed = plan.Changes.Single(c => c.After.SourceId == "pd:2");
        Assert.Same(Stored.Single(r => r.SourceId == "pd:2"), renamed.Before);
        Assert.Equal(AuditAction.Import, renamed.Action);
        Assert.Equal("import:bbbbbbbbbbbb", renamed.After.UpdatedBy);
        Assert.Equal(Now, renamed.After.UpdatedAt);
        Assert.Null(plan.Changes.Single(c => c.After.SourceId == "pd:4").Before);
        Assert.Equal(renamed.After, SiteRecord.From(renamed.Site));
    }

    [Fact]
    public void Close_missing_closes_the_missing_sites_of_the_files_districts_only()
    {
        var plan = Plan(Csv(PudongList), Stored, closeMissing: true);

        var closed = plan.Changes.Single(c => c.Action == AuditAction.CloseMissing);
        Assert.Equal("pd:3", closed.After.SourceId);
        Assert.Equal(nameof(SiteState.Closed), closed.After.State);
        Assert.Equal("closed by import bbbbbbbbbbbb: not in the imported list", closed.After.StateReason);
        Assert.Null(closed.Row);
        Assert.DoesNotContain(plan.Changes, c => c.After.SourceId == "hp:1");
        Assert.True(Assert.Single(plan.Report.Changes.Missing).Closed);
        Assert.Contains(plan.Report.Changes.Updated, u => u.SourceId == "pd:3" && u.Changes.Any(c => c is { Field: "state", Before: "Open", After: "Closed" }));
        Assert.Equal(1, plan.Report.Summary.Closed);
    }

    [Fact]
    public void A_closed_missing_site_is_not_closed_again()
    {
        var stored = Stored.Select(r => r.SourceId == "pd:3" ? r with { State = nameof(SiteState.Closed) } : r).ToList();
        var plan = Plan(Csv(PudongList), stored, closeMissing: true);
        Assert.DoesNotContain(plan.Changes, c => c.Action == AuditAction.CloseMissing);
        Assert.False(Assert.Single(plan.Report.Changes.Missing).Closed);
    }
}
