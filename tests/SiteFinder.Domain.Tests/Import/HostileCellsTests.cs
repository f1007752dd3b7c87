using SiteFinder.Domain.Import;
using SiteFinder.Domain.Sites;

namespace SiteFinder.Domain.Tests.Import;

/// <summary>Values that are not text, or text with control characters, are refused by field; the row's neighbours still import.</summary>
public class HostileCellsTests
{
    private const string Good = "\"name\":\"青年路社区\",\"address\":\"西湖大道196号\",\"district\":\"上城区\",\"lng\":120.16946,\"lat\":30.24639,\"coord_system\":\"GCJ-02\"";

    [Theory]
    [InlineData("\"source_id\":{\"a\":1}", "source_id", "expected text or a number, not an object")]
    [InlineData("\"source_id\":\"x:1\",\"notes\":[1,2]", "notes", "expected text or a number, not an array")]
    [InlineData("\"source_id\":\"x:1\",\"hours\":true", "hours", "expected text or a number, not true or false")]
    [InlineData("\"source_id\":\"x:\\u00001\"", "source_id", "contains the control character U+0000 at character 3")]
    [InlineData("\"source_id\":\"x:1\",\"notes\":\"ok\\u001b[31m\"", "notes", "contains the control character U+001B at character 3")]
    [InlineData("\"source_id\":\"x:1\",\"address\":\"a\\u0085\"", "address", "contains the control character U+0085 at character 2")]
    public void A_json_value_that_is_not_clean_text_is_refused_naming_the_field(string fields, string field, string message)
    {
        var rows = ImportRows.Json($"[{{{fields},{Good.Replace($"\"{field}\":", "\"unused_" + field + "\":", StringComparison.Ordinal)}}},{{\"source_id\":\"x:2\",{Good}}}]");
        var plan = ImportRows.Plan(rows, []);

        var rejected = Assert.Single(plan.Report.Rows, r => r.Outcome == RowOutcome.Rejected);
        Assert.Equal(1, rejected.Row);
        var error = Assert.Single(rejected.Errors);
        Assert.Equal(field, error.Field);
        Assert.Equal(message, error.Message);
        Assert.Equal("x:2", Assert.Single(plan.Changes).After.SourceId);
    }

    [Fact]
    public void Tabs_and_line_breaks_in_notes_and_hours_are_kept()
    {
        var rows = ImportRows.Json($"[{{\"source_id\":\"x:1\",{Good},\"hours\":\"周一至周五\\n8:00-17:00\",\"notes\":\"一\\t二\\r\\n三\"}}]");
        var after = Assert.Single(ImportRows.Plan(rows, []).Changes).After;
        Assert.Equal("一\t二\r\n三", after.Notes);
    }

    [Fact]
    public void A_csv_cell_with_a_nul_is_refused_naming_its_column()
    {
        var rows = ImportRows.Csv(ImportRows.Header + "x:1,青年\0路,西湖大道196号,上城区,120.16946,30.24639,GCJ-02,24小时,,\n");
        var row = Assert.Single(ImportRows.Plan(rows, []).Report.Rows);
        Assert.Equal(RowOutcome.Rejected, row.Outcome);
        Assert.Equal("name", Assert.Single(row.Errors).Field);
    }

    [Theory]
    [InlineData("上海\u0000", "contains the control character U+0000 at character 3")]
    [InlineData("\u001b[2J", "contains the control character U+001B at character 1")]
    [InlineData("a\u007fb", "contains the control character U+007F at character 2")]
    [InlineData("8:00-12:00\r\n14:00-17:00\t(午休)", null)]
    [InlineData("=HYPERLINK(\"x\")", null)]
    public void Stored_text_keeps_tabs_and_line_breaks_and_refuses_other_control_characters(string text, string? problem) =>
        Assert.Equal(problem, StoredText.Problem(text));

    /// <summary>A lone surrogate escape spells no text at all, as bytes that are not UTF-8 do not: the file is refused, not the field.</summary>
    [Fact]
    public void A_lone_surrogate_escape_refuses_the_whole_file()
    {
        using var document = System.Text.Json.JsonDocument.Parse("[{\"source_id\":\"x:1\",\"phone\":\"\\ud800\"},{\"source_id\":\"x:2\"}]");
        var rows = SiteInput.FromJson(document, out var error);
        Assert.Empty(rows);
        Assert.Contains("unpaired surrogate", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_of_no_rows_or_more_than_100000_is_refused_and_one_of_1_to_100000_is_not()
    {
        Assert.Null(SiteInput.RowCountProblem(SiteInput.MaxRows));
        Assert.Null(SiteInput.RowCountProblem(1));
        Assert.Equal("100001 rows: at most 100000 in one import; split the list by district", SiteInput.RowCountProblem(SiteInput.MaxRows + 1));
        Assert.Equal("no rows: the file has a header (or an empty array) but no site", SiteInput.RowCountProblem(0));
    }
}
