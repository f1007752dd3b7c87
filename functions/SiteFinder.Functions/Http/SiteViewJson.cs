using System.Text.Json;
using SiteFinder.Domain.Hours;
using SiteFinder.Domain.Sites;
using SiteFinder.Domain.Status;

namespace SiteFinder.Functions.Http;

/// <summary>
/// A <see cref="SiteView"/> written with a <see cref="Utf8JsonWriter"/> property by property: the bytes
/// <see cref="JsonSerializer"/> gives with <see cref="ApiJson.Options"/> (declaration order, camelCase, enums as
/// camelCase strings, nulls left out), which a test holds equal for every site of the demo city and the real lists.
/// Why not the serializer: on a fresh process its first use builds reflection metadata for the whole view graph,
/// and the framework's generic code over the views' enums and nullable values is not in any ReadyToRun image, so
/// it is compiled at run time: about 650 methods and a quarter of the JIT's time before the first nearby answer
/// (BENCHMARKS.md, issue 16, seventh pass). This is plain code of the app, precompiled with it. Like the serializer it
/// leaves out a null even where the view requires a value, and writes an enum value without a name as its number.
/// </summary>
public static class SiteViewJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = ApiJson.Options.Encoder, SkipValidation = true };

    private static readonly string[] SiteTypes = Names(typeof(SiteType));
    private static readonly string[] SiteStates = Names(typeof(SiteState));
    private static readonly string[] AudienceKinds = Names(typeof(AudienceKind));
    private static readonly string[] HoursStatuses = Names(typeof(HoursParseStatus));
    private static readonly string[] Qualifiers = Names(typeof(HoursQualifier));
    private static readonly string[] Parities = Names(typeof(DateParity));
    private static readonly string[] Levels = Names(typeof(BusyLevel));
    private static readonly string[] Sources = Names(typeof(StatusSource));

    /// <summary>The view as UTF-8 JSON, what <c>JsonSerializer.SerializeToUtf8Bytes(view, ApiJson.Options)</c> gives.</summary>
    public static byte[] ToUtf8Bytes(SiteView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            Write(writer, view);
        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, SiteView view)
    {
        writer.WriteStartObject();
        WriteIfSet(writer, "id"u8, view.Id);
        WriteIfSet(writer, "name"u8, view.Name);
        WriteIfSet(writer, "address"u8, view.Address);
        WriteIfSet(writer, "district"u8, view.District);
        WriteIfSet(writer, "city"u8, view.City);
        WriteIfSet(writer, "street"u8, view.Street);
        if (view.Location is { } location)
        {
            writer.WritePropertyName("location"u8);
            Write(writer, location);
        }
        WriteIfSet(writer, "distanceMeters"u8, view.DistanceMeters);
        WriteIfSet(writer, "walkMinutes"u8, view.WalkMinutes);
        WriteIfSet(writer, "totalMinutes"u8, view.TotalMinutes);
        WriteEnum(writer, "type"u8, SiteTypes, (int)view.Type);
        WriteIfSet(writer, "typeDerived"u8, view.TypeDerived);
        if (view.Audience is { } audience)
        {
            writer.WritePropertyName("audience"u8);
            Write(writer, audience);
        }

        if (view.Hours is { } hours)
        {
            writer.WritePropertyName("hours"u8);
            Write(writer, hours);
        }
        WriteIfSet(writer, "openNow"u8, view.OpenNow);

        // Required, but the nearby parts leave it null: its fields are the request's, written after these.
        if (view.Status is { } status)
        {
            writer.WritePropertyName("status"u8);
            Write(writer, status);
        }

        WriteEnum(writer, "state"u8, SiteStates, (int)view.State);
        WriteIfSet(writer, "suspendedUntil"u8, view.SuspendedUntil);
        WriteIfSet(writer, "stateReason"u8, view.StateReason);
        WriteIfSet(writer, "phone"u8, view.Phone);
        WriteIfSet(writer, "typeText"u8, view.TypeText);
        WriteIfSet(writer, "sourceId"u8, view.SourceId);
        if (view.SourceLocation is { } source)
        {
            writer.WritePropertyName("sourceLocation"u8);
            Write(writer, source);
        }

        if (view.Geocoded is { } geocoded)
        {
            writer.WriteStartObject("geocoded"u8);
            WriteIfSet(writer, "source"u8, geocoded.Source);
            writer.WriteNumber("confidence"u8, geocoded.Confidence);
            writer.WriteEndObject();
        }

        WriteIfSet(writer, "notes"u8, view.Notes);
        WriteIfSet(writer, "updatedAt"u8, view.UpdatedAt);
        writer.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter writer, LocationView location)
    {
        writer.WriteStartObject();
        writer.WriteNumber("lat"u8, location.Lat);
        writer.WriteNumber("lng"u8, location.Lng);
        WriteIfSet(writer, "coord"u8, location.Coord);
        WriteIfSet(writer, "approximate"u8, location.Approximate);
        writer.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter writer, AudienceView audience)
    {
        writer.WriteStartObject();
        WriteEnum(writer, "kind"u8, AudienceKinds, (int)audience.Kind);
        if (audience.Groups is { } groups)
        {
            writer.WriteStartArray("groups"u8);
            foreach (var group in groups)
            {
                if (group is null)
                    writer.WriteNullValue();
                else
                    writer.WriteStringValue(group);
            }
            writer.WriteEndArray();
        }

        WriteIfSet(writer, "text"u8, audience.Text);
        writer.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter writer, HoursView hours)
    {
        writer.WriteStartObject();
        WriteIfSet(writer, "text"u8, hours.Text);
        WriteEnum(writer, "status"u8, HoursStatuses, (int)hours.Status);
        WriteIfSet(writer, "alwaysOpen"u8, hours.AlwaysOpen);
        WriteIfSet(writer, "alternateWeeks"u8, hours.AlternateWeeks);
        WriteIfSet(writer, "today"u8, hours.Today);
        WriteIfSet(writer, "weekly"u8, hours.Weekly);
        WriteIfSet(writer, "problem"u8, hours.Problem);
        WriteIfSet(writer, "oddEvenDates"u8, hours.OddEvenDates);
        if (hours.Qualifiers is { } qualifiers)
        {
            writer.WriteStartArray("qualifiers"u8);
            foreach (var qualifier in qualifiers)
                WriteEnumValue(writer, Qualifiers, (int)qualifier);
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<IntervalView>? intervals)
    {
        if (intervals is null)
            return;
        writer.WriteStartArray(name);
        foreach (var interval in intervals)
        {
            if (interval is null)
            {
                writer.WriteNullValue();
                continue;
            }

            writer.WriteStartObject();
            WriteIfSet(writer, "day"u8, interval.Day);
            WriteIfSet(writer, "open"u8, interval.Open);
            WriteIfSet(writer, "close"u8, interval.Close);
            WriteIfSet(writer, "closesNextDay"u8, interval.ClosesNextDay);
            WriteIfSet(writer, "alternateWeeks"u8, interval.AlternateWeeks);
            if (interval.Dates is { } dates)
                WriteEnum(writer, "dates"u8, Parities, (int)dates);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void Write(Utf8JsonWriter writer, StatusView status)
    {
        writer.WriteStartObject();
        WriteEnum(writer, "level"u8, Levels, (int)status.Level);
        WriteIfSet(writer, "waitMinutes"u8, status.WaitMinutes);
        WriteIfSet(writer, "updatedAt"u8, status.UpdatedAt);
        WriteIfSet(writer, "confirmedAt"u8, status.ConfirmedAt);
        WriteIfSet(writer, "changedAt"u8, status.ChangedAt);
        if (status.Source is { } source)
            WriteEnum(writer, "source"u8, Sources, (int)source);
        writer.WriteEndObject();
    }

    /// <summary>An enum value by its camelCase name, or, as the serializer writes a value the enum does not name, its number.</summary>
    private static void WriteEnum(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string[] names, int value)
    {
        writer.WritePropertyName(name);
        WriteEnumValue(writer, names, value);
    }

    private static void WriteEnumValue(Utf8JsonWriter writer, string[] names, int value)
    {
        if ((uint)value < (uint)names.Length)
            writer.WriteStringValue(names[value]);
        else
            writer.WriteNumberValue(value);
    }

    private static void WriteIfSet(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
            writer.WriteString(name, value);
    }

    private static void WriteIfSet(Utf8JsonWriter writer, ReadOnlySpan<byte> name, bool? value)
    {
        if (value is { } v)
            writer.WriteBoolean(name, v);
    }

    private static void WriteIfSet(Utf8JsonWriter writer, ReadOnlySpan<byte> name, int? value)
    {
        if (value is { } v)
            writer.WriteNumber(name, v);
    }

    private static void WriteIfSet(Utf8JsonWriter writer, ReadOnlySpan<byte> name, double? value)
    {
        if (value is { } v)
            writer.WriteNumber(name, v);
    }

    private static void WriteIfSet(Utf8JsonWriter writer, ReadOnlySpan<byte> name, DateTimeOffset? value)
    {
        if (value is { } v)
            writer.WriteString(name, v);
    }

    /// <summary>
    /// An enum's names as the serializer's camelCase string converter writes them, indexed by value. Through
    /// <see cref="Type"/>, not a generic method: a generic one over each enum would be compiled at run time again.
    /// Every enum here numbers its members 0, 1, 2, … (the test over each value checks the names).
    /// </summary>
    private static string[] Names(Type enumType)
    {
        var values = Enum.GetValuesAsUnderlyingType(enumType);
        var names = new string[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (Convert.ToInt32(values.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) != i)
                throw new InvalidOperationException($"{enumType.Name} does not number its members from 0 without gaps.");
            names[i] = JsonNamingPolicy.CamelCase.ConvertName(Enum.GetName(enumType, i)!);
        }

        return names;
    }
}
