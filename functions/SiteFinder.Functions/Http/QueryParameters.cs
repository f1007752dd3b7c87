using System.Buffers;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SiteFinder.Domain.Geo;

namespace SiteFinder.Functions.Http;

/// <summary>
/// Reads query parameters and collects every problem, so one answer names all bad fields. Every name read
/// is remembered: <see cref="RefuseUnknown"/> then refuses the names the endpoint never read, because a
/// typo (<c>coords=gcj02</c>) silently ignored gives a confident answer that is wrong (954 m off).
/// </summary>
public sealed class QueryParameters(IQueryCollection query)
{
    /// <summary>The function key: the Functions host reads it (<c>?code=</c>) before any endpoint does.</summary>
    public const string FunctionKey = "code";

    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();
    private static readonly string[] TrueOrFalse = ["true", "false"];

    /// <summary>
    /// Control characters (<see cref="char.IsControl(char)"/>: U+0000–U+001F and U+007F–U+009F), searched
    /// without an enumerator a value: nearby reads every request's parameters (BENCHMARKS.md, issue 16).
    /// </summary>
    private static readonly SearchValues<char> ControlCharacters = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(c => (char)c)]);

    // Made on the first problem: most requests have none.
    private Dictionary<string, string[]>? _errors;

    // Query names are case-insensitive in ASP.NET Core (Lat reads lat), so the known names are too. A list: an
    // endpoint reads a dozen names at most, which a look along it finds sooner than a set is made.
    private readonly List<string> _knownInOrder = new(16);

    public bool HasErrors => _errors is { Count: > 0 };

    /// <summary>The problems so far (a snapshot when there is none yet: read it again after a <see cref="Fail"/>).</summary>
    public IReadOnlyDictionary<string, string[]> Errors => _errors ?? NoErrors;

    /// <summary>Records a problem with a parameter; the first one found for a name is the one reported.</summary>
    public void Fail(string name, string message) => (_errors ??= new(StringComparer.Ordinal)).TryAdd(name, [message]);

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
    public bool Bool(string name, bool fallback = false) => OneOf(name, TrueOrFalse) is { } value ? value == "true" : fallback;

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

    /// <summary>Names the endpoint accepts but did not read on this path (read only in some cases).</summary>
    public QueryParameters Accept(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        foreach (var name in names)
            Know(name);
        return this;
    }

    /// <summary>
    /// Fails every parameter not read (or accepted) so far, naming the closest known one. Call it after the
    /// last read. The function key is always allowed.
    /// </summary>
    /// <summary>After the reads: every name not read refused, then the problem naming every bad parameter, or null when there is none.</summary>
    public JsonResult? Refusal()
    {
        RefuseUnknown();
        return HasErrors ? Problems.Validation(Errors) : null;
    }

    public QueryParameters RefuseUnknown()
    {
        foreach (var name in query.Keys)
        {
            if (IsKnown(name))
                continue;
            Fail(name, UnknownMessage(name, _knownInOrder));
        }

        return this;
    }

    /// <summary>The problem of an endpoint that reads no query parameter when it was given some; null otherwise.</summary>
    public static JsonResult? RefuseAny(IQueryCollection query) => new QueryParameters(query).Refusal();

    /// <summary>"not a parameter here; did you mean coord? …" so the caller can fix a typo without the documentation.</summary>
    internal static string UnknownMessage(string name, IReadOnlyList<string> known)
    {
        if (known.Count == 0)
            return "not a parameter: this endpoint reads no query parameters";
        var closest = ClosestName.Of(name, known);
        var suggestion = closest is null ? "." : $"; did you mean {closest}?";
        return $"not a parameter of this endpoint{suggestion} It reads {string.Join(", ", known)}";
    }

    private bool IsKnown(string name)
    {
        if (string.Equals(name, FunctionKey, StringComparison.OrdinalIgnoreCase))
            return true;
        foreach (var known in _knownInOrder)
        {
            if (string.Equals(name, known, StringComparison.OrdinalIgnoreCase))
                return true;
        }

        return false;
    }

    private void Know(string name)
    {
        if (!IsKnown(name))
            _knownInOrder.Add(name);
    }

    private string? Raw(string name)
    {
        Know(name);
        var values = query[name];
        if (values.Count > 1)
            Fail(name, "given more than once");
        var value = values.Count == 0 ? null : values[0];

        // .NET's number parsing skips a trailing NUL and trailing white space (lat=31%00 and lat=31%0D%0A read
        // as 31), and no parameter of this API has a control character in it: a value with one is a mistake.
        if (value is not null && value.AsSpan().ContainsAny(ControlCharacters))
        {
            Fail(name, "contains a control character (such as %00 or a line break)");
            return null;
        }

        return value;
    }
}
