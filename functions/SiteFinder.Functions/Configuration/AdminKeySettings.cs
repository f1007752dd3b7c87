using Microsoft.Extensions.Configuration;

namespace SiteFinder.Functions.Configuration;

/// <summary>
/// The admin key. Unlike the other settings it is not validated at start: an unset key, or a Key Vault
/// reference App Service could not resolve yet, closes the admin endpoints (see Http/OperatorAccess), not
/// the whole app, so residents' reads go on while operators fix it.
/// </summary>
public sealed class AdminKeySettings
{
    [ConfigurationKeyName(AppSettingNames.AdminApiKey)]
    public string? AdminApiKey { get; set; }
}
