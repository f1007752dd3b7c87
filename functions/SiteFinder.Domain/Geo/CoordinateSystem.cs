namespace SiteFinder.Domain.Geo;

/// <summary>The coordinate systems in use in China. Every coordinate the service accepts or returns names one.</summary>
public enum CoordinateSystem
{
    /// <summary>GPS / international maps.</summary>
    Wgs84,

    /// <summary>"Mars" coordinates required on Chinese maps (AMap, Tencent, WeChat).</summary>
    Gcj02,

    /// <summary>Baidu's offset on top of GCJ-02.</summary>
    Bd09,
}

public static class CoordinateSystemNames
{
    /// <summary>Parses the labels used in the API (<c>wgs84</c>) and in source files (<c>WGS-84</c>, <c>GCJ-02</c>, <c>BD-09</c>).</summary>
    public static bool TryParse(string? text, out CoordinateSystem system)
    {
        var key = (text ?? string.Empty).Trim().Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        (var ok, system) = key switch
        {
            "WGS84" or "GPS" => (true, CoordinateSystem.Wgs84),
            "GCJ02" or "GCJ" or "MARS" => (true, CoordinateSystem.Gcj02),
            "BD09" or "BD09LL" or "BAIDU" => (true, CoordinateSystem.Bd09),
            _ => (false, CoordinateSystem.Wgs84),
        };
        return ok;
    }

    /// <summary>The label the API writes.</summary>
    public static string ToLabel(this CoordinateSystem system) => system switch
    {
        CoordinateSystem.Wgs84 => "wgs84",
        CoordinateSystem.Gcj02 => "gcj02",
        CoordinateSystem.Bd09 => "bd09",
        _ => throw new ArgumentOutOfRangeException(nameof(system)),
    };
}
