using System.Globalization;
using Microsoft.AspNetCore.Routing.Patterns;

namespace SiteFinder.LocalHost;

/// <summary>
/// Checks that every HTTP function is reachable in Azure: its route passes the host's start-up rules,
/// and a request built from its own template and methods reaches that very function under the
/// host's name-ordered, first-match routing. A function another one shadows (an unconstrained
/// "sites/{id}" sorting before "sites/nearby") fails here instead of answering the wrong thing in Azure.
/// </summary>
public static class RouteConformance
{
    /// <summary>What routing needs outside a web application: ASP.NET Core's default constraints (length, int...) and loggers.</summary>
    private static readonly ServiceProvider Services = new ServiceCollection().AddLogging().AddRouting().BuildServiceProvider();

    public static IInlineConstraintResolver ConstraintResolver => Services.GetRequiredService<IInlineConstraintResolver>();
    /// <summary>Every problem found, one line each naming the function; empty when all functions are reachable.</summary>
    public static async Task<IReadOnlyList<string>> CheckAsync(IReadOnlyList<FunctionDefinition> functions, string routePrefix)
    {
        ArgumentNullException.ThrowIfNull(functions);
        var (accepted, refused) = HostRouteRules.Validate(functions);
        var problems = refused.ToList();

        // Functions in error are not mapped in Azure, so they neither answer nor shadow others.
        var router = new FunctionRouter(accepted, routePrefix, ConstraintResolver, (_, _) => Task.CompletedTask);
        foreach (var function in accepted)
        {
            if (SamplePath(HostRouteRules.RouteOf(function), out var unsupported) is not { } path)
            {
                problems.Add($"{function.Name}: the check cannot build a request for constraint '{unsupported}'; use length, minlength, maxlength, int, long, alpha or guid");
                continue;
            }

            var url = "/" + string.Join('/', new[] { routePrefix, path }.Where(s => !string.IsNullOrEmpty(s)));
            foreach (var method in function.Methods.Count > 0 ? function.Methods : ["GET"])
            {
                var reached = await router.FunctionForAsync(Request(method, url));
                if (!string.Equals(reached, function.Name, StringComparison.Ordinal))
                    problems.Add($"{function.Name}: {method} {url} reaches {reached ?? "no function"} in the Functions host's route order");
            }
        }

        return problems;
    }

    /// <summary>A path that the template matches: literals as written, each parameter a value its constraints accept.</summary>
    public static string? SamplePath(string template, out string? unsupported)
    {
        unsupported = null;
        var segments = new List<string>();
        foreach (var segment in RoutePatternFactory.Parse(template).PathSegments)
        {
            var text = new System.Text.StringBuilder();
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal:
                        text.Append(literal.Content);
                        break;
                    case RoutePatternSeparatorPart separator:
                        text.Append(separator.Content);
                        break;
                    case RoutePatternParameterPart parameter:
                        if (SampleValue(parameter, out unsupported) is not { } value)
                            return null;
                        text.Append(value);
                        break;
                }
            }

            segments.Add(text.ToString());
        }

        return string.Join('/', segments);
    }

    private static string? SampleValue(RoutePatternParameterPart parameter, out string? unsupported)
    {
        unsupported = null;
        var value = "x";
        foreach (var policy in parameter.ParameterPolicies.Select(p => p.Content ?? string.Empty))
        {
            var open = policy.IndexOf('(', StringComparison.Ordinal);
            var name = open < 0 ? policy : policy[..open];
            value = name switch
            {
                "length" or "minlength" => new string('0', FirstArgument(policy, open)),
                "maxlength" => "0",
                "int" or "long" => "1",
                "alpha" => "a",
                "guid" => Guid.Empty.ToString(),
                _ => null,
            };
            if (value is null)
            {
                unsupported = policy;
                return null;
            }
        }

        return value;
    }

    /// <summary>The first number in "length(16)" or "length(4,8)".</summary>
    private static int FirstArgument(string policy, int open) =>
        int.Parse(policy[(open + 1)..^1].Split(',')[0], CultureInfo.InvariantCulture);

    /// <summary>A request with no body or connection, enough for routing to match.</summary>
    public static DefaultHttpContext Request(string method, string path)
    {
        var context = new DefaultHttpContext { RequestServices = Services };
        context.Request.Method = method;
        context.Request.Path = path;
        return context;
    }
}
