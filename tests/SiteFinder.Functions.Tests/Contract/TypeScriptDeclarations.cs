using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SiteFinder.Functions.Tests.Contract;

/// <summary>
/// Turns the OpenAPI document into one TypeScript declaration file for the mini-program: an interface
/// per component schema, string-literal unions for enums, <c>T | null</c> where null is written, and per
/// operation its path, method, query, path parameters and answers by status, with aliases for the
/// answers. Small on purpose (no runtime, no npm package at run time): it handles what
/// <see cref="SiteFinder.Functions.Http.OpenApiContract"/> writes, and throws on a schema keyword it does not know, so that
/// a new construct is handled here rather than typed as <c>unknown</c> without anyone noticing.
/// </summary>
public static partial class TypeScriptDeclarations
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options"];

    /// <summary>Keywords that say nothing about the TypeScript type (formats, lengths, texts).</summary>
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "format", "description", "title", "pattern", "minLength", "maxLength", "minimum", "maximum", "default", "minItems", "maxItems", "examples",
    };

    public static string Generate(JsonElement document)
    {
        var ts = new StringBuilder();
        ts.Append("// Generated from the OpenAPI document (/api/openapi.json) by tests/SiteFinder.Functions.Tests/Contract/TypeScriptDeclarations.cs.\n");
        ts.Append("// Do not edit: regenerate with UPDATE_CLIENT_TYPES=1 (see functions/client/README.md).\n");
        ts.Append("/* eslint-disable */\n\n");

        var schemas = document.GetProperty("components").GetProperty("schemas");
        foreach (var schema in schemas.EnumerateObject().OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            Describe(ts, schema.Value, string.Empty);
            if (IsPlainObject(schema.Value))
                ts.Append("export interface ").Append(schema.Name).Append(' ').Append(ObjectBody(schema.Value, string.Empty)).Append("\n\n");
            else
                ts.Append("export type ").Append(schema.Name).Append(" = ").Append(TypeOf(schema.Value, string.Empty)).Append(";\n\n");
        }

        var operations = Operations(document).OrderBy(o => o.Id, StringComparer.Ordinal).ToList();
        ts.Append("/** Every operation by its operationId: method, path, parameters and the answer of each status. */\n");
        ts.Append("export interface Operations {\n");
        foreach (var operation in operations)
        {
            Describe(ts, operation.Body, "  ");
            ts.Append("  ").Append(operation.Id).Append(": {\n");
            ts.Append("    method: ").Append(Quote(operation.Method.ToUpperInvariant())).Append(";\n");
            ts.Append("    path: ").Append(Quote(operation.Path)).Append(";\n");
            ts.Append("    pathParams: ").Append(Parameters(operation, "path", "    ")).Append(";\n");
            ts.Append("    query: ").Append(Parameters(operation, "query", "    ")).Append(";\n");
            ts.Append("    responses: {\n");
            foreach (var (status, type) in Responses(document, operation.Body))
                ts.Append("      ").Append(status).Append(": ").Append(type).Append(";\n");
            ts.Append("    };\n  };\n");
        }

        ts.Append("}\n\n");

        ts.Append("/** The operations by path and lower-case method. */\n");
        ts.Append("export interface Paths {\n");
        foreach (var path in operations.GroupBy(o => o.Path).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            ts.Append("  ").Append(Quote(path.Key)).Append(": {");
            foreach (var operation in path.OrderBy(o => o.Method, StringComparer.Ordinal))
                ts.Append(' ').Append(operation.Method).Append(": Operations[").Append(Quote(operation.Id)).Append("];");
            ts.Append(" };\n");
        }

        ts.Append("}\n\n");

        ts.Append("/** The body of a successful answer (void: none). */\n");
        ts.Append("export type SuccessOf<Id extends keyof Operations> = { [S in keyof Operations[Id][\"responses\"]]: S extends 200 | 201 | 202 | 204 ? Operations[Id][\"responses\"][S] : never }[keyof Operations[Id][\"responses\"]];\n");
        ts.Append("/** The problem answers of an operation (application/problem+json); not 304, which has no body. */\n");
        ts.Append("export type ProblemOf<Id extends keyof Operations> = Exclude<Operations[Id][\"responses\"][keyof Operations[Id][\"responses\"]], SuccessOf<Id> | void>;\n\n");
        foreach (var operation in operations)
        {
            ts.Append("export type ").Append(operation.Id).Append("Query = Operations[").Append(Quote(operation.Id)).Append("][\"query\"];\n");
            ts.Append("export type ").Append(operation.Id).Append("Response = SuccessOf<").Append(Quote(operation.Id)).Append(">;\n");
        }

        return ts.ToString();
    }

    private sealed record OperationEntry(string Id, string Path, string Method, JsonElement Body);

    private static IEnumerable<OperationEntry> Operations(JsonElement document)
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject().Where(m => Methods.Contains(m.Name)))
                yield return new OperationEntry(method.Value.GetProperty("operationId").GetString()!, path.Name, method.Name, method.Value);
        }
    }

    private static string Parameters(OperationEntry operation, string location, string indent)
    {
        var parameters = operation.Body.TryGetProperty("parameters", out var list)
            ? list.EnumerateArray().Where(p => p.GetProperty("in").GetString() == location).ToList()
            : [];
        if (parameters.Count == 0)
            return "Record<string, never>";

        var ts = new StringBuilder("{\n");
        foreach (var parameter in parameters)
        {
            Describe(ts, parameter, indent + "  ");
            var required = parameter.TryGetProperty("required", out var r) && r.GetBoolean();
            ts.Append(indent).Append("  ").Append(Key(parameter.GetProperty("name").GetString()!)).Append(required ? ": " : "?: ")
                .Append(TypeOf(parameter.GetProperty("schema"), indent + "  ")).Append(";\n");
        }

        return ts.Append(indent).Append('}').ToString();
    }

    /// <summary>Each status → its body type: a component, a problem (through the shared response), void when none.</summary>
    private static IEnumerable<(string Status, string Type)> Responses(JsonElement document, JsonElement operation)
    {
        foreach (var response in operation.GetProperty("responses").EnumerateObject())
        {
            var body = response.Value;
            if (body.TryGetProperty("$ref", out var reference))
                body = document.GetProperty("components").GetProperty("responses").GetProperty(reference.GetString()!.Split('/')[^1]);
            var type = body.TryGetProperty("content", out var content)
                ? string.Join(" | ", content.EnumerateObject().Select(m => m.Value.TryGetProperty("schema", out var s) ? TypeOf(s, "      ") : "unknown").Distinct(StringComparer.Ordinal))
                : "void";
            yield return (response.Name, type);
        }
    }

    private static bool IsPlainObject(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out _) && !schema.TryGetProperty("allOf", out _)
        && schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "object";

    /// <summary>The TypeScript type of a schema.</summary>
    private static string TypeOf(JsonElement schema, string indent)
    {
        if (schema.ValueKind == JsonValueKind.True)
            return "unknown";
        if (schema.ValueKind != JsonValueKind.Object)
            throw new InvalidOperationException("A schema that is not an object: " + schema.GetRawText());

        foreach (var keyword in schema.EnumerateObject().Select(p => p.Name))
        {
            if (!Ignored.Contains(keyword) && keyword is not ("$ref" or "type" or "enum" or "const" or "properties" or "required" or "additionalProperties" or "items" or "allOf" or "anyOf" or "oneOf"))
                throw new InvalidOperationException($"The generator does not know the schema keyword '{keyword}' ({schema.GetRawText()}).");
        }

        var parts = new List<string>();
        if (schema.TryGetProperty("$ref", out var reference))
            parts.Add(reference.GetString()!.Split('/')[^1]);
        if (schema.TryGetProperty("allOf", out var all))
            parts.AddRange(all.EnumerateArray().Select(s => TypeOf(s, indent)));
        foreach (var union in new[] { "anyOf", "oneOf" })
        {
            if (schema.TryGetProperty(union, out var alternatives))
                parts.Add("(" + string.Join(" | ", alternatives.EnumerateArray().Select(s => TypeOf(s, indent))) + ")");
        }

        if (schema.TryGetProperty("enum", out var values))
            parts.Add(Union(values.EnumerateArray().Select(Literal)));
        else if (schema.TryGetProperty("const", out var constant))
            parts.Add(Literal(constant));
        else if (schema.TryGetProperty("type", out var type))
            // "T | null", null last, as TypeScript code writes it.
            parts.Add(Union((type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!) : [type.GetString()!]).OrderBy(t => t == "null").Select(t => Primitive(t, schema, indent))));
        else if (schema.TryGetProperty("properties", out _))
            parts.Add(ObjectBody(schema, indent));

        return parts.Count switch
        {
            0 => "unknown",
            1 => parts[0],
            _ => string.Join(" & ", parts.Select(p => p.Contains(" | ", StringComparison.Ordinal) && !p.StartsWith('(') && !p.StartsWith('{') ? "(" + p + ")" : p)),
        };
    }

    private static string Primitive(string type, JsonElement schema, string indent) => type switch
    {
        "string" => "string",
        "integer" or "number" => "number",
        "boolean" => "boolean",
        "null" => "null",
        "array" => schema.TryGetProperty("items", out var items) ? Element(TypeOf(items, indent)) + "[]" : "unknown[]",
        "object" => ObjectBody(schema, indent),
        _ => throw new InvalidOperationException("Unknown JSON type " + type),
    };

    /// <summary>An array's element, in parentheses when it is a union or intersection ((A | B)[]).</summary>
    private static string Element(string type) =>
        type.Contains(' ', StringComparison.Ordinal) && !type.StartsWith('{') ? "(" + type + ")" : type;

    /// <summary>
    /// { name: T; optional?: T } for the declared properties; extra properties as an index signature
    /// (unknown beside declared ones, which an index signature must cover).
    /// </summary>
    private static string ObjectBody(JsonElement schema, string indent)
    {
        var properties = schema.TryGetProperty("properties", out var p) ? p.EnumerateObject().ToList() : [];
        var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()!).ToHashSet(StringComparer.Ordinal) : [];
        var additional = schema.TryGetProperty("additionalProperties", out var a) ? a : default;
        var closed = additional.ValueKind == JsonValueKind.False;

        if (properties.Count == 0)
        {
            return additional.ValueKind == JsonValueKind.Object ? $"Record<string, {TypeOf(additional, indent)}>"
                : closed ? "Record<string, never>"
                : "Record<string, unknown>";
        }

        var ts = new StringBuilder("{\n");
        foreach (var property in properties)
        {
            Describe(ts, property.Value, indent + "  ");
            ts.Append(indent).Append("  ").Append(Key(property.Name)).Append(required.Contains(property.Name) ? ": " : "?: ")
                .Append(TypeOf(property.Value, indent + "  ")).Append(";\n");
        }

        if (!closed && !schema.TryGetProperty("allOf", out _))
            ts.Append(indent).Append("  [extra: string]: unknown;\n");
        return ts.Append(indent).Append('}').ToString();
    }

    private static void Describe(StringBuilder ts, JsonElement element, string indent)
    {
        var text = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("summary", out var summary) ? summary.GetString()
            : element.ValueKind == JsonValueKind.Object && element.TryGetProperty("description", out var description) && description.ValueKind == JsonValueKind.String ? description.GetString()
            : null;
        if (string.IsNullOrWhiteSpace(text))
            return;
        ts.Append(indent).Append("/** ").Append(text.Replace("*/", "* /", StringComparison.Ordinal).ReplaceLineEndings(" ")).Append(" */\n");
    }

    private static string Union(IEnumerable<string> types)
    {
        var distinct = types.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 0 ? "never" : string.Join(" | ", distinct);
    }

    private static string Literal(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Quote(value.GetString()!),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        _ => throw new InvalidOperationException("An enum value that is not a literal: " + value.GetRawText()),
    };

    private static string Key(string name) => Identifier().IsMatch(name) ? name : Quote(name);

    private static string Quote(string text) => JsonSerializer.Serialize(text, QuoteOptions);

    /// <summary>Chinese text as is, not \u-escaped, so that the file reads as the answers do.</summary>
    private static readonly JsonSerializerOptions QuoteOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [GeneratedRegex("^[A-Za-z_$][A-Za-z0-9_$]*$")]
    private static partial Regex Identifier();
}
