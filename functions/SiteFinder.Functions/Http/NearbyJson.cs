using System.Buffers;
using System.Runtime.InteropServices;
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
/// only distance, walk, total, open-now and status are written per request. The result is the same
/// JSON the <see cref="SiteView"/> serializer gives (a test holds the two together).
/// </summary>
public static class NearbyJson
{
    private static readonly byte[] Head = "{\"items\":["u8.ToArray();
    private static readonly byte[] Tail = "],\"cursor\":null}"u8.ToArray();
    private static readonly JsonEncodedText[] Levels = Enum.GetValues<BusyLevel>()
        .Select(l => JsonEncodedText.Encode(JsonNamingPolicy.CamelCase.ConvertName(l.ToString())))
        .ToArray();

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_scratch;

    /// <summary>Dynamic fields take well under this per site; sizing the buffer once avoids regrowing and copying it.</summary>
    private const int DynamicBytesPerSite = 256;

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
        var fragments = new byte[hits.Count][];
        var size = Head.Length + Tail.Length;
        for (var i = 0; i < hits.Count; i++)
        {
            fragments[i] = served.PartsOf(hits[i].Site).StaticJson(coord, date);
            size += fragments[i].Length + DynamicBytesPerSite;
        }

        // Pooled: SitesApi sends it with Utf8JsonResult(pooled: true), which gives the array back.
        var output = new PooledBufferWriter(size);
        var scratch = t_scratch ??= new ArrayBufferWriter<byte>(512);
        output.Write(Head);
        using var writer = new Utf8JsonWriter(scratch, new JsonWriterOptions { Encoder = ApiJson.Options.Encoder, SkipValidation = true });
        for (var i = 0; i < hits.Count; i++)
        {
            var hit = hits[i];
            if (i > 0)
                output.Write(","u8);
            output.Write(fragments[i]);

            scratch.ResetWrittenCount();
            writer.Reset(scratch);
            writer.WriteStartObject();
            writer.WriteNumber("distanceMeters", Math.Round(hit.DistanceMeters));
            writer.WriteNumber("walkMinutes", hit.WalkMinutes);
            if (hit.TotalMinutes is { } total)
                writer.WriteNumber("totalMinutes", (int)Math.Ceiling(total));
            if (hit.Site.IsOpenAt(now) is { } open)
                writer.WriteBoolean("openNow", open);
            WriteStatus(writer, StatusView.Of(board.Current(hit.Site, now)));
            writer.WriteEndObject();
            writer.Flush();

            // The per-request object's properties continue the static ones: "{a,b" + "," + "c,d}".
            output.Write(","u8);
            output.Write(scratch.WrittenSpan[1..]);
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

    private static void WriteStatus(Utf8JsonWriter writer, StatusView status)
    {
        writer.WriteStartObject("status");
        writer.WriteString("level", Levels[(int)status.Level]);
        if (status.WaitMinutes is { } wait)
            writer.WriteNumber("waitMinutes", wait);
        if (status.UpdatedAt is { } updated)
            writer.WriteString("updatedAt", updated);
        if (status.ConfirmedAt is { } confirmed)
            writer.WriteString("confirmedAt", confirmed);
        if (status.ChangedAt is { } changed)
            writer.WriteString("changedAt", changed);
        if (status.Source is { } source)
            writer.WriteString("source", StatusSources.NameOf(source));
        writer.WriteEndObject();
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
