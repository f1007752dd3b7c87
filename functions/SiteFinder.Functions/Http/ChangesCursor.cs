using System.Buffers.Text;
using System.Globalization;
using System.Text;
using SiteFinder.Domain.Sites;

namespace SiteFinder.Functions.Http;

/// <summary>
/// The open change list's cursor, URL-safe base64 so clients do not build their own: the last change
/// a consumer read (an instant and a site id). It holds across catalogue versions, since it names a
/// point in time, not an offset. The next page of a first download says so (it lists no removals); the
/// cursor for the next poll never does. An ISO 8601 instant is taken too, for a consumer starting from a date.
/// </summary>
public static class ChangesCursor
{
    private const string Prefix = "chg:";
    private const string FirstDownloadPrefix = "ini:";

    public static string Encode(ChangeCursor cursor, bool firstDownload = false) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{(firstDownload ? FirstDownloadPrefix : Prefix)}{cursor.UpdatedAt.UtcTicks}:{cursor.Id}")));

    public static bool TryDecode(string text, out ChangeCursor cursor, out bool firstDownload)
    {
        cursor = default;
        firstDownload = false;
        if (DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            // Every site changed at or after the instant: a tick earlier, past every id (ids are hex).
            cursor = new ChangeCursor(instant.AddTicks(-1).ToUniversalTime(), "\uffff");
            return true;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
        }
        catch (FormatException)
        {
            return false;
        }

        firstDownload = decoded.StartsWith(FirstDownloadPrefix, StringComparison.Ordinal);
        var parts = decoded.StartsWith(Prefix, StringComparison.Ordinal) || firstDownload ? decoded[Prefix.Length..].Split(':', 2) : [];
        if (parts.Length != 2 || parts[1].Length == 0 ||
            !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ||
            ticks > DateTimeOffset.MaxValue.UtcTicks)
            return false;
        cursor = new ChangeCursor(new DateTimeOffset(ticks, TimeSpan.Zero), parts[1]);
        return true;
    }
}
