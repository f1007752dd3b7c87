using System.Text;

namespace SiteFinder.Domain.Import;

/// <summary>
/// Turns an uploaded list into text. Excel on Chinese Windows saves CSV in GB18030 (GBK), not UTF-8,
/// so without a declared charset the encoding is detected: a byte-order mark first, then strict UTF-8
/// (which random GBK text practically never passes), else strict GB18030. Nothing is decoded with
/// replacement characters: bytes that are neither are refused, not turned into question marks.
/// </summary>
public static class ImportText
{
    public const string Utf8 = "utf-8";
    public const string Gb18030 = "gb18030";
    public const string Utf16 = "utf-16";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // GB18030 is a superset of GBK and GB2312, so a list saved in either reads the same.
    private static readonly Encoding StrictGb18030 = CodePagesEncodingProvider.Instance.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)
        ?? throw new InvalidOperationException("The GB18030 code page is not available.");

    /// <summary>The charsets a client may declare, by the names it may use for them.</summary>
    public static IReadOnlyDictionary<string, string> AcceptedCharsets { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["utf-8"] = Utf8,
        ["utf8"] = Utf8,
        ["gb18030"] = Gb18030,
        ["gbk"] = Gb18030,
        ["gb2312"] = Gb18030,
    };

    /// <summary>
    /// The text and the name of the encoding it was read in, or a reason it could not be read.
    /// <paramref name="declared"/> is the charset from Content-Type, already mapped by <see cref="AcceptedCharsets"/>; null to detect.
    /// </summary>
    public static (string? Text, string Encoding, string? Error) Decode(ReadOnlySpan<byte> bytes, string? declared = null)
    {
        if (bytes.StartsWith("\uFEFF"u8))
            return Strict(StrictUtf8, bytes[3..], Utf8 + " (with BOM)", "UTF-8");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return Strict(bytes[0] == 0xFF ? new UnicodeEncoding(false, false, true) : new UnicodeEncoding(true, false, true), bytes[2..], Utf16, "UTF-16");

        return declared switch
        {
            Utf8 => Strict(StrictUtf8, bytes, Utf8, "UTF-8"),
            Gb18030 => Strict(StrictGb18030, bytes, Gb18030, "GB18030"),
            _ => Strict(StrictUtf8, bytes, Utf8, "UTF-8") is { Text: not null } utf8 ? utf8
                : Strict(StrictGb18030, bytes, Gb18030, "GB18030") is { Text: not null } gb ? gb
                : (null, string.Empty, "neither UTF-8 nor GB18030 (GBK): save the list as UTF-8, or from Excel as CSV"),
        };
    }

    private static (string? Text, string Encoding, string? Error) Strict(Encoding encoding, ReadOnlySpan<byte> bytes, string name, string label)
    {
        try
        {
            return (encoding.GetString(bytes), name, null);
        }
        catch (DecoderFallbackException)
        {
            return (null, name, $"not valid {label} as declared");
        }
    }
}
