namespace SiteFinder.LocalHost;

/// <summary>
/// The start-up checks the Azure Functions host makes of HTTP functions (ScriptHost.ValidateFunction
/// and ValidateHttpFunction in azure-functions-host): a route in the host's own space, or the same
/// route as another function with a method in common, puts the function in error in Azure. The local
/// host refuses to start instead, so that the mistake shows here first.
/// </summary>
public static class HostRouteRules
{
    /// <summary>The host's own message for a route under admin* or runtime*.</summary>
    public const string ReservedRouteMessage = "The specified route conflicts with one or more built in routes.";

    /// <summary>The route a function answers on before the prefix: its own route, or its name when it has none, as in the host.</summary>
    public static string RouteOf(FunctionDefinition function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return string.IsNullOrWhiteSpace(function.Route) ? function.Name : function.Route;
    }

    /// <summary>
    /// The HTTP functions the host would serve, and one line for each it would put in error, naming
    /// the function and the rule. Functions are validated in the host's order (by name), so of two
    /// conflicting routes the later name is the one refused.
    /// </summary>
    public static (IReadOnlyList<FunctionDefinition> Accepted, IReadOnlyList<string> Problems) Validate(IEnumerable<FunctionDefinition> functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        var problems = new List<string>();
        var accepted = new List<FunctionDefinition>();
        foreach (var function in functions.Where(f => f.IsHttp).OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase))
        {
            // The host compares the route text, lower-cased, whatever the prefix: "Administration/x" is refused too.
            var route = RouteOf(function).Trim('/').ToLowerInvariant();
            if (route.StartsWith("admin", StringComparison.Ordinal) || route.StartsWith("runtime", StringComparison.Ordinal))
            {
                problems.Add($"{function.Name} (route '{RouteOf(function)}'): {ReservedRouteMessage}");
                continue;
            }

            if (accepted.FirstOrDefault(other => Conflict(function, other)) is { } first)
            {
                problems.Add($"{function.Name} (route '{RouteOf(function)}'): The route specified conflicts with the route defined by function '{first.Name}'.");
                continue;
            }

            accepted.Add(function);
        }

        return (accepted, problems);
    }

    /// <summary>Same route text (case-insensitive) and a method in common; no methods means every method.</summary>
    private static bool Conflict(FunctionDefinition a, FunctionDefinition b) =>
        string.Equals(RouteOf(a).Trim('/'), RouteOf(b).Trim('/'), StringComparison.OrdinalIgnoreCase) &&
        (a.Methods.Count == 0 || b.Methods.Count == 0 || a.Methods.Intersect(b.Methods, StringComparer.OrdinalIgnoreCase).Any());
}
