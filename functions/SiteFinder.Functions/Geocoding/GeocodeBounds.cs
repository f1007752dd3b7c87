using System.Globalization;

namespace SiteFinder.Functions.Geocoding;

/// <summary>A longitude/latitude box in WGS-84 degrees (west &lt; east, south &lt; north).</summary>
public sealed record GeocodeBounds(double West, double South, double East, double North)
{
    /// <summary>Reads "west,south,east,north" (the order Azure Maps' bbox takes), or null when it is not four numbers in range and in order.</summary>
    public static GeocodeBounds? Parse(string? text)
    {
        var parts = (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 4)
            return null;
        var values = new double[4];
        for (var i = 0; i < 4; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
                return null;
        }

        var box = new GeocodeBounds(values[0], values[1], values[2], values[3]);
        return box.West is >= -180 and <= 180 && box.East is >= -180 and <= 180 && box.South is >= -90 and <= 90 && box.North is >= -90 and <= 90
            && box.West < box.East && box.South < box.North
            ? box
            : null;
    }

    /// <summary>"west,south,east,north" in the invariant culture, as Azure Maps reads it and as it is parsed back.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{West:R},{South:R},{East:R},{North:R}");
}
