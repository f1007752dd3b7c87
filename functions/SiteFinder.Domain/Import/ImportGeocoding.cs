using System.Globalization;
using SiteFinder.Domain.Geocoding;
using SiteFinder.Domain.Sites;

namespace SiteFinder.Domain.Import;

/// <summary>
/// Which rows of an import need a point found for them, with what text, and whether a found point
/// places the site. A row needs one when it gives no point (lng, lat and coord_system left out or
/// all empty) and there is none to keep: a new site, or a stored site whose point was itself found
/// this way (so an import after a better gazetteer, or with a corrected address, finds it again).
/// A stored site whose point came from a list or an operator keeps that point.
/// <para>
/// A found point places the site when its confidence is at least
/// <see cref="ImportOptions.GeocodeMinConfidence"/>; below it the site is stored at that point but
/// held as planned, with the reason, so that no resident is sent to a guess. A row with nothing
/// found (or Azure Maps unreachable) has no point to store: it is reported held and not written.
/// </para>
/// </summary>
public static class ImportGeocoding
{
    /// <summary>
    /// 0.9: a gazetteer exact or core name (the name with or without a suffix such as 小区) and Azure
    /// Maps' "High" (0.9). A gazetteer prefix match is not enough: it names a longer, more specific
    /// place than the row (曹杨路 → 曹杨路1040弄), so the row would be served at a guess. Maps' "Medium"
    /// (0.6), an ambiguous High (0.8) and gazetteer prefix, substring or similar names are held for an
    /// operator to check.
    /// </summary>
    public const double DefaultMinConfidence = 0.9;

    /// <summary>
    /// At most this many rows of one import are looked up: each one past the gazetteer may be an Azure
    /// Maps call, billed, and a list of a city's new sites without coordinates is a few thousand at most.
    /// The rows past it are not looked up and are reported held (import them in parts).
    /// </summary>
    public const int MaxRowsPerImport = 5_000;

    /// <summary>The kinds of <see cref="RowReport.Warnings"/> geocoding adds.</summary>
    public const string Geocoded = "geocoded";
    public const string HeldLowConfidence = "held:lowGeocodeConfidence";
    public const string HeldNotGeocoded = "held:notGeocoded";

    /// <summary>Whether the row gives no point and has none to keep (see the class summary).</summary>
    public static bool Needs(SiteInput row, SiteRecord? stored)
    {
        ArgumentNullException.ThrowIfNull(row);
        // A row the parser refuses whatever is found (a NUL in its name) is not worth a lookup.
        if (SiteInput.PointColumns.Any(c => SiteRowParser.Trimmed(row[c]) is not null) || row.Problems().Count > 0)
            return false;
        return stored is null || stored.GeocodedSource is not null;
    }

    /// <summary>The requests of the rows that need a point, in row order; a row with neither address nor name has nothing to look up (the parser rejects it).</summary>
    public static IReadOnlyList<GeocodeRequest> Requests(IReadOnlyList<SiteInput> rows, IReadOnlyList<SiteRecord> stored, ImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(options);
        var byId = stored.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var requests = new List<GeocodeRequest>();
        foreach (var row in rows)
        {
            var record = SiteRowParser.Trimmed(row["source_id"]) is { } sourceId ? byId.GetValueOrDefault(SiteIds.FromSourceId(sourceId)) : null;
            if (RequestOf(row, record, options.GeocodeCity) is { } request)
                requests.Add(request);
        }

        return requests;
    }

    /// <summary>The request of one row read over its stored site (null when it needs none or has no text).</summary>
    public static GeocodeRequest? RequestOf(SiteInput row, SiteRecord? stored, string? city)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!Needs(row, stored))
            return null;

        // A column the row leaves out is the stored site's; a carried empty one is empty.
        string? Field(string column, string? storedValue) => SiteRowParser.Trimmed(row.Has(column) ? row[column] : storedValue);
        var name = Field("name", stored?.Name);
        var address = Field("address", stored?.Address);
        var district = Field("district", stored?.District) ?? string.Empty;
        if (name is null && address is null)
            return null;

        string[] names = [.. new[] { address is null ? null : WithoutPlace(address, district, city), name }
            .Where(n => !string.IsNullOrEmpty(n)).Select(n => n!).Distinct(StringComparer.Ordinal)];
        return new GeocodeRequest(row.Row, Query(name, address, district, city), names, district);
    }

    /// <summary>
    /// The address (else the name) with the district and city before it unless it names them already:
    /// 人民大道200号 in 黄浦区 of 上海市 is 上海市黄浦区人民大道200号. A district that names its own city
    /// (杭州市西湖区) is not given another.
    /// </summary>
    public static string Query(string? name, string? address, string? district, string? city)
    {
        var text = SiteRowParser.Trimmed(address) ?? SiteRowParser.Trimmed(name) ?? string.Empty;
        district = SiteRowParser.Trimmed(district);
        city = SiteRowParser.Trimmed(city);
        if (district is not null && !text.Contains(district, StringComparison.Ordinal))
            text = district + text;
        if (city is not null && !text.Contains(ShortCity(city), StringComparison.Ordinal) && district?.Contains('市', StringComparison.Ordinal) != true)
            text = city + text;
        return text;
    }

    /// <summary>
    /// The gazetteer's best point for the request: the most confident match of its names that is in
    /// the row's district (or where either side has none). A same-named place of another district is
    /// not this site's (Shanghai has several 人民路).
    /// </summary>
    public static GeocodedPoint? FromGazetteer(PlaceMatcher<GazetteerEntry> matcher, GeocodeRequest request)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        ArgumentNullException.ThrowIfNull(request);
        var rowDistrict = PlaceName.District(request.District);
        GeocodedPoint? best = null;
        foreach (var name in request.Names)
        {
            var match = matcher.Match(name, request.District, limit: 5)
                .FirstOrDefault(m => rowDistrict.Length == 0 || m.DistrictMatched || PlaceName.District(m.Item.District).Length == 0);
            if (match is not null && (best is null || match.Confidence > best.Confidence))
                best = new GeocodedPoint(match.Item.Location, GeocodeSource.Gazetteer, match.Confidence, string.IsNullOrEmpty(match.Item.District) ? match.Item.Name : $"{match.Item.District} {match.Item.Name}");
        }

        return best;
    }

    /// <summary>The most confident of the points; of two equally sure, the earlier (the gazetteer is asked first).</summary>
    public static GeocodedPoint? Best(params GeocodedPoint?[] points)
    {
        ArgumentNullException.ThrowIfNull(points);
        GeocodedPoint? best = null;
        foreach (var point in points)
        {
            if (point is not null && (best is null || point.Confidence > best.Confidence))
                best = point;
        }

        return best;
    }

    /// <summary>Whether the gazetteer's point is good enough that Azure Maps need not be asked.</summary>
    public static bool Accepts(GeocodedPoint? point, ImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return point is not null && point.Confidence >= options.GeocodeMinConfidence;
    }

    /// <summary>Why a site at a found point is held: its confidence is below the threshold (null: it is placed).</summary>
    public static string? LowConfidence(GeocodeSource source, double confidence, ImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return confidence >= options.GeocodeMinConfidence ? null
            : string.Create(CultureInfo.InvariantCulture, $"{source.ToLabel()} confidence {confidence:0.##} is below {options.GeocodeMinConfidence:0.##}");
    }

    private static string ShortCity(string city) => city.Length > 2 && city.EndsWith('市') ? city[..^1] : city;

    /// <summary>The address without the city and district it begins with, as the gazetteer's names are written.</summary>
    private static string WithoutPlace(string address, string district, string? city)
    {
        var text = address;
        foreach (var prefix in new[] { SiteRowParser.Trimmed(city), SiteRowParser.Trimmed(city) is { } c ? ShortCity(c) : null, SiteRowParser.Trimmed(district) })
        {
            if (prefix is not null && text.Length > prefix.Length && text.StartsWith(prefix, StringComparison.Ordinal))
                text = text[prefix.Length..];
        }

        return text.Trim();
    }
}
