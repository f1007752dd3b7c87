using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace SiteFinder.Functions.Geocoding;

/// <summary>
/// The cache's key for a query and its bias. The query is normalised (NFKC, which also turns full-width
/// letters, digits and the ideographic space into ASCII; whitespace collapsed; trimmed; lower-cased), so
/// "  人民广场　１号 " and "人民广场 1号" share one entry and one Azure Maps call. The table holds only a
/// SHA-256 of the normalised text and the bias, never the text a resident typed.
/// </summary>
public sealed partial record GeocodeCacheKey(string NormalizedQuery, string PartitionKey, string RowKey)
{
    public static string Normalize(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Whitespace().Replace(query.Normalize(NormalizationForm.FormKC), " ").Trim().ToLowerInvariant();
    }

    /// <summary>The key of <paramref name="query"/> asked with the bias as sent (the same text near two places has two answers).</summary>
    public static GeocodeCacheKey For(string query, string biasParameter)
    {
        ArgumentNullException.ThrowIfNull(biasParameter);
        var normalized = Normalize(query);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{normalized}\n{biasParameter}"))));

        // 256 partitions by the hash's first two hex digits: cache reads spread over the table's
        // partitions instead of queueing on one.
        return new GeocodeCacheKey(normalized, hash[..2], hash);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
