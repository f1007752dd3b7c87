using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SiteFinder.Domain.Sites;

namespace SiteFinder.Functions.Http;

/// <summary>Reads a small JSON request body field by field, collecting every problem with its field path.</summary>
public sealed class JsonBody
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    private JsonBody(JsonElement root) => Root = root;

    public JsonElement Root { get; }

    public bool HasErrors => _errors.Count > 0;

    public IReadOnlyDictionary<string, string[]> Errors => _errors;

    /// <summary>The parsed body, or the problem to answer with (not JSON, not an object, too large).</summary>
    public static async Task<(JsonBody? Body, Microsoft.AspNetCore.Mvc.IActionResult? Problem)> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (ContentTypeProblem(request.ContentType) is { } unsupported)
            return (null, Problems.UnsupportedMediaType(unsupported));
        var (bytes, tooLarge) = await ReadBoundedAsync(request, maxBytes, cancellationToken);
        if (tooLarge)
            return (null, Problems.TooLarge("body", maxBytes));
        using var buffer = new MemoryStream(bytes);
        if (buffer.Length == 0)
            return (null, Problems.Field("body", "empty: a JSON object is required"));

        // The parser checks UTF-8 only where it reads values, not in property names: "{\"\xFF\":1}" parses,
        // and the name then throws when a handler reads it. Checked whole here (lone surrogates included).
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
            return (null, Problems.Field("body", "not UTF-8 text: JSON is UTF-8"));

        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray());
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (new JsonBody(document.RootElement.Clone()), null)
                : (null, Problems.Field("body", "must be a JSON object"));
        }
        catch (JsonException e)
        {
            return (null, Problems.Field("body", $"not valid JSON: {e.Message}"));
        }
    }

    public static JsonBody Of(JsonElement element) => new(element);

    /// <summary>
    /// Why the declared type is not JSON in UTF-8, or null. No Content-Type at all is read as JSON: some
    /// mini-program and scanner clients send none. A form, text or XML type, or a charset other than
    /// UTF-8 (RFC 8259 has JSON in UTF-8 only), would be read as something it is not.
    /// </summary>
    public static string? ContentTypeProblem(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
            return null;
        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media))
            return $"'{contentType}' is not a media type; send application/json";
        var type = media.MediaType.ToString();
        if (!type.Equals("application/json", StringComparison.OrdinalIgnoreCase) && !type.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
            return $"{type} is not read here; send application/json";
        var charset = media.Charset.ToString().Trim('"');
        return charset.Length == 0 || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)
            ? null
            : $"charset {charset} is not read here; JSON is UTF-8";
    }

    /// <summary>The body, read no further than one byte past the limit: a large body is refused without being held in memory.</summary>
    public static async Task<(byte[] Bytes, bool TooLarge)> ReadBoundedAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
            return ([], true);

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
                return ([], true);
        }

        return (buffer.ToArray(), false);
    }

    public void Fail(string field, string message) => _errors[field] = [message];

    public string? String(JsonElement parent, string name, string path, int maxLength, Func<string, bool>? valid = null, string? rule = null)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(path, "must be a string");
            return null;
        }

        string text;
        try
        {
            text = value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // Valid JSON escapes can still spell invalid text (a lone surrogate such as "\ud800").
            Fail(path, "not valid text");
            return null;
        }

        if (StoredText.Problem(text) is { } problem)
        {
            Fail(path, problem);
            return null;
        }

        if (text.Length == 0 || text.Length > maxLength || (valid is not null && !valid(text)))
        {
            Fail(path, rule ?? $"1 to {maxLength} characters");
            return null;
        }

        return text;
    }

    /// <summary>A string value as it is (empty included), or null with an error when its escapes spell invalid text.</summary>
    public string? Text(JsonElement value, string path)
    {
        string? text;
        try
        {
            text = value.GetString();
        }
        catch (InvalidOperationException)
        {
            Fail(path, "not valid text");
            return null;
        }

        if (text is not null && StoredText.Problem(text) is { } problem)
        {
            Fail(path, problem);
            return null;
        }

        return text;
    }

    public int? Int(JsonElement parent, string name, string path, int min, int max)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < min || number > max)
        {
            Fail(path, $"must be a whole number between {min} and {max}");
            return null;
        }

        return number;
    }
}
