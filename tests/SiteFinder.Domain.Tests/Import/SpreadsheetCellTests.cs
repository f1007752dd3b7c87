using SiteFinder.Domain.Import;

namespace SiteFinder.Domain.Tests.Import;

public class SpreadsheetCellTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"点击预约\")")]
    [InlineData("+86 21 5000 0000")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A9)")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    public void A_cell_a_spreadsheet_would_run_is_written_with_a_leading_quote(string cell)
    {
        Assert.True(SpreadsheetCell.IsFormulaLike(cell));
        Assert.Equal("'" + cell, SpreadsheetCell.ForCsv(cell));
    }

    [Theory]
    [InlineData("")]
    [InlineData("人民广场采样点")]
    [InlineData("021-50000000")]
    [InlineData("a=b")]
    [InlineData("'=already text")]
    public void Other_cells_are_written_as_they_are(string cell) => Assert.Equal(cell, SpreadsheetCell.ForCsv(cell));

    [Fact]
    public void The_template_has_no_cell_a_spreadsheet_would_run() =>
        Assert.DoesNotContain(SiteListTemplate.Csv.Split("\r\n").SelectMany(l => l.Split(',')), SpreadsheetCell.IsFormulaLike);
}
