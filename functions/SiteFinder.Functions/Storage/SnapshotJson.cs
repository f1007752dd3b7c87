using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace SiteFinder.Functions.Storage;

/// <summary>How every published document (<see cref="SnapshotDocument{T}"/>) is written as JSON.</summary>
public static class SnapshotJson
{
    /// <summary>
    /// The web defaults, with non-ASCII text written as UTF-8 instead of \uXXXX escapes (the serializer's default).
    /// The catalogue's Chinese names and addresses took 6 bytes a character instead of 3, 15% more JSON for the demo
    /// city, and escaped text is the slow path of reading it: 9,000 demo records in a fresh process read in 45–50 ms
    /// against 65–80 (BENCHMARKS.md, "Issue 16: start-up", tenth pass). These documents are never served, so
    /// escaping for HTML has no use here; the characters the encoder still escapes read back the same. Documents
    /// written before with escapes read as they did.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };
}
