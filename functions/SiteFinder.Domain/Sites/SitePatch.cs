namespace SiteFinder.Domain.Sites;

/// <summary>A point as an operator sends it: in the coordinate system their map uses.</summary>
public sealed record PatchLocation(double Lat, double Lng, string? Coord);

/// <summary>
/// The fields an operator's edit sets, still as given. A text field present with null clears it;
/// a field absent from the patch is left as stored. <see cref="SiteEditor"/> decides what is valid.
/// </summary>
public sealed record SitePatch
{
    /// <summary>The text fields an edit may carry, by their API names.</summary>
    public static IReadOnlySet<string> TextFields { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "state", "suspendedUntil", "stateReason", "name", "address", "hours", "type", "phone", "notes",
    };

    /// <summary>Every field an edit may carry: the text fields, location and audience.</summary>
    public static IReadOnlySet<string> Fields { get; } = new HashSet<string>([.. TextFields, "location", "audience"], StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string?> Texts { get; init; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>A new point, or null when the patch does not move the site.</summary>
    public PatchLocation? Location { get; init; }

    /// <summary>Who may use the site: "public", "residents", or group names (<see cref="Audience.KnownGroups"/>); null when not changed.</summary>
    public IReadOnlyList<string>? Audience { get; init; }

    public bool IsEmpty => Texts.Count == 0 && Location is null && Audience is null;
}
