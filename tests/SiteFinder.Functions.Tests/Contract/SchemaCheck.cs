using System.Text.Json;

namespace SiteFinder.Functions.Tests.Contract;

/// <summary>
/// A small JSON Schema check of answers against the OpenAPI document's schemas: $ref (to the document's
/// components), allOf, type (integer being a number without a fraction), enum, const, required,
/// properties, additionalProperties (false: an undeclared property is an error) and array items.
/// Formats, patterns, lengths and oneOf/anyOf are not checked; the document does not use the last two.
/// </summary>
public sealed class SchemaCheck(JsonElement document)
{
    /// <summary>Every way <paramref name="value"/> does not fit <paramref name="schema"/>, each with its JSON path.</summary>
    public IReadOnlyList<string> Errors(JsonElement value, JsonElement schema)
    {
        var errors = new List<string>();
        Check(value, schema, "$", errors);
        return errors;
    }

    public JsonElement Component(string name) => document.GetProperty("components").GetProperty("schemas").GetProperty(name);

    private JsonElement Resolve(string reference)
    {
        // "#/components/schemas/SiteView"
        var element = document;
        foreach (var part in reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
            element = element.GetProperty(part);
        return element;
    }

    private void Check(JsonElement value, JsonElement schema, string path, List<string> errors)
    {
        if (schema.ValueKind == JsonValueKind.True)
            return;
        if (schema.TryGetProperty("$ref", out var reference))
            Check(value, Resolve(reference.GetString()!), path, errors);
        if (schema.TryGetProperty("allOf", out var all))
        {
            foreach (var part in all.EnumerateArray())
                Check(value, part, path, errors);
        }

        if (schema.TryGetProperty("type", out var type))
        {
            var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            if (!types.Any(t => Is(value, t)))
            {
                errors.Add($"{path}: {value.ValueKind} where the schema says {string.Join("|", types)}");
                return;
            }
        }

        if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => JsonElement.DeepEquals(v, value)))
            errors.Add($"{path}: {value.GetRawText()} is not one of {values.GetRawText()}");
        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
            errors.Add($"{path}: {value.GetRawText()} is not {constant.GetRawText()}");

        if (value.ValueKind == JsonValueKind.Object)
        {
            var declared = schema.TryGetProperty("properties", out var properties) ? properties : default;
            if (schema.TryGetProperty("required", out var required))
            {
                foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
                {
                    if (!value.TryGetProperty(name, out _))
                        errors.Add($"{path}: required property '{name}' is missing");
                }
            }

            foreach (var property in value.EnumerateObject())
            {
                if (declared.ValueKind == JsonValueKind.Object && declared.TryGetProperty(property.Name, out var propertySchema))
                    Check(property.Value, propertySchema, path + "." + property.Name, errors);
                else if (schema.TryGetProperty("additionalProperties", out var additional))
                {
                    if (additional.ValueKind == JsonValueKind.False)
                        errors.Add($"{path}: property '{property.Name}' is not in the schema");
                    else if (additional.ValueKind == JsonValueKind.Object)
                        Check(property.Value, additional, path + "." + property.Name, errors);
                }
            }
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
                Check(item, items, $"{path}[{i++}]", errors);
        }
    }

    private static bool Is(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => throw new InvalidOperationException("Unknown JSON type " + type),
    };
}
