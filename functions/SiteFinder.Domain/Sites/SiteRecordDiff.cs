using System.Globalization;
using System.Reflection;
using SiteFinder.Domain.Audit;

namespace SiteFinder.Domain.Sites;

/// <summary>
/// What differs between two stored versions of a site, field by field, as the audit trail and an
/// import's dry run show it. Bookkeeping (id, update time and author) is not a change of the site.
/// </summary>
public static class SiteRecordDiff
{
    private static readonly HashSet<string> Bookkeeping = [nameof(SiteRecord.Id), nameof(SiteRecord.UpdatedAt), nameof(SiteRecord.UpdatedBy)];

    private static readonly PropertyInfo[] Fields = [.. typeof(SiteRecord).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => !Bookkeeping.Contains(p.Name))];

    /// <summary>The changed fields, in declaration order; every field of <paramref name="after"/> when <paramref name="before"/> is null (a new site).</summary>
    public static IReadOnlyList<FieldChange> Changes(SiteRecord? before, SiteRecord after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<FieldChange>();
        foreach (var field in Fields)
        {
            var old = before is null ? null : Text(field.GetValue(before));
            var now = Text(field.GetValue(after));
            if (!string.Equals(old, now, StringComparison.Ordinal))
                changes.Add(new FieldChange(FieldName(field.Name), old, now));
        }

        return changes;
    }

    /// <summary>The API's name of a field: camelCase of the record property.</summary>
    public static string FieldName(string property) => char.ToLowerInvariant(property[0]) + property[1..];

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s.Length == 0 ? null : s,
        bool b => b ? "true" : null,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
