using Microsoft.Extensions.Configuration;

namespace SiteFinder.Functions.Configuration;

/// <summary>Whether to load the generated demo catalogue into an empty site table (local runs only; false in Azure).</summary>
public sealed class DemoDataSettings
{
    [ConfigurationKeyName(AppSettingNames.SeedDemoData)]
    public bool SeedDemoData { get; set; }
}
