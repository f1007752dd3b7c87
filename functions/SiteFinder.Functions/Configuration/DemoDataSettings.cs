using Microsoft.Extensions.Configuration;

namespace SiteFinder.Functions.Configuration;

/// <summary>
/// Whether to load the generated demo catalogue into an empty site table and feed a share of its
/// sites with demo reports (local runs only; false in Azure), and how the feeder runs.
/// </summary>
public sealed class DemoDataSettings
{
    public const int DefaultFeedSeconds = 60;
    public const int DefaultFeedPercent = 35;

    [ConfigurationKeyName(AppSettingNames.SeedDemoData)]
    public bool SeedDemoData { get; set; }

    /// <summary>How often the demo feeder wakes to send what is due; reports stay one per fed site every five minutes whatever the period.</summary>
    [ConfigurationKeyName(AppSettingNames.DemoFeedSeconds)]
    public int DemoFeedSeconds { get; set; } = DefaultFeedSeconds;

    /// <summary>The share of each district's open demo sites the feeder reports for; the rest stay silent, so stale sites show.</summary>
    [ConfigurationKeyName(AppSettingNames.DemoFeedPercent)]
    public int DemoFeedPercent { get; set; } = DefaultFeedPercent;

    public IEnumerable<string> Problems()
    {
        if (DemoFeedSeconds is < 1 or > 3600)
            yield return SettingsValidation.MustBe(AppSettingNames.DemoFeedSeconds, "a whole number of seconds from 1 to 3600", DemoFeedSeconds);
        if (DemoFeedPercent is < 0 or > 100)
            yield return SettingsValidation.MustBe(AppSettingNames.DemoFeedPercent, "a whole percentage from 0 to 100", DemoFeedPercent);
    }
}
