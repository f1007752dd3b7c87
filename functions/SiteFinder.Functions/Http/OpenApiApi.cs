using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace SiteFinder.Functions.Http;

/// <summary>Serves the OpenAPI document built once per process (<see cref="OpenApiContract"/>); a client holding the current copy gets 304.</summary>
public sealed class OpenApiApi
{
    [Function("OpenApiDocument")]
    public IActionResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var etag = OpenApiContract.ETag;
        request.HttpContext.Response.Headers.CacheControl = "public, max-age=300";
        // If-None-Match compares weakly (RFC 9110 13.1.2): a W/ copy of the tag a proxy passed on matches too.
        if (request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Select(t => t.Trim()).Any(t => t == "*" || t == etag || t == "W/" + etag)))
            return new ETagResult(new StatusCodeResult(StatusCodes.Status304NotModified), etag);

        return new ETagResult(new Utf8JsonResult(OpenApiContract.Json), etag);
    }
}
