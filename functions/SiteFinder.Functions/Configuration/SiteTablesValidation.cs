using System.Text.RegularExpressions;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Configuration;

/// <summary>
/// The rules for the SiteTables settings: names Table Storage accepts, and one table each, compared
/// without case as Table Storage does (two kinds of rows in one table would read each other's).
/// </summary>
public static partial class SiteTablesValidation
{
    public static IEnumerable<string> Problems(SiteTablesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (table, name) in options.All())
        {
            // As an app setting in Azure: sections are joined by "__".
            var setting = $"{SiteTablesOptions.Section}__{table}";
            if (!TableName().IsMatch(name))
                yield return SettingsValidation.MustBe(setting, "a table name (3 to 63 letters and digits, starting with a letter)", name);
            else if (!seen.TryAdd(name, setting))
                yield return SettingsValidation.MustBe(setting, $"another table than {seen[name]}", name);
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableName();
}
