using Microsoft.AspNetCore.Routing.Constraints;
using Microsoft.Azure.WebJobs.Extensions.Http;

namespace SiteFinder.LocalHost;

/// <summary>
/// HTTP routing as the Azure Functions host does it, with the host's own router (WebJobsRouter from
/// Microsoft.Azure.WebJobs.Extensions.Http) rather than a copy of its rules: functions are mapped in
/// the order of their names (ordinal, ignoring case, as FunctionMetadataManager sorts them), each
/// template with its inline constraints and an HTTP method constraint, and the first route that
/// matches wins. There is no literal-over-parameter precedence: "sites/{id}" of GetSite takes
/// "sites/nearby" from NearbySites unless its parameter is constrained (azure-functions-host #9876).
/// </summary>
public sealed class FunctionRouter
{
    private readonly WebJobsRouter _router;

    /// <param name="functions">Every function of the app; only HTTP ones are mapped.</param>
    /// <param name="routePrefix">host.json's extensions.http.routePrefix.</param>
    /// <param name="constraintResolver">ASP.NET Core's inline constraint resolver (length, int, regex...), as the host uses.</param>
    /// <param name="handler">Runs the matched function.</param>
    public FunctionRouter(IEnumerable<FunctionDefinition> functions, string routePrefix, IInlineConstraintResolver constraintResolver, Func<HttpContext, string, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(functions);
        _router = new WebJobsRouter(constraintResolver);
        var builder = _router.CreateBuilder(new Handler(handler), routePrefix);
        foreach (var function in functions.Where(f => f.IsHttp).OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase))
        {
            var constraints = new RouteValueDictionary();
            if (function.Methods.Count > 0)
                constraints.Add("httpMethod", new HttpMethodRouteConstraint([.. function.Methods]));
            builder.MapFunctionRoute(function.Name, HostRouteRules.RouteOf(function), constraints, function.Name);
        }

        _router.AddFunctionRoutes(builder.Count > 0 ? builder.Build() : null, proxyRoutes: null);
    }

    /// <summary>
    /// Finds the function for the request and, when one matches, records the route values where
    /// <c>GetRouteData()</c> finds them. Returns the request delegate to run, or null (the host answers 404).
    /// </summary>
    public async Task<RequestDelegate?> MatchAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var routeContext = new RouteContext(context);
        await _router.RouteAsync(routeContext);
        if (routeContext.Handler is null)
            return null;

        context.Features.Set<IRoutingFeature>(new RoutingFeature { RouteData = routeContext.RouteData });
        return routeContext.Handler;
    }

    /// <summary>The name of the function a request reaches, or null: what the conformance check asks.</summary>
    public async Task<string?> FunctionForAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await MatchAsync(context) is null
            ? null
            : context.GetRouteData().DataTokens[HttpExtensionConstants.FunctionNameRouteTokenKey] as string;
    }

    private sealed class Handler(Func<HttpContext, string, Task> invoke) : IWebJobsRouteHandler
    {
        public Task InvokeAsync(HttpContext context, string functionName) => invoke(context, functionName);
    }
}
