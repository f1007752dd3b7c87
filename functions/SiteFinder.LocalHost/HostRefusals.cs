using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using SiteFinder.Functions.Http;

namespace SiteFinder.LocalHost;

/// <summary>
/// The refusals a request meets before any function runs, answered as RFC 9457 problems with a
/// <c>code</c> like every other 4xx of the API: a URL over <see cref="MaxUriBytes"/> (414), a header
/// value with a control character (400), no route for the path (404) or none for the method (405, with
/// Allow), and a missing or wrong function key (401).
/// <para>
/// Kestrel would answer the first two itself, with an empty body, before the app sees the request. So
/// the local host raises Kestrel's request-line limit above ours and decodes header values with an
/// encoding of its own (<see cref="HeaderEncoding"/>), which hands over bytes that are not UTF-8 instead
/// of refusing them, and this class refuses them instead. A NUL in a header line or a %00 in the path
/// is still refused by Kestrel's parser with an empty 400: no app code runs before it. On Azure these
/// requests are answered by the platform, bare (README, "What Azure answers before the app").
/// </para>
/// </summary>
public static class HostRefusals
{
    /// <summary>Kestrel's own default request-line limit (8 KB): the same bound, but answered as a problem.</summary>
    public const int MaxUriBytes = 8 * 1024;

    /// <summary>
    /// UTF-8 with replacement characters: a new instance, not Kestrel's default, so that Kestrel hands
    /// every header value over (its default decoder throws on NUL and on bad UTF-8 and answers a bare 400).
    /// </summary>
    public static Encoding HeaderEncoding { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>Lets the requests this class refuses through Kestrel (the limit is checked here instead).</summary>
    public static void Configure(KestrelServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Limits.MaxRequestLineSize = 4 * MaxUriBytes;
        options.RequestHeaderEncodingSelector = _ => HeaderEncoding;
    }

    /// <summary>The refusal of a request line or header, before routing; null when the request may go on.</summary>
    public static IActionResult? BeforeRouting(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path + context.Request.QueryString;
        if (Encoding.UTF8.GetByteCount(target) > MaxUriBytes)
            return Problems.UriTooLong(MaxUriBytes);

        foreach (var (name, values) in context.Request.Headers)
        {
            foreach (var value in values)
            {
                // RFC 9110 5.5: no NUL, CR, LF or other controls in a field value (tab is allowed); U+FFFD is
                // what the decoder left of bytes that were not UTF-8, which Kestrel's own decoder refuses too.
                if (value is not null && value.Any(c => (char.IsControl(c) && c != '\t') || c == '\uFFFD'))
                    return Problems.Field(name, "a header value may not hold control characters or bytes that are not UTF-8");
            }
        }

        return null;
    }

    /// <summary>
    /// No function matched: a path outside the route prefix, since ZzzUnmatchedRoute (UnmatchedRouteApi)
    /// takes every path and method under it and answers 404 or 405 itself, here as in Azure.
    /// </summary>
    public static IActionResult NoMatch(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Problems.NoEndpoint(context.Request.Path.ToString());
    }

    /// <summary>What the host answers to a Function-level route without the right key (Azure: an empty 401 of its own).</summary>
    public static IActionResult WrongFunctionKey() =>
        Problems.Unauthorized($"{FunctionKeys.Header} or ?{FunctionKeys.QueryParameter}=: a function key is required for this endpoint");

    public static Task WriteAsync(HttpContext context, IActionResult result)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(result);
        return result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
    }
}
