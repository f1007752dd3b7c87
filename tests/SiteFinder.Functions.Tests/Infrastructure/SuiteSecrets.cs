using System.Collections.Concurrent;
using System.Text.Json;

namespace SiteFinder.Functions.Tests.Infrastructure;

/// <summary>
/// Every key and token the suite used against a local host: the admin and function keys, every value a
/// test sent in x-admin-key, x-staff-token, x-functions-key or ?code= (right or wrong), and every staff
/// token and operator key an answer issued. Each <see cref="LocalHostFixture"/> keeps its host's log
/// lines and, when it is disposed, fails if any line holds one of them: "no key or token in any log line"
/// is checked over the whole suite, not one test.
/// </summary>
public static class SuiteSecrets
{
    /// <summary>Shorter values ("x", "1") would match ordinary text; no key the app issues is this short.</summary>
    private const int MinLength = 8;

    private static readonly string[] SecretHeaders = ["x-admin-key", "x-staff-token", "x-functions-key"];

    private static readonly string[] SecretFields = ["token", "key", "secret"];

    private static readonly ConcurrentDictionary<string, byte> Used = new(StringComparer.Ordinal);

    public static IReadOnlyCollection<string> All => (IReadOnlyCollection<string>)Used.Keys;

    public static void Add(string? secret)
    {
        if (secret is { Length: >= MinLength })
            Used.TryAdd(secret, 0);
    }

    /// <summary>The secrets a request carries.</summary>
    public static void FromRequest(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var name in SecretHeaders)
        {
            if (request.Headers.TryGetValues(name, out var values))
            {
                foreach (var value in values)
                    Add(value);
            }
        }

        var query = request.RequestUri is { } uri ? (uri.IsAbsoluteUri ? uri.Query : uri.OriginalString.Contains('?', StringComparison.Ordinal) ? uri.OriginalString[uri.OriginalString.IndexOf('?', StringComparison.Ordinal)..] : string.Empty) : string.Empty;
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && string.Equals(pair[..equals], "code", StringComparison.OrdinalIgnoreCase))
                Add(Uri.UnescapeDataString(pair[(equals + 1)..]));
        }
    }

    /// <summary>The keys and tokens an answer issued (a "token", "key" or "secret" text field anywhere in its JSON).</summary>
    public static void FromAnswer(string json)
    {
        if (string.IsNullOrEmpty(json) || json.Length > 1_000_000 || (json[0] != '{' && json[0] != '['))
            return;
        try
        {
            using var document = JsonDocument.Parse(json);
            Walk(document.RootElement);
        }
        catch (JsonException)
        {
        }
    }

    /// <summary>The log lines that hold a secret, each with the secret's first characters (never the whole secret).</summary>
    public static IReadOnlyList<string> Leaks(IEnumerable<string> lines)
    {
        var secrets = All.ToArray();
        return [.. lines.SelectMany(line => secrets.Where(s => line.Contains(s, StringComparison.Ordinal)).Select(s => $"'{s[..4]}…' in: {line[..Math.Min(line.Length, 300)]}"))];
    }

    private static void Walk(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.String && SecretFields.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
                        Add(property.Value.GetString());
                    else
                        Walk(property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    Walk(item);
                break;
        }
    }
}
