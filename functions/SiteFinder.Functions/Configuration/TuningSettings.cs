using System.Globalization;
using Microsoft.Extensions.Configuration;
using SiteFinder.Domain.Status;

namespace SiteFinder.Functions.Configuration;

/// <summary>
/// The settings that tune the app, declared once here as infra/app/tuning.bicep declares them once
/// for Azure: the status rules (which become the domain's <see cref="StatusOptions"/>) and the
/// refresh periods. Each property is bound from its app setting; an unset one keeps its default,
/// the domain's own for the status rules. The two timer schedules in the same Bicep type are not
/// here: the Functions host (and the local host's timer service) resolves them itself from the
/// timer attributes' %NAME%, and refuses a bad one there.
/// </summary>
/// <remarks>
/// Bound from the configuration root, where the binder binds get-only properties too, each from a
/// setting of its own name (a stray one would fail the start): so this class computes in methods.
/// </remarks>
public sealed class TuningSettings
{
    private const int DefaultRefreshSeconds = 15;

    private static readonly StatusOptions Defaults = new();

    [ConfigurationKeyName(AppSettingNames.CatalogueRefreshSeconds)]
    public int CatalogueRefreshSeconds { get; set; } = DefaultRefreshSeconds;

    [ConfigurationKeyName(AppSettingNames.StatusRefreshSeconds)]
    public int StatusRefreshSeconds { get; set; } = DefaultRefreshSeconds;

    [ConfigurationKeyName(AppSettingNames.StatusTtlMinutes)]
    public int StatusTtlMinutes { get; set; } = Defaults.TtlMinutes;

    [ConfigurationKeyName(AppSettingNames.StatusIdleWaitMinutes)]
    public double StatusIdleWaitMinutes { get; set; } = Defaults.IdleBelowMinutes;

    [ConfigurationKeyName(AppSettingNames.StatusBusyWaitMinutes)]
    public double StatusBusyWaitMinutes { get; set; } = Defaults.BusyFromMinutes;

    [ConfigurationKeyName(AppSettingNames.StatusCongestedWaitMinutes)]
    public double StatusCongestedWaitMinutes { get; set; } = Defaults.CongestedFromMinutes;

    [ConfigurationKeyName(AppSettingNames.StatusPerWindowSamplesPerMinute)]
    public double StatusPerWindowSamplesPerMinute { get; set; } = Defaults.PerWindowSamplesPerMinute;

    public StatusOptions ToStatusOptions() => Defaults with
    {
        TtlMinutes = StatusTtlMinutes,
        IdleBelowMinutes = StatusIdleWaitMinutes,
        BusyFromMinutes = StatusBusyWaitMinutes,
        CongestedFromMinutes = StatusCongestedWaitMinutes,
        PerWindowSamplesPerMinute = StatusPerWindowSamplesPerMinute,
    };

    public RefreshPeriods ToRefreshPeriods() => new(TimeSpan.FromSeconds(CatalogueRefreshSeconds), TimeSpan.FromSeconds(StatusRefreshSeconds));

    /// <summary>
    /// The minimums are infra/app/tuning.bicep's, except that samples a minute may be any fraction
    /// above 0 (a wait is divided by it). Thresholds are finite (an infinite wait cannot be written
    /// as JSON) and in order, idle ≤ busy ≤ congested, or a level could never show.
    /// </summary>
    public IEnumerable<string> Problems()
    {
        if (CatalogueRefreshSeconds < 1)
            yield return SettingsValidation.MustBe(AppSettingNames.CatalogueRefreshSeconds, "a whole number of seconds ≥ 1", CatalogueRefreshSeconds);
        if (StatusRefreshSeconds < 1)
            yield return SettingsValidation.MustBe(AppSettingNames.StatusRefreshSeconds, "a whole number of seconds ≥ 1", StatusRefreshSeconds);
        if (StatusTtlMinutes < 1)
            yield return SettingsValidation.MustBe(AppSettingNames.StatusTtlMinutes, "a whole number of minutes ≥ 1", StatusTtlMinutes);
        if (!(double.IsFinite(StatusIdleWaitMinutes) && StatusIdleWaitMinutes >= 0))
            yield return SettingsValidation.MustBe(AppSettingNames.StatusIdleWaitMinutes, "a number of minutes ≥ 0", StatusIdleWaitMinutes);
        if (!(double.IsFinite(StatusBusyWaitMinutes) && StatusBusyWaitMinutes >= 1))
            yield return SettingsValidation.MustBe(AppSettingNames.StatusBusyWaitMinutes, "a number of minutes ≥ 1", StatusBusyWaitMinutes);
        else if (StatusBusyWaitMinutes < StatusIdleWaitMinutes)
            yield return SettingsValidation.MustBe(AppSettingNames.StatusBusyWaitMinutes, string.Create(CultureInfo.InvariantCulture, $"at least {AppSettingNames.StatusIdleWaitMinutes} ({StatusIdleWaitMinutes})"), StatusBusyWaitMinutes);
        if (!(double.IsFinite(StatusCongestedWaitMinutes) && StatusCongestedWaitMinutes >= 1))
            yield return SettingsValidation.MustBe(AppSettingNames.StatusCongestedWaitMinutes, "a number of minutes ≥ 1", StatusCongestedWaitMinutes);
        else if (StatusCongestedWaitMinutes < StatusBusyWaitMinutes)
            yield return SettingsValidation.MustBe(AppSettingNames.StatusCongestedWaitMinutes, string.Create(CultureInfo.InvariantCulture, $"at least {AppSettingNames.StatusBusyWaitMinutes} ({StatusBusyWaitMinutes})"), StatusCongestedWaitMinutes);
        if (!(double.IsFinite(StatusPerWindowSamplesPerMinute) && StatusPerWindowSamplesPerMinute > 0))
            yield return SettingsValidation.MustBe(AppSettingNames.StatusPerWindowSamplesPerMinute, "a number of samples > 0", StatusPerWindowSamplesPerMinute);
    }
}
