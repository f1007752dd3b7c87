using System.Security.Cryptography;
using System.Text;

namespace SiteFinder.Domain.Sites;

/// <summary>
/// Site ids are derived from the source id, so importing the same list twice updates rather than
/// duplicates, and ids are safe in URLs and Table Storage keys whatever the source id contains.
/// </summary>
public static class SiteIds
{
    public const int Length = 16;

    public static string FromSourceId(string sourceId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(sourceId.Trim()));
        return Convert.ToHexStringLower(hash, 0, Length / 2);
    }

    public static bool IsWellFormed(string? id) =>
        id is { Length: Length } && id.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
