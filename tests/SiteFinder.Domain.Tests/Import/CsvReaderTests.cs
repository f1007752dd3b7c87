using SiteFinder.Domain.Import;

namespace SiteFinder.Domain.Tests.Import;

public class CsvReaderTests
{
    [Fact]
    public void Reads_quotes_doubled_quotes_and_line_breaks_inside_quotes()
    {
        var csv = "a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"line1\nline2\",\n3,,last";
        var records = CsvReader.Read(new StringReader(csv)).ToList();
        Assert.Equal(4, records.Count);
        Assert.Equal(["1", "x, y", "say \"hi\""], records[1].Fields);
        Assert.Equal(["2", "line1\nline2", ""], records[2].Fields);
        Assert.Equal(5, records[3].Line);
        Assert.Equal(["3", "", "last"], records[3].Fields);
    }

    [Fact]
    public void Line_numbers_count_the_breaks_inside_quotes()
    {
        var records = CsvReader.Read(new StringReader("h\n\"a\nb\"\nc\n")).ToList();
        Assert.Equal([1, 2, 4], records.Select(r => r.Line));
    }

    [Fact]
    public void A_quote_that_is_never_closed_is_an_error_naming_the_line_it_opened_on()
    {
        var error = Assert.Throws<CsvFormatException>(() => CsvReader.Read(new StringReader("h1,h2\nx,y\n\"open,z\nmore\n")).ToList());
        Assert.Equal(3, error.Line);

        var rows = SiteInput.FromCsv(new StringReader("source_id,name,lng,lat,coord_system\n1,\"a,1,2,WGS-84\n"), out var problem);
        Assert.Empty(rows);
        Assert.Equal("line 2: a quoted field is never closed", problem);
    }

    [Theory]
    [InlineData("h1,h2\nx,a\"b\"c\n", 2, "a quote inside an unquoted field")]
    [InlineData("h1,h2\nx,y\n\"ab\"c,z\n", 3, "text after a closing quote")]
    [InlineData("h1,h2\nx,\"ab\" \n", 2, "text after a closing quote")]
    public void A_quote_that_is_not_a_fields_own_is_an_error_naming_its_line(string csv, int line, string message)
    {
        var error = Assert.Throws<CsvFormatException>(() => CsvReader.Read(new StringReader(csv)).ToList());
        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quoted_fields_may_end_a_record_with_crlf_or_the_file()
    {
        var records = CsvReader.Read(new StringReader("a,b\r\n\"1\",\"2\"\r\n\"3\",\"4\"")).ToList();
        Assert.Equal(["1", "2"], records[1].Fields);
        Assert.Equal(["3", "4"], records[2].Fields);
    }
}
