using System.IO.Compression;

namespace SiteFinder.Functions.Tests.OpenData;

/// <summary>Decodes a body by its Content-Encoding, as a client that asked for it would.</summary>
public static class Compression
{
    public static byte[] Decode(byte[] body, string? encoding)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (encoding is null)
            return body;
        using var input = new MemoryStream(body);
        using Stream decoder = encoding switch
        {
            "br" => new BrotliStream(input, CompressionMode.Decompress),
            "gzip" => new GZipStream(input, CompressionMode.Decompress),
            _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "not an encoding the API sends"),
        };
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }
}
