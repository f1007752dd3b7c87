using System.Text.Json;

namespace SiteFinder.Domain.Import;

/// <summary>
/// An uploaded list that may be CSV or JSON: JSON when the Content-Type names it, or, without one, when the
/// text starts as JSON does. Malformed JSON and escapes that spell no text (a lone surrogate such as
/// "\ud800") become the reader's refusal of the file, never an exception that would answer 500.
/// </summary>
public static class CsvOrJson
{
    public static T Read<T>(string text, string? contentType, Func<TextReader, T> fromCsv, Func<JsonDocument, T> fromJson, Func<string, T> refused)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fromCsv);
        ArgumentNullException.ThrowIfNull(fromJson);
        ArgumentNullException.ThrowIfNull(refused);
        var json = contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) ?? text.TrimStart() is ['[' or '{', ..];
        if (!json)
        {
            using var reader = new StringReader(text);
            return fromCsv(reader);
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return fromJson(document);
        }
        catch (JsonException e)
        {
            return refused($"not valid JSON: {e.Message}");
        }
        catch (InvalidOperationException)
        {
            return refused("not valid JSON text: a string holds an unpaired surrogate escape");
        }
    }
}
