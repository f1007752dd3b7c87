using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace SiteFinder.Functions.Http;

/// <summary>
/// On the Functions host: an anonymous read over its client's limit answers 429 before the function
/// runs (<see cref="ClientLimits"/>). The local host's function invoker makes the same call.
/// </summary>
public sealed class ReadLimitMiddleware(ClientLimits limits) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetHttpContext() is { } http && await limits.TryRefuseReadAsync(http))
            return;
        await next(context);
    }
}
