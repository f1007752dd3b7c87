namespace SiteFinder.Functions.Http;

/// <summary>
/// What the attributes of a function cannot say about it: its summary, query parameters, body and answers.
/// Route, methods and authorization level are read from the function itself (<see cref="OpenApiContract"/>).
/// </summary>
public sealed record OperationDescription(string Summary)
{
    public IReadOnlyList<QueryParameter> Query { get; init; } = [];

    /// <summary>The body a client sends, when there is one.</summary>
    public RequestBody? Body { get; init; }

    /// <summary>Answers that are not problems: status → the C# type the handler serialises (null: no JSON body).</summary>
    public IReadOnlyDictionary<int, Type?> Responses { get; init; } = new Dictionary<int, Type?> { [200] = null };

    /// <summary>Media type of the successful answers.</summary>
    public string ResponseMediaType { get; init; } = "application/json";

    /// <summary>The HTTP statuses of the problems it can answer (each listed with its types from <see cref="Problems.Types"/>).</summary>
    public IReadOnlyList<int> Problems { get; init; } = [];

    /// <summary>The credentials the app asks for beside the function key: "adminKey" (x-admin-key), "staffToken" (x-staff-token).</summary>
    public string? Credential { get; init; }

    /// <summary>Request headers other than credentials (If-Match).</summary>
    public IReadOnlyList<QueryParameter> Headers { get; init; } = [];

    /// <summary>A query (or header) parameter: its JSON type ("string", "integer", "number", "boolean"), allowed values when few.</summary>
    public sealed record QueryParameter(string Name, string Type, string Description)
    {
        public bool Required { get; init; }

        public IReadOnlyList<string>? Values { get; init; }
    }

    /// <summary>A request body: its media types and a description of its fields (the handlers read them field by field).</summary>
    public sealed record RequestBody(IReadOnlyList<string> MediaTypes, string Description);
}
