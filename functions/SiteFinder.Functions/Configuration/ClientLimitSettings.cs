using Microsoft.Extensions.Configuration;

namespace SiteFinder.Functions.Configuration;

/// <summary>
/// The per-client limits of <see cref="Http.ClientLimits"/>, per instance and per minute:
/// ANONYMOUS_READS_PER_MINUTE and FAILED_AUTH_PER_MINUTE.
/// </summary>
public sealed class ClientLimitSettings
{
    /// <summary>
    /// A resident refreshing the nearby list sends a few reads a minute; a mini-program behind a
    /// carrier NAT shares one address with hundreds of others, so the default is high and only stops a
    /// single client scraping or flooding one instance.
    /// </summary>
    public const int DefaultAnonymousReadsPerMinute = 1200;

    /// <summary>A person mistypes a key a few times; twenty wrong ones in a minute from one address is guessing.</summary>
    public const int DefaultFailedAuthPerMinute = 20;

    [ConfigurationKeyName(AppSettingNames.AnonymousReadsPerMinute)]
    public int AnonymousReadsPerMinute { get; set; } = DefaultAnonymousReadsPerMinute;

    [ConfigurationKeyName(AppSettingNames.FailedAuthPerMinute)]
    public int FailedAuthPerMinute { get; set; } = DefaultFailedAuthPerMinute;

    public IEnumerable<string> Problems()
    {
        if (AnonymousReadsPerMinute < 1)
            yield return SettingsValidation.MustBe(AppSettingNames.AnonymousReadsPerMinute, "a whole number of requests ≥ 1", AnonymousReadsPerMinute);
        if (FailedAuthPerMinute < 1)
            yield return SettingsValidation.MustBe(AppSettingNames.FailedAuthPerMinute, "a whole number of failures ≥ 1", FailedAuthPerMinute);
    }
}
