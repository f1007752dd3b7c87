using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Sites;

namespace SiteFinder.Domain.Corrections;

/// <summary>What a resident may send, when corrections mark a site unconfirmed, and what accepting one changes.</summary>
public static class CorrectionRules
{
    public const int MaxTextLength = 300;

    /// <summary>This many independent residents saying "closed" within <see cref="ClosedWindow"/> make an open site's status unconfirmed.</summary>
    public const int ClosedReportsToUnconfirm = 3;

    public static readonly TimeSpan ClosedWindow = TimeSpan.FromHours(1);

    /// <summary>A resident's correction checked field by field; location is optional and given in the system of the resident's map.</summary>
    public static (CorrectionKind Kind, string? Text, LabelledPoint? Location, IReadOnlyDictionary<string, string> Errors) Validate(
        string? kind, string? text, (double Lat, double Lng, string? Coord)? location)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (kind is null)
            errors["kind"] = "required: " + string.Join(", ", CorrectionKinds.Labels);
        else if (!CorrectionKinds.TryParse(kind, out _))
            errors["kind"] = $"'{kind}' is not one of " + string.Join(", ", CorrectionKinds.Labels);
        CorrectionKinds.TryParse(kind, out var parsed);

        var trimmed = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (trimmed is { Length: > MaxTextLength })
            errors["text"] = $"{trimmed.Length} characters; at most {MaxTextLength}";

        LabelledPoint? point = null;
        if (location is { } l)
        {
            if (!double.IsFinite(l.Lat) || Math.Abs(l.Lat) > 90)
                errors["location.lat"] = "a latitude between -90 and 90";
            if (!double.IsFinite(l.Lng) || Math.Abs(l.Lng) > 180)
                errors["location.lng"] = "a longitude between -180 and 180";
            if (!CoordinateSystemNames.TryParse(l.Coord, out var system))
                errors["location.coord"] = "required: wgs84, gcj02 or bd09";
            else if (!errors.ContainsKey("location.lat") && !errors.ContainsKey("location.lng"))
            {
                var given = new LabelledPoint(new GeoPoint(l.Lat, l.Lng), system);
                if (ChinaCoordinates.IsOutsideChina(given.Point))
                    errors["location"] = "the point lies outside China";
                point = given;
            }
        }

        return (parsed, trimmed, point, errors);
    }

    /// <summary>
    /// Whether residents' "closed" corrections put an open site's status in doubt: at least
    /// <see cref="ClosedReportsToUnconfirm"/> distinct clients within the last hour, all after the last
    /// word of someone who knows (a staff report or an operator's confirmation).
    /// </summary>
    public static bool PutsInDoubt(IEnumerable<Correction> corrections, DateTimeOffset now, DateTimeOffset? lastConfirmedAt)
    {
        ArgumentNullException.ThrowIfNull(corrections);
        var since = now - ClosedWindow;
        return corrections
            .Where(c => c.Kind == CorrectionKind.Closed && c.State == CorrectionState.Pending && c.ReceivedAt > since && c.ReceivedAt <= now)
            .Where(c => lastConfirmedAt is null || c.ReceivedAt > lastConfirmedAt)
            .Select(c => c.Client)
            .Distinct(StringComparer.Ordinal)
            .Count() >= ClosedReportsToUnconfirm;
    }

    /// <summary>Pending corrections by site and kind, the group with the latest correction first.</summary>
    public static IReadOnlyList<CorrectionGroup> Group(IEnumerable<Correction> corrections) =>
        corrections
            .GroupBy(c => (c.SiteId, c.Kind))
            .Select(g =>
            {
                var items = g.OrderByDescending(c => c.ReceivedAt).ThenBy(c => c.Id, StringComparer.Ordinal).ToArray();
                return new CorrectionGroup(g.Key.SiteId, items[0].District, g.Key.Kind, items.Length, items.Select(c => c.Client).Distinct(StringComparer.Ordinal).Count(), items[^1].ReceivedAt, items[0].ReceivedAt, items);
            })
            .OrderByDescending(g => g.Latest).ThenBy(g => g.SiteId, StringComparer.Ordinal).ThenBy(g => g.Kind)
            .ToArray();

    /// <summary>
    /// The change a correction proposes by itself: "closed" closes the site, "wrong-location" with a
    /// point moves it there. Other kinds carry no value to apply; the operator's accept gives it
    /// (hours text, audience), or accepting records only that the resident was right.
    /// </summary>
    public static SitePatch ProposedPatch(Correction correction)
    {
        ArgumentNullException.ThrowIfNull(correction);
        return correction.Kind switch
        {
            CorrectionKind.Closed => new SitePatch { Texts = new Dictionary<string, string?> { ["state"] = "closed" } },
            CorrectionKind.WrongLocation when correction.Location is { } p =>
                new SitePatch { Location = new PatchLocation(p.Point.Lat, p.Point.Lng, p.System.ToLabel()) },
            _ => new SitePatch(),
        };
    }
}
