using System.Text;

namespace SiteFinder.Domain.Sites;

/// <summary>
/// The city a site belongs to. Lists of several cities are served together (Shanghai's, Hangzhou's,
/// Dalian's), and only some of them say so: Hangzhou's districts read 杭州市西湖区, Dalian's read 西岗区
/// with addresses that begin 大连市西岗区. A site's city is therefore, first found wins: the list's own
/// <c>city</c> column, the city at the start of its district, the city at the start of its address,
/// and otherwise the deployment's default city.
/// </summary>
public static class SiteCity
{
    /// <summary>The demo catalogue's city, and the default of a deployment that sets none.</summary>
    public const string Shanghai = "上海市";

    /// <summary>
    /// The city named at the start of a district or address text (上海市浦东新区 → 上海市, 浙江省杭州市西湖区
    /// → 杭州市), or null. The city's name is two to four Han characters before 市 and something must
    /// follow it: 庄河市 alone is a county-level district, not a prefix, and 农贸市场 is a market.
    /// </summary>
    public static string? PrefixOf(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;

        var name = text.Trim().Normalize(NormalizationForm.FormKC);
        var province = name.IndexOf('省', StringComparison.Ordinal);
        if (province is 2 or 3 && AllHan(name.AsSpan(0, province)))
            name = name[(province + 1)..];

        var city = name.IndexOf('市', StringComparison.Ordinal);
        if (city is < 2 or > 4 || !AllHan(name.AsSpan(0, city)) || name.Length - city - 1 < 2 || name[city + 1] == '场')
            return null;
        return name[..(city + 1)];
    }

    /// <summary>A site's city as the import derives it (see the type's summary); <paramref name="column"/> is the row's city cell.</summary>
    public static string Resolve(string? column, string? district, string? address, string defaultCity) =>
        (string.IsNullOrWhiteSpace(column) ? null : column.Trim()) ?? PrefixOf(district) ?? PrefixOf(address) ?? defaultCity;

    /// <summary>
    /// The form in which cities compare: width-folded, without spaces and without the trailing 市, so
    /// that <c>city=杭州</c> and a site of 杭州市 are the same city. Empty for none.
    /// </summary>
    public static string Key(string? city)
    {
        if (string.IsNullOrWhiteSpace(city))
            return string.Empty;
        var key = city.Normalize(NormalizationForm.FormKC).Replace(" ", string.Empty, StringComparison.Ordinal).Trim();
        return key.Length > 2 && key.EndsWith('市') ? key[..^1] : key;
    }

    private static bool AllHan(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is < '\u4E00' or > '\u9FFF')
                return false;
        }

        return true;
    }
}
