using SiteFinder.Domain.Import;
using SiteFinder.Domain.Operators;

namespace SiteFinder.Domain.Tests.Operators;

public class DistrictImportScopeTests
{
    private const string Header = "source_id,name,address,district,lng,lat,coord_system,hours,type,notes\n";
    private static readonly DateTimeOffset Now = new(2022, 4, 28, 2, 0, 0, TimeSpan.Zero);
    private static readonly OperatorIdentity Pudong = new("浦东新区-张三", "浦东新区", "0123456789ab");

    private static IReadOnlyList<SiteInput> Rows(string body)
    {
        var rows = SiteInput.FromCsv(new StringReader(Header + body), out var error);
        Assert.Null(error);
        return rows;
    }

    private static ImportPlan Plan(IReadOnlyList<SiteInput> rows, OperatorIdentity by) =>
        DistrictImportScope.Plan(rows, by, allowed => SiteImporter.Plan(allowed, Now));

    private const string Mixed =
        "p:1,甲,世纪大道1号,浦东新区,121.50,31.23,WGS-84,24小时,,\n" +
        "h:1,乙,人民大道1号,黄浦区,121.47,31.23,WGS-84,24小时,,\n" +
        "p:2,丙,张杨路1号, 浦东新区 ,121.52,31.23,WGS-84,24小时,,\n" +
        "x:1,丁,某路1号,,121.52,31.23,WGS-84,24小时,,\n";

    [Fact]
    public void A_district_operator_imports_its_district_rows_and_the_others_are_rejected_on_district()
    {
        var plan = Plan(Rows(Mixed), Pudong);

        Assert.Equal(["p:1", "p:2"], plan.Sites.Select(s => s.SourceId).Order(StringComparer.Ordinal));
        Assert.Equal([1, 2, 3, 4], plan.Report.Rows.Select(r => r.Row));
        Assert.Equal(
            [RowOutcome.Accepted, RowOutcome.Rejected, RowOutcome.Accepted, RowOutcome.Rejected],
            plan.Report.Rows.Select(r => r.Outcome));

        var otherDistrict = Assert.Single(plan.Report.Rows[1].Errors);
        Assert.Equal("district", otherDistrict.Field);
        Assert.Contains("黄浦区", otherDistrict.Message, StringComparison.Ordinal);
        Assert.Contains("浦东新区", otherDistrict.Message, StringComparison.Ordinal);
        Assert.Equal("h:1", plan.Report.Rows[1].SourceId);
        Assert.Equal("district", Assert.Single(plan.Report.Rows[3].Errors).Field);

        var summary = plan.Report.Summary;
        Assert.Equal((4, 2, 2, 2), (summary.Received, summary.Accepted, summary.Rejected, summary.Added));
        Assert.Equal(2, plan.Report.Changes.Added.Count);
        var rejected = Assert.Single(plan.Report.Problems, p => p.Kind == "rejected:district");
        Assert.Equal([2, 4], rejected.FirstRows);
    }

    [Fact]
    public void The_city_imports_every_row_as_the_importer_plans_it()
    {
        var rows = Rows(Mixed);
        var plan = Plan(rows, OperatorIdentity.City);
        var direct = SiteImporter.Plan(rows, Now);

        Assert.Equal(4, plan.Sites.Count);
        Assert.Equal(direct.Report.Summary, plan.Report.Summary);
        Assert.Equal(direct.Sites.Select(s => s.Id), plan.Sites.Select(s => s.Id));
    }

    [Fact]
    public void A_refused_row_does_not_replace_an_accepted_row_with_the_same_source_id()
    {
        var plan = Plan(Rows(
            "p:1,甲,世纪大道1号,浦东新区,121.50,31.23,WGS-84,24小时,,\n" +
            "p:1,甲改,人民大道1号,黄浦区,121.47,31.23,WGS-84,24小时,,\n"), Pudong);

        var site = Assert.Single(plan.Sites);
        Assert.Equal("甲", site.Name);
        Assert.Equal("浦东新区", site.District);
        Assert.Empty(plan.Report.Rows[0].Warnings);
        Assert.Equal(RowOutcome.Rejected, plan.Report.Rows[1].Outcome);
    }

    [Fact]
    public void A_row_already_invalid_in_the_operators_district_keeps_the_importers_errors()
    {
        var plan = Plan(Rows("p:1,甲,世纪大道1号,浦东新区,abc,31.23,WGS-84,24小时,,\n"), Pudong);

        var row = Assert.Single(plan.Report.Rows);
        Assert.Equal(RowOutcome.Rejected, row.Outcome);
        Assert.Equal("lng", Assert.Single(row.Errors).Field);
        Assert.Equal(new ImportSummary(1, 0, 1, 0, 0, 0), plan.Report.Summary);
    }
}
