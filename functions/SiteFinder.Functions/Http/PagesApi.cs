using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace SiteFinder.Functions.Http;

/// <summary>
/// The resident page (/api/app/resident/) and the operator console (/api/app/console/), served from
/// <see cref="PageFiles"/>. Its own literal first segment, "app", is one no API route starts with, so under
/// the host's name-ordered routing it shadows nothing and nothing shadows it.
/// </summary>
public sealed class PagesApi(PageFiles pages)
{
    /// <summary>Where /api/app itself leads: the page most people want.</summary>
    public const string Home = "resident/";

    /// <summary>
    /// Scripts, styles, images and requests from this origin only: a page that cannot be made to load
    /// anything from elsewhere (and a test that can tell when it tries). Maps are drawn by the page itself.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private const string Prefix = "/api/app";

    [Function("AppPages")]
    public IActionResult Get(
        // Unconstrained: a constrained catch-all does not match an empty rest ("/api/app"), and "app" first keeps it to its own paths.
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "app/{*path}")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);

        // The query is ignored: links shared in WeChat come back with ?from=singlemessage and the like.
        var path = request.Path.Value is { } full && full.Length > Prefix.Length ? full[(Prefix.Length + 1)..] : string.Empty;
        if (path.Length == 0)
            return new RedirectResult(Prefix + "/" + Home, permanent: false);
        if (pages.IsFolder(path.TrimEnd('/')) && !path.EndsWith('/'))
            return new RedirectResult(Prefix + "/" + path + "/", permanent: true);

        var file = pages.Find(path.EndsWith('/') ? path + "index.html" : path);
        if (file is null)
            return Problems.NotFound($"No page at {request.Path}.");

        var headers = request.HttpContext.Response.Headers;
        headers.ETag = file.ETag;
        // No hashed file names without a build step: the browser keeps a copy but asks each time (a 304 is a few bytes).
        headers.CacheControl = "no-cache";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        if (request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(tag => tag.Trim() == file.ETag || tag.Trim() == "*")))
            return new StatusCodeResult(StatusCodes.Status304NotModified);

        return new FileContentResult(file.Content, file.ContentType);
    }
}
