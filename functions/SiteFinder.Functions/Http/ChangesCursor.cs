using System.Buffers.Text;
using System.Globalization;
using System.Text;
using SiteFinder.Domain.Sites;

namespace SiteFinder.Functions.Http;

/// <summary>
/// The open change list's cursor, URL-safe base64 so clients do not build their own: the last change
/// a consumer read (an instant and a site id). It holds across catalogue versions, since it names a
/// point in time, not an offset. An ISO 8601 instant is taken too, for a consumer starting from a date.
/// </summary>
public static class ChangesCursor
{
    private const string Prefix = "chg:";

    public static string Encode(ChangeCursor cursor) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Prefix}{cursor.UpdatedAt.UtcTicks}:{cursor.Id}")));

    public static bool TryDecode(string text, out ChangeCursor cursor)
    {
        cursor = default;
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

        var parts = decoded.StartsWith(Prefix, StringComparison.Ordinal) ? decoded[Prefix.Length..].Split(':', 2) : [];
        if (parts.Length != 2 || parts[1].Length == 0 ||
            !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ||
            ticks > DateTimeOffset.MaxValue.UtcTicks)
            return false;
        cursor = new ChangeCursor(new DateTimeOffset(ticks, TimeSpan.Zero), parts[1]);
        return true;
    }
}
