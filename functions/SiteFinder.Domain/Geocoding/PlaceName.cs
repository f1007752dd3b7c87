using System.Globalization;
using System.Text;

namespace SiteFinder.Domain.Geocoding;

/// <summary>
/// The form in which place names are compared: what a resident types and what an operator uploads
/// differ in width, spacing, punctuation, a leading province or city and a trailing word they leave
/// out, not in the name itself.
/// <list type="bullet">
/// <item><see cref="Normalize"/>: NFKC (full-width letters, digits and punctuation become half-width),
/// Latin lower-cased, every space, punctuation mark and symbol removed (Chinese and ASCII alike), then
/// a leading 上海市/上海 and, generally, a leading two- or three-character province (浙江省) or a
/// two-character city (杭州市) removed when more follows.</item>
/// <item><see cref="Core"/>: the normalised name without the trailing words residents omit,
/// <see cref="OptionalSuffixes"/>, taken off repeatedly (汇南村小区 → 汇南).</item>
/// </list>
/// </summary>
public static class PlaceName
{
    /// <summary>
    /// Trailing words a resident may leave out: 小区 (compound), 弄 (lane) and 号 (number), which end
    /// four names in five of the Shanghai list, and 村, 苑, 新村 and 公寓, which end compound names. Each is
    /// only taken off when at least <see cref="MinCoreLength"/> characters stay, so 新村 or 一号 keep a name.
    /// Longest first, so that 新村 goes before 村.
    /// </summary>
    public static IReadOnlyList<string> OptionalSuffixes { get; } = ["小区", "新村", "公寓", "弄", "号", "村", "苑"];

    /// <summary>Fewer characters than this are not a name left after taking off a prefix or a suffix.</summary>
    public const int MinCoreLength = 2;

    /// <summary>Trailing words of district names, so that 浦东 and 浦东新区, 西湖区 and 杭州市西湖区 compare equal.</summary>
    private static readonly string[] DistrictSuffixes = ["新区", "区", "县"];

    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return string.Empty;

        var folded = text.Normalize(NormalizationForm.FormKC);
        var kept = new StringBuilder(folded.Length);
        foreach (var rune in folded.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (IsDropped(category))
                continue;
            kept.Append(Rune.ToLowerInvariant(rune).ToString());
        }

        return StripPrefix(kept.ToString());
    }

    /// <summary>The normalised name <paramref name="normalized"/> without its optional trailing words.</summary>
    public static string Core(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        var core = normalized;
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var suffix in OptionalSuffixes)
            {
                if (core.Length - suffix.Length >= MinCoreLength && core.EndsWith(suffix, StringComparison.Ordinal))
                {
                    core = core[..^suffix.Length];
                    changed = true;
                    break;
                }
            }
        }

        return core;
    }

    /// <summary>A district in the form that compares: normalised, without the city and without 区/新区/县.</summary>
    public static string District(string? district)
    {
        var normalized = Normalize(district);
        foreach (var suffix in DistrictSuffixes)
        {
            if (normalized.Length - suffix.Length >= MinCoreLength && normalized.EndsWith(suffix, StringComparison.Ordinal))
                return normalized[..^suffix.Length];
        }

        return normalized;
    }

    // Letters, digits and marks are the name; separators, punctuation and symbols (·, ～, ①'s circle
    // is already a digit after NFKC) are how it was written.
    private static bool IsDropped(UnicodeCategory category) => category is
        UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
        or UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
        or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
        or UnicodeCategory.OtherPunctuation or UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol
        or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol;

    /// <summary>
    /// 上海市 and 上海 first (the city this list is for), then any one province (two or three characters
    /// before 省) and then any city (two characters before 市, not 市场: 农贸市场 is a market, not a
    /// city). Only when at least <see cref="MinCoreLength"/> characters follow, so 上海 alone stays.
    /// </summary>
    private static string StripPrefix(string name)
    {
        name = StripLeading(name, "上海市") ?? StripLeading(name, "上海") ?? name;

        var province = name.IndexOf('省', StringComparison.Ordinal);
        if (province is 2 or 3 && AllHan(name.AsSpan(0, province)) && name.Length - province - 1 >= MinCoreLength)
            name = name[(province + 1)..];

        // Only a city followed by its district (杭州市西湖区, 大连市瓦房店市): "XX市" elsewhere is often
        // part of the name itself (浦东市民中心, 新城市花园), and stripping it would make unrelated
        // places equal.
        if (name.Length > 2 + MinCoreLength && name[2] == '市' && name[3] != '场' && AllHan(name.AsSpan(0, 2)) && DistrictFollows(name.AsSpan(3)))
            name = name[3..];

        return name;
    }

    /// <summary>Whether the text starts with a district or county name: one to four characters, then 区, 县, 市 or 镇.</summary>
    private static bool DistrictFollows(ReadOnlySpan<char> rest)
    {
        for (var i = 1; i <= 4 && i < rest.Length; i++)
        {
            if (rest[i] is '区' or '县' or '市' or '镇')
                return true;
        }

        return false;
    }

    private static string? StripLeading(string name, string prefix) =>
        name.StartsWith(prefix, StringComparison.Ordinal) && name.Length - prefix.Length >= MinCoreLength ? name[prefix.Length..] : null;

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
