using System.Globalization;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Hours;
using SiteFinder.Domain.Sites;

namespace SiteFinder.Domain.Import;

/// <summary>One row read against the stored site it updates: the site it makes, or why it cannot, and the fields it clears.</summary>
public sealed record ParsedRow(SiteInput Input, Site? Site, IReadOnlyList<FieldError> Errors, IReadOnlyList<string> Cleared)
{
    /// <summary>A new site that lacks only its point, and geocoding found none: held, not written, not rejected.</summary>
    public bool NotGeocoded { get; init; }
}

/// <summary>
/// Reads one row into a site. A row updates the columns it carries: for a stored site, the columns
/// it leaves out are read from the stored record, so that the site is parsed (hours, type, audience)
/// from the same text whether a column came from this file or an earlier one. A carried empty
/// column clears its field; a carried empty required field (name, lng, lat, coord_system) is an error.
/// </summary>
public static class SiteRowParser
{
    private static readonly string[] Required = ["source_id", "name", "lng", "lat", "coord_system"];

    public static ParsedRow Parse(SiteInput input, SiteRecord? stored, DateTimeOffset now) => Parse(input, stored, now, null);

    /// <summary>
    /// Reads a row; <paramref name="geocode"/> is what was found for a row that needs a point
    /// (<see cref="ImportGeocoding.Needs"/>; null when the import does not geocode it). A found point
    /// is the site's, in WGS-84; with none found a stored site keeps its point and a new site has
    /// none: the row is not rejected for it (<see cref="ParsedRow.NotGeocoded"/>) unless another field is wrong.
    /// </summary>
    public static ParsedRow Parse(SiteInput input, SiteRecord? stored, DateTimeOffset now, RowGeocode? geocode)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Problems() is { Count: > 0 } refused)
            return new ParsedRow(input, null, refused, []);

        var values = new Dictionary<string, string>(stored is null ? [] : ColumnsOf(stored, input), StringComparer.Ordinal);

        // Coordinates come together: a row that moves a site gives its whole point, never half of one.
        if (SiteInput.PointColumns.Any(input.Has))
        {
            var half = SiteInput.PointColumns.Where(c => !input.Has(c)).Select(c => new FieldError(c, "required with " + string.Join(" and ", SiteInput.PointColumns.Where(input.Has)))).ToList();
            if (half.Count > 0)
                return new ParsedRow(input, null, half, []);
            foreach (var column in SiteInput.PointColumns)
                values.Remove(column);
        }

        foreach (var (column, value) in input.Values)
            values[column] = value;

        // A stored point is moved only by a lookup at least as sure as the one that placed it, and
        // never by a lookup Azure Maps could not take part in: a re-import while Maps is down (the
        // gazetteer's weak match alone) must not move a well-placed site and take it out of service.
        if (geocode?.Best is { } weaker && stored?.GeocodedConfidence is { } before && (geocode.Degraded is not null || weaker.Confidence < before))
            geocode = geocode with { Best = null };

        if (geocode?.Best is { } found)
        {
            values["lng"] = found.Location.Lng.ToString("R", CultureInfo.InvariantCulture);
            values["lat"] = found.Location.Lat.ToString("R", CultureInfo.InvariantCulture);
            values["coord_system"] = CoordinateSystem.Wgs84.ToLabel();
        }
        else if (geocode is not null && stored is not null)
        {
            // Nothing found this time (or Azure Maps unreachable): the point found before stays.
            foreach (var column in SiteInput.PointColumns)
                values[column] = ColumnsOf(stored, input)[column];
        }

        var errors = new List<FieldError>();
        var cleared = stored is null ? [] : input.Values
            .Where(v => v.Key is not "state" && !Required.Contains(v.Key) && Trimmed(v.Value) is null && Trimmed(ColumnsOf(stored, input).GetValueOrDefault(v.Key)) is not null)
            .Select(v => v.Key)
            .ToList();

        var required = stored is null ? "required" : "required: an empty cell cannot clear it";
        var site = Read(new SiteInput { Row = input.Row, Values = values }, required, errors, now);
        if (geocode is not null && site is null && stored is null)
        {
            // A new site nothing was found for: held, not rejected, when the point is all it lacks.
            errors.RemoveAll(e => SiteInput.PointColumns.Contains(e.Field) && e.Message.StartsWith(required, StringComparison.Ordinal));
            return new ParsedRow(input, null, errors, []) { NotGeocoded = errors.Count == 0 };
        }

        if (site is null || errors.Count > 0)
            return new ParsedRow(input, null, errors, []);

        if (geocode?.Best is { } point)
            site = site with { GeocodedSource = point.Source, GeocodedConfidence = point.Confidence };
        else if (geocode is not null && stored is not null)
            site = site with { GeocodedSource = GeocodeSourceNames.FromLabel(stored.GeocodedSource), GeocodedConfidence = stored.GeocodedConfidence };

        if (stored is not null)
        {
            var storedState = stored.ToSite().State;
            site = site with
            {
                // A state set by hand keeps its reason and end while the list does not change the state.
                SuspendedUntil = site.State == storedState ? stored.SuspendedUntil : null,
                StateReason = site.State == storedState ? stored.StateReason : null,
                OtherSourceIds = stored.OtherSourceIds?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [],

                // A row that names no place keeps the stored city (which may have come from a city column).
                // A city the row names (its own column, or a district or address that begins with it) wins;
                // otherwise the stored one stays, as any column the row leaves out does.
                City = input.Has("city") || (site.City.Length > 0 && (input.Has("district") || input.Has("address"))) ? site.City : stored.City ?? site.City,
                UpdatedBy = stored.UpdatedBy,
            };
        }

        return new ParsedRow(input, site, errors, cleared);
    }

    /// <summary>
    /// A stored record as the columns of a list, so that a row can be laid over it. Street and phone
    /// that were read from the old notes are left out when the row brings new notes, to be read from those.
    /// </summary>
    private static Dictionary<string, string> ColumnsOf(SiteRecord stored, SiteInput input)
    {
        var oldNotes = ParseNotes(stored.Notes);
        var columns = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["source_id"] = stored.SourceId,
            ["name"] = stored.Name,
            ["address"] = stored.Address,
            ["district"] = stored.District,
            ["lng"] = stored.SourceLng.ToString("R", CultureInfo.InvariantCulture),
            ["lat"] = stored.SourceLat.ToString("R", CultureInfo.InvariantCulture),
            ["coord_system"] = stored.SourceCoord,
            ["hours"] = stored.Hours ?? string.Empty,
            ["type"] = stored.TypeText ?? string.Empty,
            ["notes"] = stored.Notes ?? string.Empty,
            ["state"] = stored.State,
        };
        if (stored.Street is { } street && !(input.Has("notes") && oldNotes.GetValueOrDefault("街道") == street))
            columns["street"] = street;
        if (stored.Phone is { } phone && !(input.Has("notes") && oldNotes.GetValueOrDefault("phone") == phone))
            columns["phone"] = phone;

        // The audience text is the type column's own unless an audience column gave it.
        if (stored.AudienceText is { } audience && audience != stored.TypeText)
            columns["audience"] = audience;
        return columns;
    }

    /// <summary>Reads a whole row (the stored columns already laid under it); <paramref name="required"/> is the message for a required field that is empty.</summary>
    private static Site? Read(SiteInput input, string required, List<FieldError> errors, DateTimeOffset now)
    {
        var sourceId = Trimmed(input["source_id"]);
        var name = Trimmed(input["name"]);
        if (sourceId is null)
            errors.Add(new FieldError("source_id", "required"));
        if (name is null)
            errors.Add(new FieldError("name", required));

        var lng = DegreesField.Parse(input["lng"], "lng", 180, required, errors);
        var lat = DegreesField.Parse(input["lat"], "lat", 90, required, errors);
        var system = CoordinateSystem.Wgs84;
        var systemText = Trimmed(input["coord_system"]);
        if (systemText is null)
            errors.Add(new FieldError("coord_system", required + ": WGS-84, GCJ-02 or BD-09"));
        else if (!CoordinateSystemNames.TryParse(systemText, out system))
            errors.Add(new FieldError("coord_system", $"'{systemText}' is not WGS-84, GCJ-02 or BD-09"));

        // A state left out, or left empty, keeps the stored one (a new site opens): a list of
        // addresses and hours must not reopen the sites an operator suspended.
        var state = SiteState.Open;
        var stateText = Trimmed(input["state"]);
        if (stateText is not null)
        {
            if (Enum.GetNames<SiteState>().FirstOrDefault(n => n.Equals(stateText, StringComparison.OrdinalIgnoreCase)) is { } stateName)
                state = Enum.Parse<SiteState>(stateName);
            else
                errors.Add(new FieldError("state", $"'{stateText}' is not planned, open, suspended or closed"));
        }

        // Table Storage refuses a property over 64 KiB; real values are far shorter, so refuse what can only be a mistake.
        foreach (var (field, limit) in SiteImporter.MaxLengths)
        {
            if (input[field] is { Length: var length } && length > limit)
                errors.Add(new FieldError(field, $"{length} characters; at most {limit}"));
        }

        if (lat is { } la && lng is { } lo && la == 0 && lo == 0)
            errors.Add(new FieldError("lng", "the point (0, 0) is a missing location, not a site"));

        if (errors.Count > 0 || sourceId is null || name is null || lat is null || lng is null)
            return null;

        var source = new LabelledPoint(new GeoPoint(lat.Value, lng.Value), system);
        if (ChinaCoordinates.IsOutsideChina(source.Point))
        {
            errors.Add(new FieldError("lng", "the point lies outside China"));
            return null;
        }

        var notes = Trimmed(input["notes"]);
        var noteValues = ParseNotes(notes);
        var typeText = Trimmed(input["type"]);
        var (type, typeDerived) = SiteClassifier.TypeFrom(typeText, name, notes);
        return new Site
        {
            Id = SiteIds.FromSourceId(sourceId),
            SourceId = sourceId,
            Name = name,
            Address = Trimmed(input["address"]) ?? string.Empty,
            District = Trimmed(input["district"]) ?? string.Empty,
            City = SiteCity.Resolve(input["city"], input["district"], input["address"], defaultCity: string.Empty),
            Street = Trimmed(input["street"]) ?? noteValues.GetValueOrDefault("街道"),
            Location = source.To(CoordinateSystem.Wgs84).Point,
            SourceLocation = source,
            Type = type,
            TypeDerived = typeDerived,
            TypeText = typeText,
            Audience = SiteClassifier.AudienceFrom(typeText, name, Trimmed(input["audience"])),
            Hours = OpeningHours.Parse(input["hours"]),
            Phone = Trimmed(input["phone"]) ?? noteValues.GetValueOrDefault("phone"),
            Notes = notes,
            State = state,
            UpdatedAt = now,
        };
    }

    /// <summary>Source notes are "key=value; key=value"; keep the whole text, read the keys we use.</summary>
    private static Dictionary<string, string> ParseNotes(string? notes)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in (notes ?? string.Empty).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && eq < part.Length - 1)
                values.TryAdd(part[..eq].Trim(), part[(eq + 1)..].Trim());
        }

        return values;
    }

    internal static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
