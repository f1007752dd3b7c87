using System.Collections.Frozen;
using System.Security.Cryptography;

namespace SiteFinder.Functions.Http;

/// <summary>
/// The browser pages (functions/pages: plain HTML, CSS and ES modules, no build step), embedded in this
/// assembly at build time so that a deployment is the one package and nothing is fetched from elsewhere.
/// Each file is read once, with its content type and a strong ETag of its bytes.
/// </summary>
public sealed class PageFiles
{
    /// <summary>The embedded resources' name prefix (SiteFinder.Functions.csproj gives each file this logical name).</summary>
    private const string ResourcePrefix = "pages/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml; charset=utf-8",
        [".json"] = "application/json; charset=utf-8",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
        [".txt"] = "text/plain; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly FrozenDictionary<string, PageFile> _files;

    /// <summary>Every folder some file lies below ("resident", "console", ...).</summary>
    private readonly FrozenSet<string> _folders;

    public PageFiles()
    {
        var assembly = typeof(PageFiles).Assembly;
        var files = new Dictionary<string, PageFile>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            // Windows builds write the folder separator of RecursiveDir as '\'.
            var path = name[ResourcePrefix.Length..].Replace('\\', '/');
            if (!ContentTypes.TryGetValue(Path.GetExtension(path), out var contentType))
                throw new InvalidOperationException($"functions/pages/{path}: no content type for its extension; add one to {nameof(PageFiles)}.");

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            files[path] = new PageFile(path, bytes, contentType, "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..32] + "\"");
        }

        _files = files.ToFrozenDictionary(StringComparer.Ordinal);
        _folders = files.Keys
            .SelectMany(path => path.Split('/').SkipLast(1).Select((_, depth) => string.Join('/', path.Split('/').Take(depth + 1))))
            .ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>Every file's path below functions/pages, with '/' between folders.</summary>
    public IEnumerable<string> Paths => _files.Keys;

    /// <summary>The file at <paramref name="path"/> (relative, '/' separated, case as written), or null.</summary>
    public PageFile? Find(string path) => _files.GetValueOrDefault(path);

    /// <summary>Whether some file lies below <paramref name="folder"/>: such a path without its trailing '/' is sent on to it.</summary>
    public bool IsFolder(string folder) => _folders.Contains(folder);
}

/// <summary>One page file as served.</summary>
public sealed record PageFile(string Path, byte[] Content, string ContentType, string ETag);
