using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using SiteFinder.Domain.Sites;

namespace SiteFinder.Functions.Storage;

/// <summary>
/// Reads the catalogue snapshot's JSON (an array of <see cref="SiteRecord"/>) with a <see cref="Utf8JsonReader"/>
/// written for it, instead of <see cref="JsonSerializer"/>: on a fresh process the serializer's read path runs
/// its generic converters cold even with source-generated metadata (the generated fast path is for writing
/// only): 9,000 records took it 75–166 ms of a fresh start, this reader 48–81 (BENCHMARKS.md, issue 16, third
/// pass). Writing stays <see cref="JsonSerializer"/>, so the stored format is unchanged.
/// </summary>
/// <remarks>
/// Reads what <see cref="JsonSerializer"/> reads with <see cref="JsonSerializerDefaults.Web"/>: property names
/// matched case-insensitively (ordinal), unknown properties skipped (a newer writer's snapshot still reads),
/// the last of duplicate properties wins, numbers also from strings, nulls where the property takes them,
/// the required properties' absence an error. Malformed input throws <see cref="JsonException"/>. One
/// difference: a null array element throws here, where the serializer returned a null record that failed
/// later. The stream is read in 64 KiB blocks, so the document is never held whole (see
/// <see cref="PackedSnapshotTable"/>). A test sets every <see cref="SiteRecord"/> property and reads it back,
/// so a property added without a case here fails it.
/// </remarks>
public static class SiteRecordJsonReader
{
    private const int BlockSize = 64 * 1024;

    // In the order JsonSerializer writes them (declaration order), which is tried first.
    private static readonly byte[][] Names =
    [
        "id"u8.ToArray(), "sourceId"u8.ToArray(), "name"u8.ToArray(), "address"u8.ToArray(), "district"u8.ToArray(),
        "city"u8.ToArray(), "street"u8.ToArray(), "lat"u8.ToArray(), "lng"u8.ToArray(), "sourceLat"u8.ToArray(),
        "sourceLng"u8.ToArray(), "sourceCoord"u8.ToArray(), "type"u8.ToArray(), "typeDerived"u8.ToArray(),
        "typeText"u8.ToArray(), "audienceKind"u8.ToArray(), "audienceGroups"u8.ToArray(), "audienceText"u8.ToArray(),
        "hours"u8.ToArray(), "phone"u8.ToArray(), "notes"u8.ToArray(), "state"u8.ToArray(), "suspendedUntil"u8.ToArray(),
        "stateReason"u8.ToArray(), "locationApproximate"u8.ToArray(), "geocodedSource"u8.ToArray(),
        "geocodedConfidence"u8.ToArray(), "otherSourceIds"u8.ToArray(), "updatedAt"u8.ToArray(), "updatedBy"u8.ToArray(),
    ];

    private static readonly string[] NameTexts = [.. Names.Select(n => System.Text.Encoding.UTF8.GetString(n))];

    // The values a property absent from the JSON keeps: SiteRecord's own initializers.
    private static readonly SiteRecord Defaults = new() { Id = string.Empty, SourceId = string.Empty, Name = string.Empty };

    private enum Property
    {
        Id,
        SourceId,
        Name,
        Address,
        District,
        City,
        Street,
        Lat,
        Lng,
        SourceLat,
        SourceLng,
        SourceCoord,
        Type,
        TypeDerived,
        TypeText,
        AudienceKind,
        AudienceGroups,
        AudienceText,
        Hours,
        Phone,
        Notes,
        State,
        SuspendedUntil,
        StateReason,
        LocationApproximate,
        GeocodedSource,
        GeocodedConfidence,
        OtherSourceIds,
        UpdatedAt,
        UpdatedBy,
        Unknown,
    }

    /// <summary>The records of the JSON array in <paramref name="utf8Json"/>; null when the document is JSON null.</summary>
    public static List<SiteRecord>? Read(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        var buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
        try
        {
            var session = new Session();
            var state = default(JsonReaderState);
            int start = 0, filled = 0;
            var final = false;
            while (true)
            {
                // Keep the bytes not yet consumed, grow when one record fills the buffer, then fill it up.
                if (start > 0)
                {
                    buffer.AsSpan(start, filled - start).CopyTo(buffer);
                    filled -= start;
                    start = 0;
                }

                if (filled == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                while (!final && filled < buffer.Length)
                {
                    var read = utf8Json.Read(buffer, filled, buffer.Length - filled);
                    if (read == 0)
                        final = true;
                    filled += read;
                }

                var reader = new Utf8JsonReader(buffer.AsSpan(0, filled), final, state);
                var done = session.ReadSome(ref reader, out var consumed, ref state);
                if (done)
                    return session.Result;
                if (final)
                    throw new JsonException("The catalogue snapshot's JSON ends part-way.");
                start = (int)consumed;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Where one read has got to between blocks; each block resumes at the last whole record.</summary>
    private sealed class Session
    {
        private readonly Interned _interned = new();
        private List<SiteRecord>? _records;
        private int _phase; // 0: before the array, 1: in it, 2: after it
        private int _seen; // the required properties present in the record being read, by bit

        public List<SiteRecord>? Result => _records;

        /// <summary>
        /// Reads whole records until the block ends or the document does (true); <paramref name="consumed"/> and
        /// <paramref name="state"/> are where the next block resumes, after the last whole record.
        /// </summary>
        public bool ReadSome(ref Utf8JsonReader reader, out long consumed, ref JsonReaderState state)
        {
            consumed = 0;
            while (true)
            {
                switch (_phase)
                {
                    case 0:
                        if (!reader.Read())
                            return false;
                        if (reader.TokenType == JsonTokenType.Null)
                        {
                            _phase = 2;
                        }
                        else if (reader.TokenType == JsonTokenType.StartArray)
                        {
                            _records = new List<SiteRecord>(1024);
                            _phase = 1;
                        }
                        else
                        {
                            throw new JsonException($"The catalogue snapshot is not a JSON array (found {reader.TokenType}).");
                        }

                        break;
                    case 1:
                        if (!reader.Read())
                            return false;
                        if (reader.TokenType == JsonTokenType.EndArray)
                        {
                            _phase = 2;
                            break;
                        }

                        if (reader.TokenType != JsonTokenType.StartObject)
                            throw new JsonException($"Record {_records!.Count} of the catalogue snapshot is {reader.TokenType}, not an object.");
                        if (!TryReadRecord(ref reader, out var record))
                            return false;
                        _records!.Add(record);
                        break;
                    default:
                        // Only whitespace may follow; the reader throws on anything else once the block is final.
                        if (reader.Read())
                            throw new JsonException($"The catalogue snapshot has {reader.TokenType} after its array.");
                        if (!reader.IsFinalBlock)
                        {
                            consumed = reader.BytesConsumed;
                            state = reader.CurrentState;
                            return false;
                        }

                        return true;
                }

                consumed = reader.BytesConsumed;
                state = reader.CurrentState;
            }
        }

        /// <summary>One record, the reader on its StartObject; false when the block ends inside it.</summary>
        private bool TryReadRecord(ref Utf8JsonReader reader, out SiteRecord record)
        {
            record = null!;
            _seen = 0;
            var d = Defaults;
            string? id = null, sourceId = null, name = null;
            string? address = d.Address, district = d.District, city = d.City, street = d.Street, sourceCoord = d.SourceCoord, type = d.Type;
            string? typeText = d.TypeText, audienceKind = d.AudienceKind, audienceGroups = d.AudienceGroups, audienceText = d.AudienceText;
            string? hours = d.Hours, phone = d.Phone, notes = d.Notes, state = d.State, stateReason = d.StateReason;
            string? geocodedSource = d.GeocodedSource, otherSourceIds = d.OtherSourceIds, updatedBy = d.UpdatedBy;
            double lat = d.Lat, lng = d.Lng, sourceLat = d.SourceLat, sourceLng = d.SourceLng;
            double? geocodedConfidence = d.GeocodedConfidence;
            bool typeDerived = d.TypeDerived, locationApproximate = d.LocationApproximate;
            DateTimeOffset? suspendedUntil = d.SuspendedUntil;
            DateTimeOffset updatedAt = d.UpdatedAt;
            var next = 0;
            while (true)
            {
                if (!reader.Read())
                    return false;
                if (reader.TokenType == JsonTokenType.EndObject)
                    break;

                var property = Match(ref reader, next);
                if (!reader.Read())
                    return false;
                if (property == Property.Unknown)
                {
                    if (!reader.TrySkip())
                        return false;
                    continue;
                }

                next = (int)property + 1;
                try
                {
                    switch (property)
                    {
                        case Property.Id: id = String(ref reader); break;
                        case Property.SourceId: sourceId = String(ref reader); break;
                        case Property.Name: name = String(ref reader); break;
                        case Property.Address: address = String(ref reader); break;
                        case Property.District: district = Shared(ref reader); break;
                        case Property.City: city = Shared(ref reader); break;
                        case Property.Street: street = String(ref reader); break;
                        case Property.Lat: lat = Double(ref reader); break;
                        case Property.Lng: lng = Double(ref reader); break;
                        case Property.SourceLat: sourceLat = Double(ref reader); break;
                        case Property.SourceLng: sourceLng = Double(ref reader); break;
                        case Property.SourceCoord: sourceCoord = Shared(ref reader); break;
                        case Property.Type: type = Shared(ref reader); break;
                        case Property.TypeDerived: typeDerived = Bool(ref reader); break;
                        case Property.TypeText: typeText = Shared(ref reader); break;
                        case Property.AudienceKind: audienceKind = Shared(ref reader); break;
                        case Property.AudienceGroups: audienceGroups = Shared(ref reader); break;
                        case Property.AudienceText: audienceText = Shared(ref reader); break;
                        case Property.Hours: hours = Shared(ref reader); break;
                        case Property.Phone: phone = String(ref reader); break;
                        case Property.Notes: notes = Shared(ref reader); break;
                        case Property.State: state = Shared(ref reader); break;
                        case Property.SuspendedUntil: suspendedUntil = reader.TokenType == JsonTokenType.Null ? null : Date(ref reader); break;
                        case Property.StateReason: stateReason = Shared(ref reader); break;
                        case Property.LocationApproximate: locationApproximate = Bool(ref reader); break;
                        case Property.GeocodedSource: geocodedSource = Shared(ref reader); break;
                        case Property.GeocodedConfidence: geocodedConfidence = reader.TokenType == JsonTokenType.Null ? null : Double(ref reader); break;
                        case Property.OtherSourceIds: otherSourceIds = String(ref reader); break;
                        case Property.UpdatedAt: updatedAt = Date(ref reader); break;
                        case Property.UpdatedBy: updatedBy = Shared(ref reader); break;
                    }
                }
                catch (Exception e) when (e is InvalidOperationException or FormatException)
                {
                    throw new JsonException($"Record {_records!.Count} of the catalogue snapshot: {NameTexts[(int)property]} cannot be read from {reader.TokenType}.", e);
                }
            }

            record = new SiteRecord
            {
                Id = id ?? Required(Property.Id),
                SourceId = sourceId ?? Required(Property.SourceId),
                Name = name ?? Required(Property.Name),
                Address = address!,
                District = district!,
                City = city,
                Street = street,
                Lat = lat,
                Lng = lng,
                SourceLat = sourceLat,
                SourceLng = sourceLng,
                SourceCoord = sourceCoord!,
                Type = type!,
                TypeDerived = typeDerived,
                TypeText = typeText,
                AudienceKind = audienceKind!,
                AudienceGroups = audienceGroups,
                AudienceText = audienceText,
                Hours = hours,
                Phone = phone,
                Notes = notes,
                State = state!,
                SuspendedUntil = suspendedUntil,
                StateReason = stateReason,
                LocationApproximate = locationApproximate,
                GeocodedSource = geocodedSource,
                GeocodedConfidence = geocodedConfidence,
                OtherSourceIds = otherSourceIds,
                UpdatedAt = updatedAt,
                UpdatedBy = updatedBy,
            };
            return true;
        }

        /// <summary>A required property that is null: null, as the serializer gives; absent: an error, as the serializer throws.</summary>
        private string Required(Property property) =>
            (_seen & (1 << (int)property)) != 0
                ? null!
                : throw new JsonException($"Record {_records!.Count} of the catalogue snapshot has no {NameTexts[(int)property]}.");

        /// <summary>The property the reader's name is; the one after the last is tried first (the writer's order).</summary>
        private Property Match(ref Utf8JsonReader reader, int next)
        {
            Property found;
            if (next < Names.Length && reader.ValueTextEquals(Names[next]))
            {
                found = (Property)next;
            }
            else
            {
                found = Property.Unknown;
                Span<char> text = stackalloc char[32];
                if (reader.ValueSpan.Length <= text.Length)
                {
                    text = text[..reader.CopyString(text)];
                    for (var i = 0; i < NameTexts.Length; i++)
                    {
                        if (text.Equals(NameTexts[i], StringComparison.OrdinalIgnoreCase))
                        {
                            found = (Property)i;
                            break;
                        }
                    }
                }
            }

            if (found <= Property.Name)
                _seen |= 1 << (int)found;
            return found;
        }

        private string? Shared(ref Utf8JsonReader reader) =>
            reader.TokenType == JsonTokenType.String ? _interned.Get(ref reader) : String(ref reader);
    }

    private static string? String(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String or JsonTokenType.Null => reader.GetString(),
        _ => throw new InvalidOperationException("not a string"),
    };

    private static bool Bool(ref Utf8JsonReader reader) => reader.GetBoolean();

    private static DateTimeOffset Date(ref Utf8JsonReader reader) => reader.GetDateTimeOffset();

    /// <summary>A number, or a string holding one (the web defaults' AllowReadingFromString), as the serializer parses it.</summary>
    private static double Double(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number)
            return reader.GetDouble();
        if (reader.TokenType != JsonTokenType.String)
            throw new InvalidOperationException("not a number");
        Span<byte> unescaped = stackalloc byte[128];
        scoped ReadOnlySpan<byte> text;
        if (!reader.ValueIsEscaped)
            text = reader.ValueSpan;
        else if (reader.ValueSpan.Length <= unescaped.Length)
            text = unescaped[..reader.CopyString(unescaped)];
        else
            throw new FormatException("number too long");
        // As the serializer: the exact constants it writes for non-finite values, otherwise a whole finite number.
        if (text.SequenceEqual("NaN"u8))
            return double.NaN;
        if (text.SequenceEqual("Infinity"u8))
            return double.PositiveInfinity;
        if (text.SequenceEqual("-Infinity"u8))
            return double.NegativeInfinity;
        return Utf8Parser.TryParse(text, out double value, out var used) && used == text.Length && double.IsFinite(value)
            ? value
            : throw new FormatException("not a number");
    }

    /// <summary>
    /// One string for each distinct short value of the repeated properties (district, type, state, hours...),
    /// found by their JSON bytes without decoding them: fewer strings to make at start and to hold after.
    /// </summary>
    private sealed class Interned
    {
        private const int Slots = 4096;
        private const int MaxLength = 256;
        private readonly byte[]?[] _keys = new byte[Slots][];
        private readonly string[] _values = new string[Slots];
        private int _count;

        public string Get(ref Utf8JsonReader reader)
        {
            var bytes = reader.ValueSpan;
            // Keyed by the bytes as stored, escapes and all (documents published before 2026-12-04 escape every
            // non-ASCII character, later ones none): the same bytes are the same text.
            if (bytes.Length > MaxLength)
                return reader.GetString()!;

            var hash = new HashCode();
            hash.AddBytes(bytes);
            var slot = hash.ToHashCode() & (Slots - 1);
            while (_keys[slot] is { } key)
            {
                if (bytes.SequenceEqual(key))
                    return _values[slot];
                slot = (slot + 1) & (Slots - 1);
            }

            var value = reader.GetString()!;
            if (_count < Slots / 2)
            {
                _keys[slot] = bytes.ToArray();
                _values[slot] = value;
                _count++;
            }

            return value;
        }
    }
}
