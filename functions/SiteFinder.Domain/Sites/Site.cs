using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Hours;

namespace SiteFinder.Domain.Sites;

public enum SiteType
{
    Unknown,
    Fixed,
    Convenience,
    Mobile,
}

public enum SiteState
{
    Planned,
    Open,
    Suspended,
    Closed,
}

public enum AudienceKind
{
    /// <summary>Anyone may test here.</summary>
    Public,

    /// <summary>Only the residents of one compound.</summary>
    Residents,

    /// <summary>Only named groups (supply-chain workers, enterprise staff, key groups).</summary>
    Groups,
}

/// <summary>Who may use a site. <see cref="Text"/> keeps the source wording the classification came from.</summary>
public sealed record Audience(AudienceKind Kind, IReadOnlyList<string> Groups, string? Text)
{
    public static Audience Everyone { get; } = new(AudienceKind.Public, [], null);

    /// <summary>Who asks for the sites open to all: the default, when the caller says nothing.</summary>
    public const string PublicName = "public";

    /// <summary>Who asks for every site, whoever it is reserved for (an operator's or a planner's view).</summary>
    public const string AnyName = "any";

    /// <summary>Who asks for the sites open to all and those reserved for a compound's residents.</summary>
    public const string ResidentsName = "residents";

    /// <summary>
    /// Whether someone who says "I am <paramref name="who"/>" may use the site. Nobody (null) and
    /// "public" get the sites open to all only: a resident who names no group must not be sent to a
    /// site reserved for supply-chain workers, where they would be turned away. A group name or
    /// "residents" adds the sites reserved for it; "any" admits every site.
    /// </summary>
    public bool Admits(string? who) =>
        Kind == AudienceKind.Public ||
        string.Equals(who, AnyName, StringComparison.OrdinalIgnoreCase) ||
        (who is not null && Kind == AudienceKind.Residents && string.Equals(who, ResidentsName, StringComparison.OrdinalIgnoreCase)) ||
        (who is not null && Kind == AudienceKind.Groups && Groups.Contains(who, StringComparer.OrdinalIgnoreCase));

    public static IReadOnlyList<string> KnownGroups { get; } = ["supply-chain", "enterprise-staff", "key-groups", "medical-staff"];

    /// <summary>Every value a resident's query may give for who they are.</summary>
    public static IReadOnlyList<string> Choices { get; } = [PublicName, ResidentsName, AnyName, .. KnownGroups];
}

/// <summary>A sampling site as the finder serves it. The location is WGS-84; the source's own point is kept beside it.</summary>
public sealed record Site
{
    public required string Id { get; init; }
    public required string SourceId { get; init; }
    public required string Name { get; init; }
    public string Address { get; init; } = string.Empty;
    public string District { get; init; } = string.Empty;

    /// <summary>The city the site is in (上海市, 杭州市), as the import derived it (<see cref="SiteCity"/>); empty when stored before cities were kept.</summary>
    public string City { get; init; } = string.Empty;

    public string? Street { get; init; }
    public required GeoPoint Location { get; init; }
    public required LabelledPoint SourceLocation { get; init; }
    public SiteType Type { get; init; }

    /// <summary>The type was read from the name or notes, not given by the list's type column.</summary>
    public bool TypeDerived { get; init; }

    public string? TypeText { get; init; }
    public Audience Audience { get; init; } = Audience.Everyone;
    public OpeningHours Hours { get; init; } = OpeningHours.Unknown;
    public string? Phone { get; init; }
    public string? Notes { get; init; }
    public SiteState State { get; init; } = SiteState.Open;

    /// <summary>For a <see cref="SiteState.Suspended"/> site: when the suspension ends by itself (null: until an operator reopens it).</summary>
    public DateTimeOffset? SuspendedUntil { get; init; }

    /// <summary>Why the site is in its state, for residents and operators ("消毒，下午暂停", or why an import held it as planned).</summary>
    public string? StateReason { get; init; }

    /// <summary>The point is not the site's own: many sites of the list share it (a geocoder's fallback), so the distance is rough.</summary>
    public bool LocationApproximate { get; init; }

    /// <summary>Where an import found the point when its row gave none (null: the point came from a list or an operator).</summary>
    public Import.GeocodeSource? GeocodedSource { get; init; }

    /// <summary>How sure <see cref="GeocodedSource"/> was of the point (0–1); below the import's threshold the site was held as planned.</summary>
    public double? GeocodedConfidence { get; init; }

    /// <summary>Source ids of rows merged into this site as duplicates (same name and address).</summary>
    public IReadOnlyList<string> OtherSourceIds { get; init; } = [];

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Who made the last change: an operator key's name, "city", or "import:{id}".</summary>
    public string? UpdatedBy { get; init; }

    /// <summary>
    /// The state in force at an instant: a suspension with an end is over at that end, without anyone
    /// writing the site again ("closed this afternoon for disinfection" reopens by itself).
    /// </summary>
    public SiteState StateAt(DateTimeOffset instant) => StateOf(State, SuspendedUntil, instant);

    /// <summary>The rule of <see cref="StateAt"/> for a state and suspension end kept elsewhere (the catalogue's per-site filter facts).</summary>
    public static SiteState StateOf(SiteState state, DateTimeOffset? suspendedUntil, DateTimeOffset instant) =>
        state == SiteState.Suspended && suspendedUntil is { } end && end <= instant ? SiteState.Open : state;

    /// <summary>Whether the site can be in service at some time while this catalogue is served: open, or suspended until a known end.</summary>
    public bool MayBeInService => State == SiteState.Open || (State == SiteState.Suspended && SuspendedUntil is not null);

    /// <summary>Open now means: the site is in service and its hours say so. Unknown hours give null.</summary>
    public bool? IsOpenAt(DateTimeOffset instant) => StateAt(instant) == SiteState.Open ? Hours.IsOpenAt(instant) : false;
}
