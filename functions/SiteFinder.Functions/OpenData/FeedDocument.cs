using System.IO.Compression;

namespace SiteFinder.Functions.OpenData;

/// <summary>
/// One built feed: its bytes and their ETag, and the same bytes gzip- and brotli-encoded on first
/// ask. A feed is served many times and rebuilt at most once a minute, so it is compressed once, at
/// a higher level than the per-answer compression of other JSON answers.
/// </summary>
public sealed class FeedDocument
{
    private readonly Lazy<byte[]> _gzip;
    private readonly Lazy<byte[]> _brotli;

    public FeedDocument(FeedKey key, byte[] raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        Key = key;
        Raw = raw;
        _gzip = new(() => Encode(raw, s => new GZipStream(s, CompressionLevel.Optimal)));
        _brotli = new(() => Encode(raw, s => new BrotliStream(s, CompressionLevel.Optimal)));
    }

    public FeedKey Key { get; }

    public byte[] Raw { get; }

    public string ETag => Key.ETag;

    public byte[] Gzip => _gzip.Value;

    public byte[] Brotli => _brotli.Value;

    private static byte[] Encode(byte[] raw, Func<Stream, Stream> encoder)
    {
        using var output = new MemoryStream(raw.Length / 8);
        using (var encoding = encoder(output))
            encoding.Write(raw);
        return output.ToArray();
    }
}
