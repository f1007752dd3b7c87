using System.Globalization;
using SiteFinder.Domain.Audit;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Hours;
using SiteFinder.Domain.Import;

namespace SiteFinder.Domain.Sites;

/// <summary>The stored site after an edit, and what changed; or every problem, by field, and no site.</summary>
public sealed record SiteEditResult(SiteRecord? After, IReadOnlyList<FieldChange> Changes, IReadOnlyDictionary<string, string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// What an operator's edit may do to a site. All or nothing: one bad field and no field is applied.
/// The same rules serve an edit, an accepted correction and a state change, so they hold whichever
/// path a change takes.
/// </summary>
public static class SiteEditor
{
    /// <summary>A suspension with an end is temporary: "closed this afternoon", at most this far ahead. Longer is a suspension without an end.</summary>
    public static readonly TimeSpan MaxSuspension = TimeSpan.FromDays(30);

    public const int MaxStateReasonLength = 300;

    public static SiteEditResult Apply(SiteRecord current, SitePatch patch, string who, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(patch);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var after = current;

        after = ApplyState(after, patch, now, errors);
        after = ApplyTexts(after, patch, errors);
        if (patch.Location is { } location)
            after = ApplyLocation(after, location, errors);
        if (patch.Audience is { } audience)
            after = ApplyAudience(after, audience, errors);

        if (errors.Count > 0)
            return new SiteEditResult(null, [], errors);

        var changes = SiteRecordDiff.Changes(current, after);
        if (changes.Count == 0)
            return new SiteEditResult(current, [], errors);
        return new SiteEditResult(after with { UpdatedAt = now, UpdatedBy = who }, changes, errors);
    }

    /// <summary>
    /// State, its reason and the end of a suspension belong together: a new state drops the old
    /// reason and end unless the patch gives new ones, and an end needs a suspended site.
    /// </summary>
    private static SiteRecord ApplyState(SiteRecord site, SitePatch patch, DateTimeOffset now, Dictionary<string, string> errors)
    {
        var texts = patch.Texts;
        var state = Enum.TryParse<SiteState>(site.State, out var stored) ? stored : SiteState.Open;
        var effective = site.ToSite().StateAt(now);
        var newState = effective;
        if (texts.TryGetValue("state", out var stateText))
        {
            if (stateText is null)
                errors["state"] = "cannot be cleared: planned, open, suspended or closed";
            else if (Enum.GetNames<SiteState>().FirstOrDefault(n => n.Equals(stateText.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name)
                newState = Enum.Parse<SiteState>(name);
            else
                errors["state"] = $"'{stateText}' is not planned, open, suspended or closed";
        }

        // The patch's state starts from the state in force: an edit of a site whose suspension has
        // ended stores it as open. An end already past is no end (suspending again without one is indefinite).
        var stateChanged = newState != state;
        var until = stateChanged || site.SuspendedUntil <= now ? null : site.SuspendedUntil;
        var reason = stateChanged ? null : site.StateReason;

        if (texts.TryGetValue("suspendedUntil", out var untilText))
        {
            if (untilText is null)
                until = null;
            else if (newState != SiteState.Suspended)
                errors["suspendedUntil"] = "only for a suspended site: send \"state\": \"suspended\" with it";
            else if (!TryParseInstant(untilText, out var end))
                errors["suspendedUntil"] = $"'{untilText}' is not a time in ISO 8601 (e.g. 2022-04-28T15:00:00+08:00; without an offset, Shanghai time)";
            else if (end <= now)
                errors["suspendedUntil"] = "must be in the future";
            else if (end - now > MaxSuspension)
                errors["suspendedUntil"] = $"at most {MaxSuspension.TotalDays:F0} days ahead; for longer, suspend without an end";
            else
                until = end;
        }

        if (texts.TryGetValue("stateReason", out var reasonText))
        {
            if (reasonText is not null && reasonText.Trim().Length > MaxStateReasonLength)
                errors["stateReason"] = $"at most {MaxStateReasonLength} characters";
            else
                reason = Trimmed(reasonText);
        }

        return site with
        {
            State = newState.ToString(),
            SuspendedUntil = newState == SiteState.Suspended ? until : null,
            StateReason = reason,
        };
    }

    private static SiteRecord ApplyTexts(SiteRecord site, SitePatch patch, Dictionary<string, string> errors)
    {
        foreach (var (field, value) in patch.Texts)
        {
            if (SiteImporter.MaxLengths.TryGetValue(field, out var limit) && value is { Length: var length } && length > limit)
            {
                errors[field] = $"{length} characters; at most {limit}";
                continue;
            }

            var text = Trimmed(value);
            switch (field)
            {
                case "name" when text is null:
                    errors[field] = "cannot be empty";
                    break;
                case "name":
                    site = site with { Name = text! };
                    break;
                case "address":
                    site = site with { Address = text ?? string.Empty };
                    break;
                case "hours":
                    site = site with { Hours = text };
                    break;
                case "phone":
                    site = site with { Phone = text };
                    break;
                case "notes":
                    site = site with { Notes = text };
                    break;
                case "type":
                    if (text is not null && Enum.GetNames<SiteType>().FirstOrDefault(n => n.Equals(text, StringComparison.OrdinalIgnoreCase)) is { } type)
                        site = site with { Type = type, TypeDerived = false };
                    else
                        errors[field] = $"'{text}' is not fixed, convenience, mobile or unknown";
                    break;
            }
        }

        return site;
    }

    private static SiteRecord ApplyLocation(SiteRecord site, PatchLocation location, Dictionary<string, string> errors)
    {
        if (!double.IsFinite(location.Lat) || Math.Abs(location.Lat) > 90)
            errors["location.lat"] = "a latitude between -90 and 90";
        if (!double.IsFinite(location.Lng) || Math.Abs(location.Lng) > 180)
            errors["location.lng"] = "a longitude between -180 and 180";
        if (!CoordinateSystemNames.TryParse(location.Coord, out var system))
            errors["location.coord"] = location.Coord is null ? "required: wgs84, gcj02 or bd09" : $"'{location.Coord}' is not wgs84, gcj02 or bd09";
        if (errors.Keys.Any(k => k.StartsWith("location", StringComparison.Ordinal)))
            return site;

        var source = new LabelledPoint(new GeoPoint(location.Lat, location.Lng), system);
        if (location.Lat == 0 && location.Lng == 0)
        {
            errors["location"] = "the point (0, 0) is a missing location, not a site";
            return site;
        }

        if (ChinaCoordinates.IsOutsideChina(source.Point))
        {
            errors["location"] = "the point lies outside China";
            return site;
        }

        var wgs84 = source.To(CoordinateSystem.Wgs84).Point;

        // An operator who places the site has checked the point: it is no longer a shared fallback,
        // nor a geocoder's guess that a later import would look up again.
        return site with
        {
            Lat = wgs84.Lat,
            Lng = wgs84.Lng,
            SourceLat = location.Lat,
            SourceLng = location.Lng,
            SourceCoord = system.ToLabel(),
            LocationApproximate = false,
            GeocodedSource = null,
            GeocodedConfidence = null,
        };
    }

    private static SiteRecord ApplyAudience(SiteRecord site, IReadOnlyList<string> audience, Dictionary<string, string> errors)
    {
        var values = audience.Select(a => a.Trim().ToLowerInvariant()).Where(a => a.Length > 0).Distinct().ToArray();
        AudienceKind kind;
        string[] groups = [];
        if (values is ["public"])
        {
            kind = AudienceKind.Public;
        }
        else if (values is ["residents"])
        {
            kind = AudienceKind.Residents;
        }
        else if (values.Length > 0 && values.All(Sites.Audience.KnownGroups.Contains))
        {
            kind = AudienceKind.Groups;
            groups = values;
        }
        else
        {
            errors["audience"] = $"\"public\", \"residents\", or one or more of {string.Join(", ", Sites.Audience.KnownGroups)}";
            return site;
        }

        // The source's wording no longer describes who may come once an operator has said so.
        return site with { AudienceKind = kind.ToString(), AudienceGroups = groups.Length == 0 ? null : string.Join(',', groups), AudienceText = null };
    }

    /// <summary>ISO 8601; a time without an offset is Shanghai time, as operators read their clocks.</summary>
    private static bool TryParseInstant(string text, out DateTimeOffset instant)
    {
        instant = default;
        var trimmed = text.Trim();
        if (!DateTime.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
            return false;

        // Years at the ends of the calendar cannot take an offset; no suspension ends there anyway.
        if (parsed.Year is < 2000 or > 9000)
            return false;
        instant = parsed.Kind == DateTimeKind.Unspecified
            ? new DateTimeOffset(parsed, ShanghaiClock.Zone.GetUtcOffset(parsed))
            : DateTimeOffset.Parse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        return true;
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
