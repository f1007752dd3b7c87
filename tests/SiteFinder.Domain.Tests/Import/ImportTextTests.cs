using System.Text;
using SiteFinder.Domain.Import;

namespace SiteFinder.Domain.Tests.Import;

public class ImportTextTests
{
    private const string Chinese = "source_id,name\n1,张江镇便民采样点（演示）\n";

    private static readonly Encoding Gb18030 = CodePagesEncodingProvider.Instance.GetEncoding(54936)!;

    [Fact]
    public void Utf8_is_read_as_utf8_with_or_without_a_bom()
    {
        Assert.Equal((Chinese, ImportText.Utf8, (string?)null), ImportText.Decode(Encoding.UTF8.GetBytes(Chinese)));
        var (text, encoding, error) = ImportText.Decode([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Chinese)]);
        Assert.Equal((Chinese, "utf-8 (with BOM)", (string?)null), (text, encoding, error));
    }

    [Fact]
    public void A_list_saved_by_excel_in_gbk_is_detected_as_gb18030()
    {
        var bytes = Gb18030.GetBytes(Chinese);
        Assert.NotEqual(Encoding.UTF8.GetBytes(Chinese), bytes);
        Assert.Equal((Chinese, ImportText.Gb18030, (string?)null), ImportText.Decode(bytes));
        Assert.Equal((Chinese, ImportText.Gb18030, (string?)null), ImportText.Decode(bytes, ImportText.AcceptedCharsets["gbk"]));
    }

    [Fact]
    public void Utf16_with_a_bom_is_read()
    {
        var (text, encoding, _) = ImportText.Decode(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Chinese)).ToArray());
        Assert.Equal((Chinese, ImportText.Utf16), (text, encoding));
    }

    [Fact]
    public void Bytes_that_are_neither_are_refused_never_replaced()
    {
        var latin1 = Encoding.Latin1.GetBytes("1,caf\u00e9,x\n");
        var (text, _, error) = ImportText.Decode(latin1);
        Assert.Null(text);
        Assert.Contains("neither UTF-8 nor GB18030", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_declared_charset_is_held_to()
    {
        var (text, _, error) = ImportText.Decode(Gb18030.GetBytes(Chinese), ImportText.Utf8);
        Assert.Null(text);
        Assert.Equal("not valid UTF-8 as declared", error);
        Assert.False(ImportText.AcceptedCharsets.ContainsKey("latin1"));
    }
}
