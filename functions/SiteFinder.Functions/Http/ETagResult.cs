using Microsoft.AspNetCore.Mvc;

namespace SiteFinder.Functions.Http;

/// <summary>An answer with the version of what it shows in ETag, for the client's next If-Match.</summary>
public sealed class ETagResult(IActionResult inner, string version) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.HttpContext.Response.Headers.ETag = version;
        return inner.ExecuteResultAsync(context);
    }
}
