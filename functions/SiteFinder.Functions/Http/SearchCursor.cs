using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace SiteFinder.Functions.Http;

/// <summary>
/// An opaque continuation cursor, URL-safe base64 so clients do not build their own: the version of the
/// catalogue the pages were ranked from and the offset of the next page. Ranked pages hold together only
/// over one catalogue, so the API refuses a cursor of another version (the search restarts).
/// </summary>
public static class SearchCursor
{
    private const string Prefix = "rank:";

    public static string Encode(long version, int offset) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Prefix}{version}:{offset}")));

    public static bool TryDecode(string cursor, out long version, out int offset)
    {
        (version, offset) = (0, 0);
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            return false;
        }

        var parts = text.StartsWith(Prefix, StringComparison.Ordinal) ? text[Prefix.Length..].Split(':') : [];
        return parts.Length == 2 &&
            long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out version) &&
            int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out offset);
    }
}
