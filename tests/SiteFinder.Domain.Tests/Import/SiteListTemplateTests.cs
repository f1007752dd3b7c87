using SiteFinder.Domain.Import;
using SiteFinder.Domain.Sites;

namespace SiteFinder.Domain.Tests.Import;

public class SiteListTemplateTests
{
    [Fact]
    public void The_template_has_every_column_and_its_two_rows_import_as_described()
    {
        var rows = SiteInput.FromCsv(new StringReader(SiteListTemplate.Csv), out var problem);
        Assert.Null(problem);
        Assert.Equal(SiteInput.Columns.Concat(SiteInput.OptionalColumns), SiteListTemplate.Csv.Split("\r\n")[0].Split(','));

        var plan = SiteImporter.Plan(rows, new DateTimeOffset(2022, 4, 28, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(2, plan.Report.Summary.Accepted);
        Assert.Empty(plan.Report.Problems);
        var bySource = plan.Sites.ToDictionary(s => s.SourceId);
        Assert.Equal(SiteType.Convenience, bySource["pd:0001"].Type);
        Assert.Equal(SiteType.Fixed, bySource["hp:0002"].Type);
        Assert.Equal(["supply-chain"], bySource["hp:0002"].Audience.Groups);
        Assert.True(bySource["hp:0002"].Hours.Always);
    }

    [Fact]
    public void Problems_are_listed_by_kind_with_their_first_rows()
    {
        var csv = "source_id,name,lng,lat,coord_system,hours\n" +
            string.Concat(Enumerable.Range(1, 30).Select(i => $"s{i},点{i},121.4,{(i % 2 == 0 ? "91" : "31.2")},WGS-84,看情况\n"));
        var plan = SiteImporter.Plan(SiteInput.FromCsv(new StringReader(csv), out _), DateTimeOffset.UnixEpoch);

        var lat = Assert.Single(plan.Report.Problems, p => p.Kind == "rejected:lat");
        Assert.Equal(15, lat.Count);
        Assert.Equal([2, 4, 6, 8, 10, 12, 14, 16, 18, 20], lat.FirstRows);
        var hours = Assert.Single(plan.Report.Problems, p => p.Kind == "hoursUnparsed");
        Assert.Equal(15, hours.Count);
        Assert.Equal(ProblemRows.MaxRowsShown, hours.FirstRows.Count);
    }
}
