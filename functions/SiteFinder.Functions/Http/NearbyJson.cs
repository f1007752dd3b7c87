using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Hours;
using SiteFinder.Domain.Sites;
using SiteFinder.Domain.Status;
using SiteFinder.Functions.Sites;

namespace SiteFinder.Functions.Http;

/// <summary>
/// Writes the nearby answer, the request residents send most, without building view objects:
/// each site's unchanging fields come pre-serialized (<see cref="SiteViewParts.StaticJson"/>), and
/// only distance, walk, total, open-now and status are written per request, straight into the answer's
/// pooled buffer with property names as constant bytes (a <see cref="Utf8JsonWriter"/> a request, its names
/// checked for escaping each time, and a scratch copy a site were half of the writer's time: BENCHMARKS.md,
/// issue 16, nearby-path). The result is the same JSON the <see cref="SiteView"/> serializer gives (a test holds
/// the two together) and, byte for byte, what the writer gave (tests hold <see cref="JsonFormat"/> to the writer;
/// <c>nearby-path --check</c> hashes 4,200 answers).
/// </summary>
public static class NearbyJson
{
    private static readonly byte[] Head = "{\"items\":["u8.ToArray();
    private static readonly byte[] Tail = "],\"cursor\":null}"u8.ToArray();
    private static readonly byte[][] Levels = Enum.GetValues<BusyLevel>()
        .Select(l => Encoding.UTF8.GetBytes($"\"status\":{{\"level\":\"{JsonNamingPolicy.CamelCase.ConvertName(l.ToString())}\""))
        .ToArray();

    private static readonly byte[][] Sources = Enum.GetValues<StatusSource>()
        .Select(s => Encoding.UTF8.GetBytes($",\"source\":\"{StatusSources.NameOf(s)}\""))
        .ToArray();

    /// <summary>What one site's dynamic fields can take at most (three dates, every number at its longest); well over what they do take.</summary>
    private const int MaxDynamicBytes = 512;

    /// <summary>A site's static JSON is about 500 bytes, its dynamic fields about 100: sized so that the buffer is not regrown.</summary>
    private const int BytesPerSite = 1024;

    /// <summary>
    /// The answer's bytes. <c>extra</c>, when given, is an object serialized as JSON whose members are
    /// written after the cursor (the place an address was found as, and whether the search was degraded).
    /// </summary>
    public static ReadOnlyMemory<byte> Write(IReadOnlyList<NearbyHit> hits, ServedCatalogue served, CoordinateSystem coord, DateTimeOffset now, StatusBoard board, byte[]? extra = null)
    {
        ArgumentNullException.ThrowIfNull(hits);
        ArgumentNullException.ThrowIfNull(served);
        ArgumentNullException.ThrowIfNull(board);
        var date = DateOnly.FromDateTime(ShanghaiClock.ToLocal(now));

        // Each site's static JSON sits behind dependent loads (its parts, their JSON slots, the bytes), and on a serving
        // instance they are out of cache: the hits are scattered over megabytes of parts, between requests that fill
        // the caches with sockets and buffers. Asked for every hit first, in a loop whose iterations do not depend
        // on each other, the loads of different sites (and of each cache line of their bytes) overlap; in the writing
        // loop they came one after another (nearby-path --evict: BENCHMARKS.md, issue 16).
        // Volatile reads, so the JIT keeps loads whose values are not used; on x64 they are plain loads, free to overlap.
        var count = hits.Count;
        var inline = default(StaticParts);
        Span<byte[]> statics = count <= NearbyQuery.MaxLimit ? inline[..count] : new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var json = statics[i] = served.PartsOf(hits[i]).StaticJson(coord, date);
            for (var b = 0; b < json.Length; b += 64)
                _ = Volatile.Read(ref json[b]);
        }

        // Pooled: SitesApi sends it with Utf8JsonResult(pooled: true), which gives the array back.
        var output = new PooledBufferWriter(Head.Length + Tail.Length + (count * BytesPerSite) + (extra?.Length ?? 0));
        output.Write(Head);
        for (var i = 0; i < count; i++)
        {
            var hit = hits[i];
            if (i > 0)
                output.Write(","u8);

            // The per-request properties continue the static ones ("{a,b" + ",c,d}"). Open now is asked once: the status needs it too.
            output.Write(statics[i]);
            var open = hit.Site.IsOpenAt(now);
            var span = output.GetSpan(MaxDynamicBytes);
            var n = WriteDynamic(span, hit, open, StatusFields.Of(board.Current(hit.Site, now, open)));
            output.Advance(n);
        }

        if (extra is not { Length: > 2 })
        {
            output.Write(Tail);
        }
        else
        {
            // "…,"cursor":null" + "," + the members of {"near":…} without its braces + "}".
            output.Write(Tail.AsSpan(0, Tail.Length - 1));
            output.Write(","u8);
            output.Write(extra.AsSpan(1, extra.Length - 2));
            output.Write("}"u8);
        }

        return output.WrittenMemory;
    }

    /// <summary>The static JSON of an answer's sites (as many as a query may ask for), held on the stack while it is written.</summary>
    [InlineArray(NearbyQuery.MaxLimit)]
    private struct StaticParts
    {
        private byte[] _first;
    }

    /// <summary>
    /// <c>,"distanceMeters":…,"walkMinutes":…[,"totalMinutes":…][,"openNow":…],"status":{…}}</c>, as the
    /// <see cref="Utf8JsonWriter"/> wrote them (numbers and dates in its formats).
    /// </summary>
    private static int WriteDynamic(Span<byte> span, NearbyHit hit, bool? open, StatusFields status)
    {
        var n = 0;
        Append(span, ref n, ",\"distanceMeters\":"u8);
        n += JsonFormat.Number(span[n..], Math.Round(hit.DistanceMeters));
        Append(span, ref n, ",\"walkMinutes\":"u8);
        n += JsonFormat.Number(span[n..], hit.WalkMinutes);
        if (hit.TotalMinutes is { } total)
        {
            Append(span, ref n, ",\"totalMinutes\":"u8);
            n += JsonFormat.Number(span[n..], (int)Math.Ceiling(total));
        }

        if (open is { } isOpen)
            Append(span, ref n, isOpen ? ",\"openNow\":true,"u8 : ",\"openNow\":false,"u8);
        else
            Append(span, ref n, ","u8);

        Append(span, ref n, Levels[(int)status.Level]);
        if (status.WaitMinutes is { } wait)
        {
            Append(span, ref n, ",\"waitMinutes\":"u8);
            n += JsonFormat.Number(span[n..], wait);
        }

        if (status.UpdatedAt is { } updated)
        {
            Append(span, ref n, ",\"updatedAt\":"u8);
            n += JsonFormat.Date(span[n..], updated);
        }

        if (status.ConfirmedAt is { } confirmed)
        {
            Append(span, ref n, ",\"confirmedAt\":"u8);
            n += JsonFormat.Date(span[n..], confirmed);
        }

        if (status.ChangedAt is { } changed)
        {
            Append(span, ref n, ",\"changedAt\":"u8);
            n += JsonFormat.Date(span[n..], changed);
        }

        if (status.Source is { } source)
            Append(span, ref n, Sources[(int)source]);
        Append(span, ref n, "}}"u8);
        return n;
    }

    private static void Append(Span<byte> span, ref int n, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(span[n..]);
        n += bytes.Length;
    }
}

/// <summary>
/// Numbers and dates in the text <see cref="Utf8JsonWriter"/> writes them as (a test holds the two together):
/// whole numbers as digits, other doubles round-trippable, dates in ISO 8601 with the offset and no trailing
/// zeros of the fraction (none at all for a whole second), in quotes.
/// </summary>
public static class JsonFormat
{
    /// <summary>The longest date written: "yyyy-MM-ddTHH:mm:ss.fffffff+hh:mm" in quotes.</summary>
    public const int MaxDateBytes = 35;

    private static readonly StandardFormat RoundTrip = new('O');

    public static int Number(Span<byte> span, int value)
    {
        var ok = Utf8Formatter.TryFormat(value, span, out var written);
        Debug.Assert(ok);
        return written;
    }

    public static int Number(Span<byte> span, double value)
    {
        // Whole numbers of fewer than 16 digits are written as their digits by either; -0 and the rest as the writer does.
        if (value == Math.Floor(value) && Math.Abs(value) < 1e15 && !double.IsNegative(value))
            return Number(span, (long)value);
        var ok = value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        Debug.Assert(ok);
        return written;
    }

    public static int Number(Span<byte> span, long value)
    {
        var ok = Utf8Formatter.TryFormat(value, span, out var written);
        Debug.Assert(ok);
        return written;
    }

    public static int Date(Span<byte> span, DateTimeOffset value)
    {
        span[0] = (byte)'"';
        var ok = Utf8Formatter.TryFormat(value, span[1..], out var written, RoundTrip);
        Debug.Assert(ok && written == 33);

        // "yyyy-MM-ddTHH:mm:ss.fffffff+hh:mm": drop the fraction's trailing zeros, and its dot when all seven are.
        var text = span.Slice(1, written);
        var digits = 7;
        while (digits > 0 && text[19 + digits] == (byte)'0')
            digits--;
        var keep = digits == 0 ? 19 : 20 + digits;
        text[27..].CopyTo(text[keep..]);
        written = keep + 6;
        span[1 + written] = (byte)'"';
        return written + 2;
    }
}

/// <summary>
/// A JSON body already written as UTF-8 bytes. <c>pooled</c>: the bytes are on an array rented from
/// <see cref="ArrayPool{T}.Shared"/> (<see cref="PooledBufferWriter"/>), given back once they are sent.
/// </summary>
public sealed class Utf8JsonResult(ReadOnlyMemory<byte> body, bool pooled = false) : IActionResult
{
    public ReadOnlyMemory<byte> Body { get; } = body;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = Body.Length;
        try
        {
            await response.Body.WriteAsync(Body, context.HttpContext.RequestAborted);
        }
        finally
        {
            // Kestrel's response stream and the compression stream have taken the bytes when the write completes.
            if (pooled && MemoryMarshal.TryGetArray(Body, out var segment) && segment.Array is { } array)
                ArrayPool<byte>.Shared.Return(array);
        }
    }
}
