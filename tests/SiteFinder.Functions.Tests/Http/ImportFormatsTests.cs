using System.Net;
using System.Text;
using System.Text.Json;
using SiteFinder.Functions.Tests.Infrastructure;
using SiteFinder.Tests;

namespace SiteFinder.Functions.Tests.Http;

/// <summary>Imports as operators make them: Excel's GB18030, the template, and files that cannot be read.</summary>
public sealed class ImportFormatsTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private static readonly Encoding Gb18030 = CodePagesEncodingProvider.Instance.GetEncoding(54936)!;

    [RealDataTheory]
    [InlineData(RealData.HangzhouSites)]
    [InlineData(RealData.DalianSites)]
    public async Task A_real_list_saved_in_gb18030_imports_as_its_utf8_file_does(string file)
    {
        var utf8 = await File.ReadAllBytesAsync(RealData.PathOf(file));
        var gb = Gb18030.GetBytes(Encoding.UTF8.GetString(utf8));
        Assert.NotEqual(utf8, gb);

        var (fromUtf8Response, fromUtf8) = await host.ImportAsync(utf8, "text/csv", query: "?dryRun=true");
        var (fromGbResponse, fromGb) = await host.ImportAsync(gb, "text/csv", query: "?dryRun=true");

        Assert.Equal(HttpStatusCode.OK, fromUtf8Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fromGbResponse.StatusCode);
        Assert.Equal("utf-8", fromUtf8.GetProperty("encoding").GetString());
        Assert.Equal("gb18030", fromGb.GetProperty("encoding").GetString());
        Assert.True(fromUtf8.GetProperty("summary").GetProperty("accepted").GetInt32() > 900);
        foreach (var part in new[] { "summary", "problems", "rows" })
            Assert.True(JsonElement.DeepEquals(fromUtf8.GetProperty(part), fromGb.GetProperty(part)), $"{file}: {part} differs");
    }

    [Fact]
    public async Task The_template_downloads_as_utf8_with_a_bom_and_imports_its_two_rows()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("manage/sites/template.csv", UriKind.Relative));
        request.Headers.Add("x-admin-key", LocalHostFixture.AdminKey);
        request.Headers.Add("x-functions-key", LocalHostFixture.FunctionKey);
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("sites-template.csv", response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);

        var (imported, report) = await host.ImportAsync(bytes, "text/csv", query: "?dryRun=true");
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal("utf-8 (with BOM)", report.GetProperty("encoding").GetString());
        Assert.Equal(2, report.GetProperty("summary").GetProperty("accepted").GetInt32());
        Assert.Equal(0, report.GetProperty("problems").GetArrayLength());
    }

    [Fact]
    public async Task The_template_is_an_operator_endpoint()
    {
        var (response, _) = await host.SendAsync(HttpMethod.Get, "manage/sites/template.csv", headers: new Dictionary<string, string> { ["x-functions-key"] = LocalHostFixture.FunctionKey });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("text/csv; charset=latin1", "Content-Type", "not accepted")]
    [InlineData("text/csv; charset=utf-8", "body", "not valid UTF-8")]
    public async Task A_charset_that_cannot_be_read_is_refused_naming_it(string contentType, string field, string message)
    {
        var (response, problem) = await host.ImportAsync(Gb18030.GetBytes("source_id,name,lng,lat,coord_system\n1,张江,121.5,31.2,WGS-84\n"), contentType);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quote_never_closed_is_refused_naming_its_line()
    {
        var (response, problem) = await host.ImportCsvAsync("source_id,name,lng,lat,coord_system\n1,a,121.5,31.2,WGS-84\n2,\"b,121.5,31.2,WGS-84\n3,c,121.5,31.2,WGS-84\n");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("line 3: a quoted field is never closed", problem.GetProperty("errors").GetProperty("body")[0].GetString());
    }
}
