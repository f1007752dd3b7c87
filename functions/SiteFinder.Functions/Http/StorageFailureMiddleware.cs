using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace SiteFinder.Functions.Http;

/// <summary>
/// On the Functions host: an HTTP function that meets a storage outage answers 503 through
/// <see cref="StorageFailures"/>. It runs inside the ASP.NET Core integration's middleware, so the
/// problem is written to the real response; anything else (other exceptions, timer functions) goes
/// on to the host, which logs the failure as before.
/// </summary>
public sealed class StorageFailureMiddleware(StorageFailures failures) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.CancellationToken.IsCancellationRequested && context.GetHttpContext() is { } http)
        {
            if (!await failures.TryHandleAsync(http, e))
                throw;
        }
    }
}
