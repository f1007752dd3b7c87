using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SiteFinder.Infra.Tests.Infrastructure;

/// <summary>
/// A compiled ARM template (the root or a module's inlined template) and the deployment that invoked it.
/// Handles both code generation styles Bicep emits: resources as an array, and (languageVersion 2.0)
/// resources as an object keyed by symbolic name.
/// </summary>
internal sealed partial class ArmTemplate
{
    private ArmTemplate(JsonObject json, string path, ArmTemplate? parent, ArmResource? invocation)
    {
        Json = json;
        Path = path;
        Parent = parent;
        Invocation = invocation;
    }

    public JsonObject Json { get; }

    /// <summary>Deployment names from the root, e.g. "main/functionApp".</summary>
    public string Path { get; }

    public ArmTemplate? Parent { get; }

    /// <summary>The Microsoft.Resources/deployments resource (in <see cref="Parent"/>) that deploys this template.</summary>
    public ArmResource? Invocation { get; }

    public static ArmTemplate Root(JsonObject json) => new(json, "main", null, null);

    public IEnumerable<ArmResource> Resources => Json["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>().Select(o => new ArmResource(this, null, o)),
        JsonObject map => map.Where(kv => kv.Value is JsonObject).Select(kv => new ArmResource(this, kv.Key, (JsonObject)kv.Value!)),
        _ => [],
    };

    /// <summary>Resources this template creates (not <c>existing</c> references).</summary>
    public IEnumerable<ArmResource> CreatedResources => Resources.Where(r => !r.IsExisting);

    public IEnumerable<ArmTemplate> Modules =>
        Resources.Where(r => r.Type == "Microsoft.Resources/deployments" && r.Properties?["template"] is JsonObject)
            .Select(r => new ArmTemplate((JsonObject)r.Properties!["template"]!, $"{Path}/{r.Name}", this, r));

    /// <summary>This template and every template nested in it, depth first.</summary>
    public IEnumerable<ArmTemplate> SelfAndDescendants => Modules.SelectMany(m => m.SelfAndDescendants).Prepend(this);

    public JsonObject Parameters => Json["parameters"] as JsonObject ?? [];

    public JsonObject Outputs => Json["outputs"] as JsonObject ?? [];

    public bool IsSecureParameter(string name) =>
        Parameters[name]?["type"]?.GetValue<string>() is { } type
        && type.StartsWith("secure", StringComparison.OrdinalIgnoreCase);

    /// <summary>The expression the invoking template passes for one of this template's parameters.</summary>
    public string? ArgumentFor(string parameter) => Invocation?.Properties?["parameters"]?[parameter]?["value"] is { } value
        ? Text(value)
        : null;

    public ArmResource? ResourceBySymbol(string symbol) => Resources.FirstOrDefault(r => r.Symbol == symbol);

    /// <summary>
    /// Replaces variables('x') whose value is a plain string with that string as an ARM literal ('value'),
    /// so an expression can be compared with the literal it stands for.
    /// </summary>
    public string ResolveVariables(string expression) => VariableReference().Replace(expression, match =>
        Json["variables"]?[match.Groups[1].Value] is JsonValue value
        && value.TryGetValue<string>(out var text)
        && !text.StartsWith('[')
            ? $"'{text}'"
            : match.Value);

    /// <summary>Names of the parameters an expression reads.</summary>
    public static IEnumerable<string> ParametersIn(string expression) =>
        ParameterReference().Matches(expression).Select(m => m.Groups[1].Value);

    /// <summary>A node as text: strings as they are, anything else as JSON.</summary>
    public static string Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString(Unescaped) ?? "";

    // ARM expressions are full of quotes; keep them readable ('), not escaped (\u0027).
    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public override string ToString() => Path;

    [GeneratedRegex(@"variables\('(\w+)'\)")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"parameters\('(\w+)'\)")]
    private static partial Regex ParameterReference();
}

internal sealed record ArmResource(ArmTemplate Template, string? Symbol, JsonObject Json)
{
    public string Type => ArmTemplate.Text(Json["type"]);

    public string Name => ArmTemplate.Text(Json["name"]);

    public bool IsExisting => Json["existing"]?.GetValue<bool>() == true;

    public JsonObject? Properties => Json["properties"] as JsonObject;

    public string? Condition => Json["condition"] is { } condition ? ArmTemplate.Text(condition) : null;

    public override string ToString() => $"{Type} {Name} in {Template.Path}";
}
