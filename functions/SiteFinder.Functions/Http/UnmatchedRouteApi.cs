using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace SiteFinder.Functions.Http;

/// <summary>
/// What answers a request no other function takes: a 404 <c>no-endpoint</c> problem, or a 405
/// <c>method-not-allowed</c> with Allow when a route takes the path with another method. Without it the
/// Functions host answers both with an empty 404 of its own. It relies on the host trying routes in the
/// order of function names (ordinal, ignoring case) and taking the first match: its name sorts after
/// every other, which a test holds, so it never shadows a route.
/// </summary>
public sealed class UnmatchedRouteApi(RouteTable routes)
{
    public const string Name = "ZzzUnmatchedRoute";

    /// <summary>Every method the API uses and the ones a client may probe with; the host maps a function only for the methods it lists.</summary>
    private const string Get = "get", Head = "head", Post = "post", Put = "put", Patch = "patch", Delete = "delete", Options = "options", Trace = "trace";

    [Function(Name)]
    public IActionResult Answer(
        [HttpTrigger(AuthorizationLevel.Anonymous, Get, Head, Post, Put, Patch, Delete, Options, Trace, Route = "{*path}")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var allowed = routes.MethodsAt(request.Path);
        if (allowed.Count == 0)
            return Problems.NoEndpoint(request.Path.ToString());

        request.HttpContext.Response.Headers.Allow = string.Join(", ", allowed);
        return Problems.MethodNotAllowed(request.Method, allowed);
    }
}
