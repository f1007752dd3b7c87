using Microsoft.Extensions.Configuration;
using SiteFinder.Domain.Status;

namespace SiteFinder.Functions.Configuration;

public static class StatusSettings
{
    /// <summary>The city's status rules from app settings; a missing setting keeps the default.</summary>
    public static StatusOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var defaults = new StatusOptions();
        return defaults with
        {
            TtlMinutes = configuration.GetValue(AppSettingNames.StatusTtlMinutes, defaults.TtlMinutes),
            IdleBelowMinutes = configuration.GetValue(AppSettingNames.StatusIdleWaitMinutes, defaults.IdleBelowMinutes),
            BusyFromMinutes = configuration.GetValue(AppSettingNames.StatusBusyWaitMinutes, defaults.BusyFromMinutes),
            CongestedFromMinutes = configuration.GetValue(AppSettingNames.StatusCongestedWaitMinutes, defaults.CongestedFromMinutes),
            PerWindowSamplesPerMinute = configuration.GetValue(AppSettingNames.StatusPerWindowSamplesPerMinute, defaults.PerWindowSamplesPerMinute),
        };
    }
}
