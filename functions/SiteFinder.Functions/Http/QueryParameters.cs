using System.Globalization;
using Microsoft.AspNetCore.Http;
using SiteFinder.Domain.Geo;

namespace SiteFinder.Functions.Http;

/// <summary>Reads query parameters and collects every problem, so one answer names all bad fields.</summary>
public sealed class QueryParameters(IQueryCollection query)
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool HasErrors => _errors.Count > 0;

    public IReadOnlyDictionary<string, string[]> Errors => _errors;

    public void Fail(string name, string message) => _errors[name] = [message];

    public string? Text(string name, int maxLength = 100)
    {
        var value = Raw(name);
        if (value is { Length: > 0 } && value.Length > maxLength)
        {
            Fail(name, $"at most {maxLength} characters");
            return null;
        }

        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public double? Double(string name, double min, double max, bool required)
    {
        var value = Raw(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
                Fail(name, "required");
            return null;
        }

        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            Fail(name, $"'{value}' is not a number");
            return null;
        }

        if (number < min || number > max)
        {
            Fail(name, string.Create(CultureInfo.InvariantCulture, $"must be between {min} and {max}"));
            return null;
        }

        return number;
    }

    public int Int(string name, int fallback, int min, int max)
    {
        var value = Raw(name);
        if (string.IsNullOrWhiteSpace(value))
            return fallback;

        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            Fail(name, string.Create(CultureInfo.InvariantCulture, $"must be a whole number between {min} and {max}"));
            return fallback;
        }

        return number;
    }

    public CoordinateSystem Coord(string name = "coord")
    {
        var value = Raw(name);
        if (string.IsNullOrWhiteSpace(value))
            return CoordinateSystem.Wgs84;
        if (CoordinateSystemNames.TryParse(value, out var system))
            return system;

        Fail(name, $"'{value}' is not one of wgs84, gcj02, bd09");
        return CoordinateSystem.Wgs84;
    }

    public TEnum? Enum<TEnum>(string name)
        where TEnum : struct, System.Enum
    {
        var value = Raw(name);
        if (string.IsNullOrWhiteSpace(value))
            return null;
        // Names only: Enum.TryParse would also take "1" or "fixed,convenience" (flags) and answer with a wrong filter.
        if (System.Enum.GetNames<TEnum>().FirstOrDefault(n => n.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase)) is { } enumName)
            return System.Enum.Parse<TEnum>(enumName);

        Fail(name, $"'{value}' is not one of {string.Join(", ", System.Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()))}");
        return null;
    }

    /// <summary>true or false (any case); absent is the fallback.</summary>
    public bool Bool(string name, bool fallback = false) => OneOf(name, ["true", "false"]) is { } value ? value == "true" : fallback;

    public string? OneOf(string name, IReadOnlyCollection<string> allowed)
    {
        var value = Raw(name);
        if (string.IsNullOrWhiteSpace(value))
            return null;
        if (allowed.Contains(value.Trim(), StringComparer.OrdinalIgnoreCase))
            return value.Trim().ToLowerInvariant();

        Fail(name, $"'{value}' is not one of {string.Join(", ", allowed)}");
        return null;
    }

    private string? Raw(string name)
    {
        var values = query[name];
        if (values.Count > 1)
            Fail(name, "given more than once");
        return values.Count == 0 ? null : values[0];
    }
}
