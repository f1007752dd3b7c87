using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace SiteFinder.Functions.Http;

/// <summary>
/// The app's HTTP routes, matched as the Functions host matches them (ASP.NET Core route templates with
/// their inline constraints), for <see cref="UnmatchedRouteApi"/> to tell "no such path" (404) from "not
/// with this method" (405): by the time it runs, no route took the request with its method.
/// </summary>
public sealed class RouteTable
{
    /// <summary>The order Allow lists methods in, whatever order the routes come in.</summary>
    private static readonly string[] MethodOrder = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"];

    private readonly IReadOnlyList<Route> _routes;

    public RouteTable(IInlineConstraintResolver constraints)
    {
        ArgumentNullException.ThrowIfNull(constraints);
        _routes = [.. OpenApiContract.HttpFunctions()
            .Where(f => f.Name != UnmatchedRouteApi.Name)
            .Select(f => Route.Of(f, constraints))];
    }

    /// <summary>The methods some function answers at <paramref name="path"/> (as the request has it, with the /api prefix), in the usual order of Allow; empty when none does.</summary>
    public IReadOnlyList<string> MethodsAt(PathString path)
    {
        if (!path.StartsWithSegments(OpenApiContract.RoutePrefix.TrimEnd('/'), StringComparison.OrdinalIgnoreCase, out var rest))
            return [];
        var methods = _routes.Where(r => r.Matches(rest)).SelectMany(r => r.Methods).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. MethodOrder.Where(methods.Contains)];
    }

    private sealed record Route(TemplateMatcher Matcher, IReadOnlyList<(string Key, IRouteConstraint Constraint)> Constraints, IReadOnlyList<string> Methods)
    {
        public static Route Of(OpenApiContract.HttpFunction function, IInlineConstraintResolver resolver)
        {
            var template = TemplateParser.Parse(function.Route);
            var constraints = template.Parameters
                .SelectMany(p => p.InlineConstraints.Select(c => (p.Name!, resolver.ResolveConstraint(c.Constraint)
                    ?? throw new InvalidOperationException($"{function.Name}: route constraint '{c.Constraint}' is unknown"))))
                .ToArray();
            return new Route(new TemplateMatcher(template, new RouteValueDictionary()), constraints, function.Methods);
        }

        public bool Matches(PathString path)
        {
            var values = new RouteValueDictionary();
            return Matcher.TryMatch(path, values)
                && Constraints.All(c => c.Constraint.Match(httpContext: null, route: null, c.Key, values, RouteDirection.IncomingRequest));
        }
    }
}
