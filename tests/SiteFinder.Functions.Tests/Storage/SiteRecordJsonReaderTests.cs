using System.Text;
using System.Text.Json;
using SiteFinder.Domain.Demo;
using SiteFinder.Domain.Sites;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Tests.Storage;

/// <summary>
/// The catalogue's hand-written JSON reader against <see cref="JsonSerializer"/> with the web defaults, which
/// writes the snapshot and read it before: the same records from the same JSON, and an error where it errs.
/// </summary>
public sealed class SiteRecordJsonReaderTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>How snapshots are written: since 2026-12-04 as <see cref="SnapshotJson.Options"/> (non-ASCII as UTF-8), before as the web defaults (escaped).</summary>
    public static TheoryData<string> Writers => new() { "escaped", "utf-8" };

    private static JsonSerializerOptions Writer(string name) => name == "escaped" ? Web : SnapshotJson.Options;

    public static TheoryData<string> Documents => new()
    {
        "[]",
        " \n[ ]\t ",
        "null",
        """[{"id":"a","sourceId":"b","name":"c"}]""",
        """[{"ID":"a","SOURCEID":"b","Name":"c","DISTRICT":"浦东新区","lAt":1.5}]""",
        """[{"id":"a","sourceId":"b","name":"c","extra":{"a":[1,2,{"b":null}]},"x":[1],"y":"s","z":3,"w":null,"v":true}]""",
        """[{"id":"a","sourceId":"b","name":"c","address":null,"district":null,"city":null,"hours":null,"geocodedConfidence":null,"suspendedUntil":null}]""",
        """[{"id":"a","sourceId":"b","name":"\u4e0a\u6d77\"\\\/\n\t","\u0064istrict":"\u9ec4\u6d66\u533a","hours":"\u5468\u4e00 8:00-11:00"}]""",
        """[{"id":"a","sourceId":"b","name":"c","lat":"31.5","lng":"1e2","sourceLat":"\u0031.25","geocodedConfidence":"0.5"}]""",
        """[{"id":"a","sourceId":"b","name":"c","lat":-0.0,"lng":1.7976931348623157E+308,"sourceLat":5e-324,"sourceLng":12345678901234567890}]""",
        """[{"id":"a","sourceId":"b","name":"first","name":"second","lat":1,"lat":2}]""",
        """[{"id":null,"sourceId":null,"name":null}]""",
        """[{"id":"a","sourceId":"b","name":"c","updatedAt":"2026-12-02T03:12:00+08:00","suspendedUntil":"2026-12-02"}]""",
        """[{"id":"a","sourceId":"b","name":"c","updatedAt":"2026-12-02T03:12:00.1234567Z","suspendedUntil":"2026-12-02T03:12:00"}]""",
        """[{"id":"a","sourceId":"b","name":"c","typeDerived":true,"locationApproximate":false}]""",
        """[{"id":"a","sourceId":"b","name":"c"},{"name":"e","sourceId":"f","id":"d","type":"Hospital","state":"Suspended"}]""",

        // Errors, here as there.
        """[{"sourceId":"b","name":"c"}]""",
        """[{"id":"a","name":"c"}]""",
        """[{"id":"a","sourceId":"b"}]""",
        """[{"id":"a","sourceId":"b","name":"c",}]""",
        """[{"id":"a","sourceId":"b","name":"c"}""",
        """[{"id":"a","sourceId":"b","name":"c"},]""",
        """[{"id":"a","sourceId":"b","name":"c"}] x""",
        """[][]""",
        """[/* c */]""",
        """[1]""",
        """["a"]""",
        """[[]]""",
        """{}""",
        """1""",
        "",
        """[{"id":1,"sourceId":"b","name":"c"}]""",
        """[{"id":"a","sourceId":"b","name":{}}]""",
        """[{"id":"a","sourceId":"b","name":"c","lat":null}]""",
        """[{"id":"a","sourceId":"b","name":"c","lat":true}]""",
        """[{"id":"a","sourceId":"b","name":"c","lat":"abc"}]""",
        """[{"id":"a","sourceId":"b","name":"c","lat":" 1"}]""",
        """[{"id":"a","sourceId":"b","name":"c","lat":"NaN"}]""",
        """[{"id":"a","sourceId":"b","name":"c","lat":"Infinity","lng":"-Infinity"}]""",
        """[{"id":"a","sourceId":"b","name":"c","lat":"nan"}]""",
        """[{"id":"a","sourceId":"b","name":"c","lat":"1e400"}]""",
        """[{"id":"a","sourceId":"b","name":"c","lat":1e400}]""",
        """[{"id":"a","sourceId":"b","name":"c","typeDerived":"true"}]""",
        """[{"id":"a","sourceId":"b","name":"c","typeDerived":null}]""",
        """[{"id":"a","sourceId":"b","name":"c","updatedAt":"yesterday"}]""",
        """[{"id":"a","sourceId":"b","name":"c","updatedAt":null}]""",
        """[{"id":"a","sourceId":"b","name":"c","suspendedUntil":5}]""",
        """[{"id":"a","sourceId":"b","name":"c","phone":12}]""",
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Reads_what_the_serializer_reads_and_fails_where_it_fails(string json)
    {
        IReadOnlyList<SiteRecord>? expected;
        try
        {
            expected = JsonSerializer.Deserialize<IReadOnlyList<SiteRecord>>(json, Web);
        }
        catch (JsonException)
        {
            Assert.ThrowsAny<JsonException>(() => Read(json));
            return;
        }

        Assert.Equal(expected, Read(json));
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public void Every_property_of_a_record_reads_back(string writer)
    {
        // Every property set to a value that is not its default, by reflection: a property added to SiteRecord
        // and not to the reader reads back as its default and fails this.
        var defaults = new SiteRecord { Id = string.Empty, SourceId = string.Empty, Name = string.Empty };
        var record = defaults with { };
        var i = 0;
        foreach (var property in typeof(SiteRecord).GetProperties().Where(p => p.CanWrite))
        {
            i++;
            object value = property.PropertyType switch
            {
                var t when t == typeof(string) => $"{property.Name} 值 \"{i}\" \\ \n \u0001",
                var t when t == typeof(double) => 10.125 + i,
                var t when t == typeof(double?) => 0.5 + i,
                var t when t == typeof(bool) => true,
                var t when t == typeof(DateTimeOffset) => new DateTimeOffset(2026, 12, 2, 3, 12, i, TimeSpan.FromHours(8)),
                var t when t == typeof(DateTimeOffset?) => new DateTimeOffset(2027, 1, 2, 3, 4, i, TimeSpan.Zero),
                var t => throw new InvalidOperationException($"SiteRecord.{property.Name} is a {t}: give it a value here and read it in SiteRecordJsonReader."),
            };
            property.SetValue(record, value);
            Assert.NotEqual(property.GetValue(defaults), property.GetValue(record));
        }

        Assert.Equal([record], Read(JsonSerializer.Serialize(new[] { record }, Writer(writer))));
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public void Reads_the_9000_demo_sites_as_the_serializer_does(string writer)
    {
        var records = DemoCatalogue.Generate(DateTimeOffset.UnixEpoch).Select(SiteRecord.From).ToList();
        var json = JsonSerializer.SerializeToUtf8Bytes(records, Writer(writer));
        Assert.True(json.Length > 1024 * 1024, "many 64 KiB blocks");

        var read = SiteRecordJsonReader.Read(new MemoryStream(json));
        Assert.Equal(JsonSerializer.Deserialize<IReadOnlyList<SiteRecord>>(json, Web), read);
        Assert.Equal(records, read);

        // Repeated values are one string each.
        foreach (var district in read!.GroupBy(r => r.District))
            Assert.All(district, r => Assert.Same(district.First().District, r.District));
    }

    [Fact]
    public void Reads_a_record_larger_than_a_block_and_from_a_stream_that_gives_a_few_bytes_at_a_time()
    {
        var records = new[]
        {
            new SiteRecord { Id = "a", SourceId = "b", Name = "c" },
            new SiteRecord { Id = "d", SourceId = "e", Name = "f", Notes = new string('备', 200_000), Phone = new string('1', 70_000) },
            new SiteRecord { Id = "g", SourceId = "h", Name = "i" },
        };
        var json = JsonSerializer.SerializeToUtf8Bytes(records, Web);
        Assert.Equal(records, SiteRecordJsonReader.Read(new Trickle(json)));
    }

    [Fact]
    public void Snapshots_hold_non_ascii_text_as_utf8_and_still_escape_what_json_needs()
    {
        var record = new SiteRecord { Id = "a", SourceId = "b", Name = "静安区\"<采样点>\\\n", District = "浦东新区" };
        var json = JsonSerializer.Serialize(new[] { record }, SnapshotJson.Options);
        Assert.Contains("\"district\":\"浦东新区\"", json, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"静安区\\u0022\\u003C采样点\\u003E\\\\\\n\"", json, StringComparison.Ordinal);
        Assert.Equal([record], Read(json));

        // A document written before, with every non-ASCII character escaped, reads the same.
        Assert.Contains("\\u6D66\\u4E1C", JsonSerializer.Serialize(new[] { record }, Web), StringComparison.Ordinal);
        Assert.Equal([record], Read(JsonSerializer.Serialize(new[] { record }, Web)));
    }

    [Fact]
    public void A_null_record_is_an_error()
    {
        // The one difference: the serializer returned a null record, which failed later, when it was served.
        Assert.ThrowsAny<JsonException>(() => Read("""[{"id":"a","sourceId":"b","name":"c"},null]"""));
    }

    private static List<SiteRecord>? Read(string json) => SiteRecordJsonReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)));

    /// <summary>A stream that returns at most 7 bytes a read, as a network or gzip stream may.</summary>
    private sealed class Trickle(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 7));
    }
}
