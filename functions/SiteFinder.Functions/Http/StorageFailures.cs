using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Http;

/// <summary>
/// A storage outage met during a request answers a 503 problem with Retry-After instead of an empty
/// 500, once the SDK's bounded retries are spent (see SiteFinderServiceCollectionExtensions). Functions
/// stay free of try/catch: on the Functions host <see cref="StorageFailureMiddleware"/> calls this,
/// on the repository's local host its function invoker does.
/// </summary>
public sealed partial class StorageFailures(ILogger<StorageFailures> logger)
{
    /// <summary>
    /// True when the exception was an outage and the problem was written; false when the caller must
    /// rethrow: another failure, the caller's own cancellation, or an answer already under way
    /// (a half-sent body cannot be turned into a problem).
    /// </summary>
    public async Task<bool> TryHandleAsync(HttpContext context, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(exception);
        if (StorageErrors.UnavailableKind(exception, context.RequestAborted) is not { } kind || context.Response.HasStarted)
            return false;

        LogUnavailable(exception, context.Request.Method, context.Request.Path, kind);
        context.Response.Clear();
        await Problems.StorageUnavailable(kind).ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path}: storage unavailable ({Kind}); answered 503")]
    private partial void LogUnavailable(Exception e, string method, PathString path, string kind);
}
