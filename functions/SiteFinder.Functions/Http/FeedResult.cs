using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using SiteFinder.Functions.OpenData;

namespace SiteFinder.Functions.Http;

/// <summary>
/// The feed's answer: 304 when the client has it (If-None-Match), else its bytes in the encoding the
/// client asked for, already compressed (Content-Encoding set, so response compression leaves it alone).
/// </summary>
public sealed class FeedResult(FeedDocument feed) : IActionResult
{
    public const string ContentType = "application/geo+json; charset=utf-8";

    /// <summary>Statuses are aggregated every minute; a cache may keep the feed that long and no longer.</summary>
    public const string CacheControl = "public, max-age=60";

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.HttpContext.Request;
        var response = context.HttpContext.Response;
        response.Headers.ETag = feed.ETag;
        response.Headers.CacheControl = CacheControl;
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        if (Matches(request.GetTypedHeaders().IfNoneMatch, feed.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        var (encoding, body) = Choose(request.GetTypedHeaders().AcceptEncoding);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        if (encoding is not null)
            response.Headers.ContentEncoding = encoding;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.HttpContext.RequestAborted);
    }

    /// <summary>Weak comparison (RFC 9110 §13.1.2): the tag, W/ or not, or *.</summary>
    private static bool Matches(IList<EntityTagHeaderValue> tags, string etag)
    {
        var ours = EntityTagHeaderValue.Parse(etag);
        return tags.Any(t => t.Compare(EntityTagHeaderValue.Any, useStrongComparison: true) || t.Compare(ours, useStrongComparison: false));
    }

    /// <summary>Brotli when accepted (the smallest), else gzip, else the bytes as they are; q=0 refuses an encoding.</summary>
    private (string? Encoding, byte[] Body) Choose(IList<StringWithQualityHeaderValue> accepted)
    {
        bool Accepts(string name) => accepted.Any(a => (a.Value.Equals(name, StringComparison.OrdinalIgnoreCase) || a.Value == "*") && a.Quality is not 0);
        if (Accepts("br"))
            return ("br", feed.Brotli);
        if (Accepts("gzip"))
            return ("gzip", feed.Gzip);
        return (null, feed.Raw);
    }
}
