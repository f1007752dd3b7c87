using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace SiteFinder.Functions.Http;

/// <summary>
/// The OpenAPI 3.1 document of this API, generated so that it cannot drift: paths, methods, route
/// parameters and authorization levels are read from the functions' own attributes, schemas from
/// the C# types the handlers serialise (with <see cref="ApiJson.Options"/>), problem responses from
/// <see cref="Problems.Types"/>; only summaries, query parameters and answer types come from
/// <see cref="ApiDescriptions"/>. Built once per process: nothing in it changes while the app runs.
/// </summary>
public static partial class OpenApiContract
{
    /// <summary>The host.json route prefix: every function route is served under it.</summary>
    public const string RoutePrefix = "/api/";

    public const string FunctionAuthExtension = "x-functions-auth-level";

    /// <summary>
    /// ApiJson's options, but numbers only as numbers: ApiJson also reads numbers given as strings
    /// (the web default), which does not change what it writes, and answers are what is described here.
    /// </summary>
    private static readonly JsonSerializerOptions WriteOptions = new(ApiJson.Options) { NumberHandling = JsonNumberHandling.Strict };

    private static readonly Lazy<(byte[] Json, string ETag)> Built = new(() =>
    {
        var json = Serialize(Build());
        return (json, "\"" + Convert.ToHexStringLower(SHA256.HashData(json))[..32] + "\"");
    });

    /// <summary>The document as served (UTF-8 JSON).</summary>
    public static byte[] Json => Built.Value.Json;

    /// <summary>A strong ETag of <see cref="Json"/>.</summary>
    public static string ETag => Built.Value.ETag;

    /// <summary>One HTTP function as its attributes declare it.</summary>
    public sealed record HttpFunction(string Name, string Route, IReadOnlyList<string> Methods, AuthorizationLevel AuthLevel);

    /// <summary>Every HTTP-triggered function of this assembly, read from its [Function] and [HttpTrigger] attributes.</summary>
    public static IReadOnlyList<HttpFunction> HttpFunctions() =>
        [.. typeof(OpenApiContract).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            .Select(m => (Function: m.GetCustomAttribute<FunctionAttribute>(), Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(f => f.Function is not null && f.Trigger is not null)
            .Select(f => new HttpFunction(f.Function!.Name, f.Trigger!.Route ?? f.Function.Name, [.. (f.Trigger.Methods ?? []).Select(m => m.ToUpperInvariant())], f.Trigger.AuthLevel))
            .OrderBy(f => f.Name, StringComparer.Ordinal)];

    public static OpenApiDocument Build()
    {
        WriteOptions.MakeReadOnly(populateMissingResolver: true);
        var document = new OpenApiDocument
        {
            Info = new OpenApiInfo
            {
                Title = "COVID-19 sampling-site finder",
                Version = "1",
                Description = "Problem answers (application/problem+json) carry a relative `type` (/api/problems/{code}, a page about it) and a stable `code`.",
            },
            Paths = [],
            Components = new OpenApiComponents
            {
                Schemas = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal),
                Responses = new Dictionary<string, IOpenApiResponse>(StringComparer.Ordinal),
                SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal)
                {
                    ["functionKey"] = ApiKey("x-functions-key", ParameterLocation.Header, "The function key (Azure Functions), for every /manage route."),
                    ["functionKeyQuery"] = ApiKey("code", ParameterLocation.Query, "The function key as the code query parameter, instead of the header."),
                    ["adminKey"] = ApiKey(OperatorAccess.Header, ParameterLocation.Header, "The city admin key or a district operator's key."),
                    ["staffToken"] = ApiKey(StatusApi.TokenHeader, ParameterLocation.Header, "A site's staff token (issued by an operator)."),
                },
            },
        };

        var schemas = new SchemaSet(document);
        AddProblems(document, schemas);
        foreach (var function in HttpFunctions().Where(f => !ApiDescriptions.OutsideDocument.ContainsKey(f.Name)))
        {
            if (!ApiDescriptions.Operations.TryGetValue(function.Name, out var description))
                throw new InvalidOperationException($"{function.Name} has no entry in {nameof(ApiDescriptions)}.");

            var (path, parameters) = PathOf(function.Route);
            if (!document.Paths.TryGetValue(path, out var item))
                document.Paths[path] = item = new OpenApiPathItem { Operations = [] };
            foreach (var method in function.Methods)
                ((OpenApiPathItem)item).Operations![new HttpMethod(method)] = Operation(document, schemas, function, description, parameters);
        }

        schemas.Complete();
        return document;
    }

    private static byte[] Serialize(OpenApiDocument document)
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        document.SerializeAsV31(new OpenApiJsonWriter(text, new OpenApiJsonWriterSettings { Terse = true }));
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static OpenApiSecurityScheme ApiKey(string name, ParameterLocation location, string description) =>
        new() { Type = SecuritySchemeType.ApiKey, Name = name, In = location, Description = description };

    /// <summary>"manage/sites/{id:length(16)}" → "/api/manage/sites/{id}" and the parameter, its length from the constraint.</summary>
    private static (string Path, IList<IOpenApiParameter> Parameters) PathOf(string route)
    {
        var parameters = new List<IOpenApiParameter>();
        var path = RouteParameter().Replace(route, m =>
        {
            var schema = new OpenApiSchema { Type = JsonSchemaType.String };
            foreach (var constraint in m.Groups["constraints"].Captures.Select(c => c.Value))
            {
                var (kind, argument) = ConstraintOf(constraint);
                switch (kind)
                {
                    case "length":
                        schema.MinLength = schema.MaxLength = argument;
                        break;
                    case "maxlength":
                        schema.MaxLength = argument;
                        break;
                    case "minlength":
                        schema.MinLength = argument;
                        break;
                    default:
                        throw new InvalidOperationException($"Route constraint '{constraint}' of '{route}' has no schema here.");
                }
            }

            parameters.Add(new OpenApiParameter { Name = m.Groups["name"].Value, In = ParameterLocation.Path, Required = true, Schema = schema });
            return "{" + m.Groups["name"].Value + "}";
        });
        return (RoutePrefix + path, parameters);
    }

    private static (string Kind, int Argument) ConstraintOf(string constraint)
    {
        var open = constraint.IndexOf('(', StringComparison.Ordinal);
        return open < 0
            ? (constraint, 0)
            : (constraint[..open], int.Parse(constraint[(open + 1)..^1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The headers <see cref="ServingLanes"/> puts on every read outside manage/ (health aside): how old this instance's data is.</summary>
    private static readonly Dictionary<string, IOpenApiHeader> AgeHeaders = new()
    {
        [ServingLanes.CatalogueAgeHeader] = new OpenApiHeader { Description = "Whole seconds since this instance last confirmed with storage that its catalogue is the newest published; absent before its first load. During a storage outage it grows.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
        [ServingLanes.StatusAgeHeader] = new OpenApiHeader { Description = "The same for the status board.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
    };

    private static bool SaysItsAge(HttpFunction function) =>
        function.Methods.Any(m => m.Equals("GET", StringComparison.OrdinalIgnoreCase))
        && !function.Route.StartsWith("manage/", StringComparison.Ordinal)
        && !function.Route.StartsWith("health", StringComparison.Ordinal);

    private static OpenApiOperation Operation(OpenApiDocument document, SchemaSet schemas, HttpFunction function, OperationDescription description, IList<IOpenApiParameter> routeParameters)
    {
        var parameters = new List<IOpenApiParameter>(routeParameters);
        foreach (var q in description.Query)
            parameters.Add(Parameter(q, ParameterLocation.Query));
        foreach (var h in description.Headers)
            parameters.Add(Parameter(h, ParameterLocation.Header));

        var responses = new OpenApiResponses();
        foreach (var (status, type) in description.Responses.OrderBy(r => r.Key))
        {
            var response = new OpenApiResponse { Description = status == 304 ? "Not modified." : "Success." };
            if (status is >= 200 and < 300 && SaysItsAge(function))
                response.Headers = AgeHeaders;
            if (status != 304 && status != 204)
            {
                response.Content = new Dictionary<string, IOpenApiMediaType>
                {
                    [description.ResponseMediaType] = new OpenApiMediaType { Schema = type is null ? new OpenApiSchema { Type = JsonSchemaType.String } : schemas.Of(type) },
                };
            }

            responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = response;
        }

        foreach (var status in description.Problems.Order())
            responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponseReference(ProblemResponseName(status), document);

        var operation = new OpenApiOperation
        {
            OperationId = function.Name,
            Summary = description.Summary,
            Parameters = parameters,
            Responses = responses,
            Security = Security(document, function.AuthLevel, description.Credential),
            Extensions = new Dictionary<string, IOpenApiExtension>
            {
                [FunctionAuthExtension] = new JsonNodeExtension(JsonValue.Create(function.AuthLevel.ToString().ToLowerInvariant())),
            },
        };
        if (description.Body is { } body)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = body.Description,
                Content = body.MediaTypes.ToDictionary(m => m, IOpenApiMediaType (_) => new OpenApiMediaType()),
            };
        }

        return operation;
    }

    private static OpenApiParameter Parameter(OperationDescription.QueryParameter q, ParameterLocation location)
    {
        var schema = new OpenApiSchema { Type = OpenApiTypeMapper.ToJsonSchemaType(q.Type) };
        if (q.Values is { } values)
            schema.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
        return new OpenApiParameter { Name = q.Name, In = location, Required = q.Required, Description = q.Description, Schema = schema };
    }

    /// <summary>The function key (header or query) where the host asks for it, and with it the app's own credential.</summary>
    private static List<OpenApiSecurityRequirement> Security(OpenApiDocument document, AuthorizationLevel level, string? credential)
    {
        if (level == AuthorizationLevel.Anonymous)
        {
            return credential is null
                ? []
                : [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(credential, document)] = [] }];
        }

        return [.. new[] { "functionKey", "functionKeyQuery" }.Select(key =>
        {
            var requirement = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(key, document)] = [] };
            if (credential is not null)
                requirement[new OpenApiSecuritySchemeReference(credential, document)] = [];
            return requirement;
        })];
    }

    private static string ProblemResponseName(int status) => "Problem" + status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The problem body (RFC 9457 plus code and the extensions some types add), and one response per
    /// status whose type and code are limited to the types of that status.
    /// </summary>
    private static void AddProblems(OpenApiDocument document, SchemaSet schemas)
    {
        var types = Problems.Types;
        var problem = new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray("type", "code", "title", "status", "detail"),
            ["properties"] = new JsonObject
            {
                ["type"] = new JsonObject { ["type"] = "string", ["format"] = "uri-reference", ["description"] = "/api/problems/{code}: a page about the problem." },
                ["code"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. types.Select(t => JsonValue.Create(t.Name))]) },
                ["title"] = new JsonObject { ["type"] = "string" },
                ["status"] = new JsonObject { ["type"] = "integer" },
                ["detail"] = new JsonObject { ["type"] = "string" },
                ["errors"] = new JsonObject { ["type"] = "object", ["description"] = "400 and some 404/413: each bad field and what is wrong with it.", ["additionalProperties"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } } },
                ["reason"] = new JsonObject { ["type"] = "string" },
                ["retryAfterSeconds"] = new JsonObject { ["type"] = "integer" },
                ["currentVersion"] = new JsonObject { ["type"] = "string" },
                ["current"] = new JsonObject { ["type"] = "object" },
                ["district"] = new JsonObject { ["type"] = "string" },
                ["sites"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
                ["degraded"] = new JsonObject { ["type"] = "boolean" },
            },
            ["additionalProperties"] = false,
        };
        schemas.Add("Problem", problem);

        foreach (var group in types.GroupBy(t => t.Status).OrderBy(g => g.Key))
        {
            var name = ProblemResponseName(group.Key);
            schemas.Add(name, new JsonObject
            {
                ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = "#/components/schemas/Problem" }),
                ["properties"] = new JsonObject
                {
                    ["type"] = new JsonObject { ["enum"] = new JsonArray([.. group.Select(t => JsonValue.Create(t.Uri))]) },
                    ["code"] = new JsonObject { ["enum"] = new JsonArray([.. group.Select(t => JsonValue.Create(t.Name))]) },
                    // An enum of one, not const: Microsoft.OpenApi keeps const as text and would write "404".
                    ["status"] = new JsonObject { ["enum"] = new JsonArray(group.Key) },
                },
            });
            document.Components!.Responses![name] = new OpenApiResponse
            {
                Description = string.Join(" ", group.Select(t => $"{t.Uri}: {t.Title}")),
                Content = new Dictionary<string, IOpenApiMediaType>
                {
                    ["application/problem+json"] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(name, document) },
                },
            };
        }
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z][A-Za-z0-9]*)(?::(?<constraints>[a-z]+(?:\(\d+\))?))*\}")]
    private static partial Regex RouteParameter();

    /// <summary>
    /// Component schemas of the C# types, exported by <see cref="JsonSchemaExporter"/> with the app's own
    /// serializer options; each of the app's types is one component, referred to wherever it appears.
    /// </summary>
    private sealed class SchemaSet(OpenApiDocument document)
    {
        private readonly Dictionary<Type, string> _names = [];
        private readonly Queue<Type> _pending = new();
        private readonly Dictionary<string, JsonNode> _nodes = new(StringComparer.Ordinal);

        public IOpenApiSchema Of(Type type)
        {
            if (type == typeof(object))
                return new OpenApiSchema { Type = JsonSchemaType.Object, Description = "An object not described further here." };
            return new OpenApiSchemaReference(NameOf(type), document);
        }

        public void Add(string name, JsonNode schema) => _nodes[name] = schema;

        /// <summary>Exports every type referred to (and those they refer to), then puts them in the document.</summary>
        public void Complete()
        {
            while (_pending.TryDequeue(out var type))
                _nodes[_names[type]] = Export(type);

            foreach (var (name, node) in _nodes.OrderBy(n => n.Key, StringComparer.Ordinal))
            {
                var schema = OpenApiModelFactory.Parse<OpenApiSchema>(node.ToJsonString(), OpenApiSpecVersion.OpenApi3_1, document, out var diagnostic, "json");
                if (schema is null || diagnostic?.Errors.Count > 0)
                    throw new InvalidOperationException($"The schema of {name} could not be read: {string.Join("; ", diagnostic?.Errors.Select(e => e.Message) ?? [])}");
                document.Components!.Schemas![name] = schema;
            }
        }

        private string NameOf(Type type)
        {
            if (_names.TryGetValue(type, out var name))
                return name;

            name = type.IsGenericType
                ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] + "Of" + string.Concat(type.GetGenericArguments().Select(a => NameOf(a)))
                : type.Name;
            if (_names.ContainsValue(name))
                throw new InvalidOperationException($"Two types would be the schema {name}.");
            _names[type] = name;
            _pending.Enqueue(type);
            return name;
        }

        /// <summary>The app's own records and classes (not enums, strings or collections) are components.</summary>
        private static bool IsComponent(Type type) =>
            type.Namespace?.StartsWith("SiteFinder.", StringComparison.Ordinal) == true && type.IsClass;

        private JsonNode Export(Type type)
        {
            var options = new JsonSchemaExporterOptions
            {
                TreatNullObliviousAsNonNullable = true,
                TransformSchemaNode = (context, node) =>
                {
                    var nested = context.TypeInfo.Type;
                    if (context.Path.Length > 0 && IsComponent(nested))
                        return new JsonObject { ["$ref"] = "#/components/schemas/" + NameOf(nested) };
                    if (node is JsonObject o && context.TypeInfo.Kind == JsonTypeInfoKind.Object && o["properties"] is JsonObject properties)
                        DescribeAsWritten(context.TypeInfo, o, properties);
                    return node;
                },
            };
            return JsonSchemaExporter.GetJsonSchemaAsNode(WriteOptions.GetTypeInfo(type), options);
        }

        /// <summary>
        /// The schema of what the app writes, not of what it would read: ApiJson leaves nulls out, so a
        /// nullable property is optional and never null, every other one always there (required); and a
        /// property the type does not declare is a drift (no additional properties), except where a type
        /// carries extension data on purpose (ListPage's figures about the list).
        /// </summary>
        private static void DescribeAsWritten(JsonTypeInfo typeInfo, JsonObject schema, JsonObject properties)
        {
            var required = new JsonArray();
            foreach (var property in typeInfo.Properties)
            {
                if (property.IsExtensionData || properties[property.Name] is not JsonObject propertySchema)
                    continue;
                var alwaysWritten = property.AttributeProvider is MemberInfo member
                    && member.GetCustomAttribute<JsonIgnoreAttribute>()?.Condition == JsonIgnoreCondition.Never;
                var nullable = property.PropertyType.IsValueType ? Nullable.GetUnderlyingType(property.PropertyType) is not null : property.IsGetNullable;
                if (alwaysWritten || !nullable)
                    required.Add(property.Name);
                if (!alwaysWritten)
                    WithoutNull(propertySchema);
            }

            schema["required"] = required;
            if (!typeInfo.Properties.Any(p => p.IsExtensionData))
                schema["additionalProperties"] = false;
        }

        private static void WithoutNull(JsonObject schema)
        {
            if (schema["type"] is JsonArray types)
            {
                var kept = types.Select(t => t!.GetValue<string>()).Where(t => t != "null").ToArray();
                schema["type"] = kept.Length == 1 ? JsonValue.Create(kept[0]) : new JsonArray([.. kept.Select(t => JsonValue.Create(t))]);
            }

            if (schema["enum"] is JsonArray values && values.Any(v => v is null))
                schema["enum"] = new JsonArray([.. values.Where(v => v is not null).Select(v => v!.DeepClone())]);
        }
    }
}
