using Microsoft.Extensions.Configuration;
using SiteFinder.Domain.Import;
using SiteFinder.Domain.Sites;

namespace SiteFinder.Functions.Configuration;

/// <summary>
/// How imports judge their rows: IMPORT_EXPECTED_AREA, the deployment's box
/// "minLat,minLng,maxLat,maxLng" (WGS-84) outside which a row is held as planned. Unset or empty,
/// each import derives its area from the list itself (<see cref="ExpectedArea.FromList"/>).
/// IMPORT_GEOCODE_MIN_CONFIDENCE and IMPORT_GEOCODE_CITY: how rows without a point are geocoded (<see cref="ImportGeocoding"/>).
/// DEFAULT_CITY, the city of sites whose row, district, address and list name none (default 上海市).
/// </summary>
public sealed class ImportSettings
{
    [ConfigurationKeyName(AppSettingNames.ImportExpectedArea)]
    public string? ImportExpectedArea { get; set; }

    /// <summary>IMPORT_GEOCODE_MIN_CONFIDENCE: a geocoded row at this confidence or more is placed; below, held as planned.</summary>
    [ConfigurationKeyName(AppSettingNames.ImportGeocodeMinConfidence)]
    public double GeocodeMinConfidence { get; set; } = ImportGeocoding.DefaultMinConfidence;

    /// <summary>IMPORT_GEOCODE_CITY: the city of the deployment's lists, as Azure Maps' bias box is (Shanghai by default).</summary>
    [ConfigurationKeyName(AppSettingNames.ImportGeocodeCity)]
    public string? GeocodeCity { get; set; } = "上海市";
    [ConfigurationKeyName(AppSettingNames.DefaultCity)]
    public string? DefaultCity { get; set; }

    /// <summary>The configured default city, or 上海市.</summary>
    public string City => string.IsNullOrWhiteSpace(DefaultCity) ? SiteCity.Shanghai : DefaultCity.Trim();

    /// <summary>The configured box, or null to derive it from each list.</summary>
    public ExpectedArea? ToExpectedArea() =>
        string.IsNullOrWhiteSpace(ImportExpectedArea) ? null
        : ExpectedArea.TryParse(ImportExpectedArea, out var area, out _) ? area
        : throw new InvalidOperationException($"{AppSettingNames.ImportExpectedArea} was not validated at start");

    public IEnumerable<string> Problems()
    {
        if (!string.IsNullOrWhiteSpace(ImportExpectedArea) && !ExpectedArea.TryParse(ImportExpectedArea, out _, out var error))
            yield return SettingsValidation.MustBe(AppSettingNames.ImportExpectedArea, error!, ImportExpectedArea);
        if (!(GeocodeMinConfidence is >= 0 and <= 1))
            yield return SettingsValidation.MustBe(AppSettingNames.ImportGeocodeMinConfidence, "a number from 0 to 1", GeocodeMinConfidence);
        if (DefaultCity is { Length: > 100 })
            yield return SettingsValidation.MustBe(AppSettingNames.DefaultCity, "at most 100 characters", DefaultCity);
    }
}
