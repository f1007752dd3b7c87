using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Hours;
using SiteFinder.Domain.Import;

namespace SiteFinder.Domain.Sites;

/// <summary>
/// The stored form of a site: text and numbers only. Parsed values (hours, audience) are kept as
/// their source text and parsed again on load, so a better parser improves stored sites too.
/// </summary>
public sealed record SiteRecord
{
    public required string Id { get; init; }
    public required string SourceId { get; init; }
    public required string Name { get; init; }
    public string Address { get; init; } = string.Empty;
    public string District { get; init; } = string.Empty;
    public string? City { get; init; }
    public string? Street { get; init; }
    public double Lat { get; init; }
    public double Lng { get; init; }
    public double SourceLat { get; init; }
    public double SourceLng { get; init; }
    public string SourceCoord { get; init; } = "wgs84";
    public string Type { get; init; } = nameof(SiteType.Unknown);
    public bool TypeDerived { get; init; }
    public string? TypeText { get; init; }
    public string AudienceKind { get; init; } = nameof(Sites.AudienceKind.Public);
    public string? AudienceGroups { get; init; }
    public string? AudienceText { get; init; }
    public string? Hours { get; init; }
    public string? Phone { get; init; }
    public string? Notes { get; init; }
    public string State { get; init; } = nameof(SiteState.Open);
    public DateTimeOffset? SuspendedUntil { get; init; }
    public string? StateReason { get; init; }
    public bool LocationApproximate { get; init; }

    /// <summary>"gazetteer" or "azure-maps" when an import geocoded the point; null otherwise.</summary>
    public string? GeocodedSource { get; init; }

    public double? GeocodedConfidence { get; init; }
    public string? OtherSourceIds { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public string? UpdatedBy { get; init; }

    public static SiteRecord From(Site site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return new SiteRecord
        {
            Id = site.Id,
            SourceId = site.SourceId,
            Name = site.Name,
            Address = site.Address,
            District = site.District,
            City = site.City.Length == 0 ? null : site.City,
            Street = site.Street,
            Lat = site.Location.Lat,
            Lng = site.Location.Lng,
            SourceLat = site.SourceLocation.Point.Lat,
            SourceLng = site.SourceLocation.Point.Lng,
            SourceCoord = site.SourceLocation.System.ToLabel(),
            Type = site.Type.ToString(),
            TypeDerived = site.TypeDerived,
            TypeText = site.TypeText,
            AudienceKind = site.Audience.Kind.ToString(),
            AudienceGroups = site.Audience.Groups.Count == 0 ? null : string.Join(',', site.Audience.Groups),
            AudienceText = site.Audience.Text,
            Hours = site.Hours.Raw,
            Phone = site.Phone,
            Notes = site.Notes,
            State = site.State.ToString(),
            SuspendedUntil = site.SuspendedUntil,
            StateReason = site.StateReason,
            LocationApproximate = site.LocationApproximate,
            GeocodedSource = site.GeocodedSource?.ToLabel(),
            GeocodedConfidence = site.GeocodedConfidence,
            OtherSourceIds = site.OtherSourceIds.Count == 0 ? null : string.Join(',', site.OtherSourceIds),
            UpdatedAt = site.UpdatedAt,
            UpdatedBy = site.UpdatedBy,
        };
    }

    /// <param name="parsedHours">
    /// Hours already parsed, by their text, shared across the records of one load: a city's list repeats a
    /// few dozen hours texts over thousands of sites, and parsing each again was about half of the catalogue
    /// load at start (BENCHMARKS.md, "Issue 16: start-up"). <see cref="OpeningHours"/> is immutable, so sites may share one.
    /// </param>
    public Site ToSite(Dictionary<string, OpeningHours>? parsedHours = null)
    {
        CoordinateSystemNames.TryParse(SourceCoord, out var system);
        return new Site
        {
            Id = Id,
            SourceId = SourceId,
            Name = Name,
            Address = Address,
            District = District,
            City = City ?? string.Empty,
            Street = Street,
            Location = new GeoPoint(Lat, Lng),
            SourceLocation = new LabelledPoint(new GeoPoint(SourceLat, SourceLng), system),
            Type = Enum.TryParse<SiteType>(Type, out var type) ? type : SiteType.Unknown,
            TypeDerived = TypeDerived,
            TypeText = TypeText,
            Audience = new Audience(
                Enum.TryParse<AudienceKind>(AudienceKind, out var kind) ? kind : Sites.AudienceKind.Public,
                AudienceGroups?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [],
                AudienceText),
            Hours = ParseHours(Hours, parsedHours),
            Phone = Phone,
            Notes = Notes,
            State = Enum.TryParse<SiteState>(State, out var state) ? state : SiteState.Open,
            SuspendedUntil = SuspendedUntil,
            StateReason = StateReason,
            LocationApproximate = LocationApproximate,
            GeocodedSource = GeocodeSourceNames.FromLabel(GeocodedSource),
            GeocodedConfidence = GeocodedConfidence,
            OtherSourceIds = OtherSourceIds?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [],
            UpdatedAt = UpdatedAt,
            UpdatedBy = UpdatedBy,
        };
    }

    private static OpeningHours ParseHours(string? text, Dictionary<string, OpeningHours>? parsed)
    {
        if (parsed is null || text is null)
            return OpeningHours.Parse(text);
        if (!parsed.TryGetValue(text, out var hours))
            parsed[text] = hours = OpeningHours.Parse(text);
        return hours;
    }
}
