using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace SiteFinder.Functions.Http;

/// <summary>On the Functions host: every HTTP function runs in its lane of <see cref="ServingLanes"/>; timers take none.</summary>
public sealed class ServingLaneMiddleware(ServingLanes lanes) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }

        using var lease = await lanes.EnterAsync(http);
        if (lease is not null)
            await next(context);
    }
}
