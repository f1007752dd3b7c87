namespace SiteFinder.Domain.Sites;

/// <summary>
/// Reads type and audience from the words source lists use. Only clear words count; anything else
/// stays Unknown / Public with the source text kept, rather than a guess.
/// </summary>
public static class SiteClassifier
{
    /// <summary>
    /// The type the list's type column gives, else the one its name or notes say (derived). Words are
    /// tried most specific first: "便民" and "流动" name the kind of point, hospitals and health centres
    /// are fixed sites (so "社区卫生服务中心" is fixed), and a community point (社区) is a convenience one.
    /// </summary>
    public static (SiteType Type, bool Derived) TypeFrom(string? typeText, string? name, string? notes = null)
    {
        if (TypeIn(typeText) is { } given)
            return (given, false);
        if (Enum.TryParse<SiteType>(typeText, ignoreCase: true, out var named) && Enum.IsDefined(named))
            return (named, false);
        return TypeIn($"{name} {notes}") is { } derived ? (derived, true) : (SiteType.Unknown, false);
    }

    private static SiteType? TypeIn(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (ContainsAny(text, "便民", "convenience"))
            return SiteType.Convenience;
        if (ContainsAny(text, "流动", "移动", "采样车", "mobile"))
            return SiteType.Mobile;
        if (ContainsAny(text, "固定", "医院", "卫生服务中心", "卫生院", "医疗卫生机构", "医疗机构", "fixed"))
            return SiteType.Fixed;
        if (ContainsAny(text, "社区"))
            return SiteType.Convenience;
        return null;
    }

    public static Audience AudienceFrom(string? typeText, string? name, string? explicitAudience = null)
    {
        // In a list's type column "企事业单位" names who runs the site (an employer), not who may use it.
        var text = $"{explicitAudience} {typeText?.Replace("企事业单位", string.Empty, StringComparison.Ordinal)} {name}";
        var groups = new List<string>();
        if (ContainsAny(text, "供应链", "物流", "货运", "冷链", "supply-chain"))
            groups.Add("supply-chain");
        if (ContainsAny(text, "企事业", "企业员工", "enterprise-staff"))
            groups.Add("enterprise-staff");
        if (ContainsAny(text, "重点人群", "key-groups"))
            groups.Add("key-groups");
        if (ContainsAny(text, "医务人员", "medical-staff"))
            groups.Add("medical-staff");

        var source = string.IsNullOrWhiteSpace(explicitAudience) ? typeText : explicitAudience;
        if (groups.Count > 0)
            return new Audience(AudienceKind.Groups, groups, source);
        if (ContainsAny(text, "仅限本小区", "本小区居民", "仅限居民", "residents"))
            return new Audience(AudienceKind.Residents, [], source);

        return Audience.Everyone with { Text = string.IsNullOrWhiteSpace(explicitAudience) ? null : explicitAudience };
    }

    private static bool ContainsAny(string text, params string[] words) =>
        words.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));
}
