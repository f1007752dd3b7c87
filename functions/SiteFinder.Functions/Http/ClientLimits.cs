using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SiteFinder.Functions.Configuration;

namespace SiteFinder.Functions.Http;

/// <summary>
/// Per-client limits of one instance, by <see cref="ClientAddress"/>, each a fixed minute
/// (<see cref="ClientLimitSettings"/>), answered 429 with Retry-After:
/// <list type="bullet">
/// <item>anonymous reads: checked before the function runs, through <see cref="ReadLimitMiddleware"/>
/// on the Functions host and the local host's function invoker (one core, two hooks, as for storage failures);</item>
/// <item>failed authentication (a wrong admin or operator key, a wrong staff token): each counts, and once an
/// address has spent its failures for the minute every key it sends is refused, the right one too, so that
/// a key cannot be guessed at the speed of the network. <see cref="OperatorAccess"/> and the staff report
/// endpoint ask <see cref="AuthenticationRefusal"/> before they compare and call <see cref="AuthenticationFailed"/> after.</item>
/// </list>
/// </summary>
public sealed class ClientLimits : IDisposable
{
    private readonly PerKeyLimit _reads;
    private readonly PerKeyLimit _failures;

    public ClientLimits(IOptions<ClientLimitSettings> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _reads = new PerKeyLimit(settings.Value.AnonymousReadsPerMinute, TimeSpan.FromMinutes(1));
        _failures = new PerKeyLimit(settings.Value.FailedAuthPerMinute, TimeSpan.FromMinutes(1));
    }

    /// <summary>
    /// A read anyone may make: GET or HEAD outside /api/manage/ (every operator endpoint is under it,
    /// which a test holds to). Health probes are not limited: the platform's probe must never see a 429.
    /// </summary>
    public static bool IsAnonymousRead(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) &&
               !request.Path.StartsWithSegments("/api/manage", StringComparison.OrdinalIgnoreCase) &&
               !request.Path.StartsWithSegments("/api/health", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The 429 for an anonymous read over the limit (it counts when it is not), or null.</summary>
    public IActionResult? ReadRefusal(HttpRequest request)
    {
        if (!IsAnonymousRead(request) || _reads.Refusal(ClientAddress.Of(request)) is not { } wait)
            return null;
        return Problems.TooManyRequests("Too many requests from this address; try again later.", wait);
    }

    /// <summary>What both hooks run before a function: true when the read was refused and the 429 written.</summary>
    public async Task<bool> TryRefuseReadAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (ReadRefusal(context.Request) is not { } refusal)
            return false;
        await refusal.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
        return true;
    }

    /// <summary>The 429 while this address has spent its failed authentications for the minute, or null. Takes nothing.</summary>
    public IActionResult? AuthenticationRefusal(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _failures.Exhausted(ClientAddress.Of(request)) is { } wait
            ? Problems.TooManyRequests("Too many wrong keys or tokens from this address; every key is refused until Retry-After.", wait)
            : null;
    }

    /// <summary>Counts a wrong key or token sent from the request's address.</summary>
    public void AuthenticationFailed(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        _failures.Refusal(ClientAddress.Of(request));
    }

    public void Dispose()
    {
        _reads.Dispose();
        _failures.Dispose();
    }
}
