using Microsoft.Extensions.Configuration;

namespace SiteFinder.Functions.Configuration;

/// <summary>How often each instance polls the catalogue and status pointers: the refresh loop's pace, and the readiness probe's yardstick.</summary>
public sealed record RefreshPeriods(TimeSpan Catalogue, TimeSpan Status)
{
    private const int DefaultSeconds = 15;

    /// <summary>The longer of the two: the longest an instance goes without reading storage while all is well.</summary>
    public TimeSpan Longest => Catalogue > Status ? Catalogue : Status;

    public static RefreshPeriods FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new(Seconds(configuration, AppSettingNames.CatalogueRefreshSeconds), Seconds(configuration, AppSettingNames.StatusRefreshSeconds));
    }

    private static TimeSpan Seconds(IConfiguration configuration, string setting) =>
        TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue(setting, DefaultSeconds)));
}
