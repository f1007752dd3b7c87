using System.Globalization;

namespace SiteFinder.Domain.Import;

/// <summary>A latitude or longitude given as text in an uploaded row (a site list, a gazetteer), read the same way everywhere.</summary>
public static class DegreesField
{
    /// <summary>The value, or null with the problem added to <paramref name="errors"/>: missing (<paramref name="required"/>), not a finite number, or beyond ±<paramref name="limit"/>.</summary>
    public static double? Parse(string? given, string field, double limit, string required, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = string.IsNullOrWhiteSpace(given) ? null : given.Trim();
        if (text is null)
        {
            errors.Add(new FieldError(field, required));
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            errors.Add(new FieldError(field, $"'{text}' is not a number"));
            return null;
        }

        if (Math.Abs(value) > limit)
        {
            errors.Add(new FieldError(field, $"{text} is outside ±{limit}"));
            return null;
        }

        return value;
    }
}
