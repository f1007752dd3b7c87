using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace SiteFinder.Functions.Http;

/// <summary>An answer (a 503 problem) with a Retry-After header, so that clients and proxies wait before trying again.</summary>
public sealed class RetryAfterResult(IActionResult inner, int seconds) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return inner.ExecuteResultAsync(context);
    }
}
