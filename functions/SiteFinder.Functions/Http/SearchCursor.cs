using System.Buffers.Text;
using System.Text;
using SiteFinder.Domain.Sites;

namespace SiteFinder.Functions.Http;

/// <summary>An opaque continuation cursor: the last id of the page, URL-safe base64, so clients do not build their own.</summary>
public static class SearchCursor
{
    public static string Encode(string afterId) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes("after:" + afterId));

    public static bool TryDecode(string cursor, out string? afterId)
    {
        afterId = null;
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            if (!text.StartsWith("after:", StringComparison.Ordinal) || !SiteIds.IsWellFormed(text[6..]))
                return false;
            afterId = text[6..];
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
