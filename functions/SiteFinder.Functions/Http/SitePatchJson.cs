using System.Text.Json;
using SiteFinder.Domain.Sites;

namespace SiteFinder.Functions.Http;

/// <summary>
/// Reads a JSON merge patch of a site (an edit's body, or the change an accepted correction applies)
/// into a <see cref="SitePatch"/>. Only JSON kinds are judged here: unknown fields, a string where a
/// number belongs. Whether a value is valid is the domain's question (<see cref="SiteEditor"/>).
/// </summary>
public static class SitePatchJson
{
    /// <summary>The patch in <paramref name="json"/>; problems go to <paramref name="errors"/> named <paramref name="prefix"/> + field.</summary>
    public static (SitePatch Patch, string? Reason) Read(JsonElement json, JsonBody errors, string prefix, bool withReason)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var texts = new Dictionary<string, string?>(StringComparer.Ordinal);
        PatchLocation? location = null;
        IReadOnlyList<string>? audience = null;
        string? reason = null;
        if (json.ValueKind != JsonValueKind.Object)
        {
            errors.Fail(prefix.TrimEnd('.') is { Length: > 0 } field ? field : "body", "must be a JSON object");
            return (new SitePatch(), null);
        }

        foreach (var property in json.EnumerateObject())
        {
            var name = property.Name;
            var path = prefix + name;
            var value = property.Value;
            if (withReason && name == "reason")
            {
                reason = errors.String(json, name, path, SiteEditor.MaxStateReasonLength);
            }
            else if (SitePatch.TextFields.Contains(name))
            {
                // An empty string clears as null does; lengths are the domain's to judge.
                if (value.ValueKind == JsonValueKind.Null)
                    texts[name] = null;
                else if (value.ValueKind != JsonValueKind.String)
                    errors.Fail(path, "must be a string, or null to clear it");
                else if (errors.Text(value, path) is { } text)
                    texts[name] = text;
            }
            else if (name == "location")
            {
                location = ReadLocation(errors, value, path);
            }
            else if (name == "audience")
            {
                var given = value.ValueKind switch
                {
                    JsonValueKind.String => [value],
                    JsonValueKind.Array when value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String) => value.EnumerateArray().ToArray(),
                    _ => null,
                };
                if (given is null)
                    errors.Fail(path, "a string or an array of strings: \"public\", \"residents\" or group names");
                else if (given.Select(v => errors.Text(v, path)).ToArray() is var read && read.All(t => t is not null))
                    audience = read!;
            }
            else
            {
                errors.Fail(path, $"not a field of a site; the fields are {string.Join(", ", SitePatch.Fields.Order(StringComparer.Ordinal))}" + (withReason ? " and reason" : string.Empty));
            }
        }

        return (new SitePatch { Texts = texts, Location = location, Audience = audience }, reason);
    }

    private static PatchLocation? ReadLocation(JsonBody errors, JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Fail(path, "an object {\"lat\", \"lng\", \"coord\"}");
            return null;
        }

        double? Number(string name)
        {
            if (value.TryGetProperty(name, out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetDouble(out var d))
                return d;
            errors.Fail(path + "." + name, "required: a number");
            return null;
        }

        var lat = Number("lat");
        var lng = Number("lng");
        var coord = errors.String(value, "coord", path + ".coord", 20);
        if (!value.TryGetProperty("coord", out _))
            errors.Fail(path + ".coord", "required: wgs84, gcj02 or bd09 (the system of the map the point was read from)");
        return lat is { } la && lng is { } lo ? new PatchLocation(la, lo, coord) : null;
    }
}
