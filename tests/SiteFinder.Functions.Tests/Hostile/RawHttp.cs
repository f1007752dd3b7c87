using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace SiteFinder.Functions.Tests.Hostile;

/// <summary>
/// Requests HttpClient refuses to send (a NUL in a header, a 20 KB URL, bytes that are not UTF-8), written
/// to the socket as they are, and the answer read back: status, headers and the body as JSON when it is.
/// </summary>
public static class RawHttp
{
    public sealed record Answer(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
    {
        public JsonElement Json => Body.Length == 0 ? default : JsonDocument.Parse(Body).RootElement.Clone();

        public string? ContentType => Headers.GetValueOrDefault("content-type");
    }

    /// <summary>Sends <paramref name="head"/> (request line and headers, without the blank line) and an optional body; one request per connection.</summary>
    public static async Task<Answer> SendAsync(Uri server, byte[] head, byte[]? body = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(head);
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        var end = Encoding.ASCII.GetBytes($"Host: {server.Host}:{server.Port}\r\nConnection: close\r\n" + (body is null ? string.Empty : $"Content-Length: {body.Length}\r\n") + "\r\n");
        await stream.WriteAsync(head.Concat(end).ToArray());
        if (body is not null)
            await stream.WriteAsync(body);

        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return Parse(buffer.ToArray());
    }

    public static Task<Answer> GetAsync(Uri server, string target, params string[] headers) =>
        SendAsync(server, Encoding.UTF8.GetBytes($"GET {target} HTTP/1.1\r\n" + string.Concat(headers.Select(h => h + "\r\n"))));

    private static Answer Parse(byte[] bytes)
    {
        var split = IndexOf(bytes, "\r\n\r\n"u8);
        var lines = Encoding.ASCII.GetString(bytes, 0, split).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
        var body = bytes[(split + 4)..];
        if (headers.GetValueOrDefault("transfer-encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true)
            body = Dechunk(body);
        return new Answer(status, headers, body);
    }

    private static byte[] Dechunk(byte[] body)
    {
        using var output = new MemoryStream();
        var at = 0;
        while (at < body.Length)
        {
            var lineEnd = IndexOf(body.AsSpan(at), "\r\n"u8) + at;
            var size = int.Parse(Encoding.ASCII.GetString(body, at, lineEnd - at).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
                break;
            output.Write(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }

        return output.ToArray();
    }

    private static int IndexOf(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> what) => bytes.IndexOf(what);
}
