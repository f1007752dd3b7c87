using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SiteFinder.Functions.Configuration;

/// <summary>
/// How every group of settings is checked: a function lists what is wrong, each problem naming the
/// setting as operators set it, and the options fail to build with all of them. With ValidateOnStart
/// that happens when the host starts, so a bad value stops the app before it serves anything.
/// </summary>
public static class SettingsValidation
{
    /// <summary>Fails the options with every problem <paramref name="problems"/> lists (none: they are valid).</summary>
    public static OptionsBuilder<T> ValidateSettings<T>(this OptionsBuilder<T> builder, Func<T, IEnumerable<string>> problems)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IValidateOptions<T>>(new Validator<T>(builder.Name, problems));
        return builder;
    }

    /// <summary>"SETTING must be WHAT, got 'VALUE'", the value as bound and in the invariant culture, so the message reads alike on every machine.</summary>
    public static string MustBe(string setting, string what, object? value) =>
        $"{setting} must be {what}, got '{Convert.ToString(value, CultureInfo.InvariantCulture)}'";

    private sealed class Validator<T>(string? name, Func<T, IEnumerable<string>> problems) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? optionsName, T options)
        {
            if (name is not null && name != optionsName)
                return ValidateOptionsResult.Skip;
            var found = problems(options).ToList();
            return found.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found);
        }
    }
}
