using Microsoft.AspNetCore.Mvc;

namespace SiteFinder.Functions.Http;

/// <summary>RFC 9457 problem responses. Validation problems name every bad field in "errors"; 503s carry Retry-After.</summary>
public static class Problems
{
    /// <summary>Seconds a client should wait after a storage 503: a blip usually passes in that time, and a retry storm is spread out.</summary>
    public const int RetryAfterSeconds = 5;

    private const string ContentType = "application/problem+json; charset=utf-8";

    public static JsonResult Validation(IReadOnlyDictionary<string, string[]> errors)
    {
        var detail = string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"));
        return Result(400, "https://sitefinder.example/problems/invalid-request", "The request has invalid fields.", detail, new() { ["errors"] = errors });
    }

    public static JsonResult Field(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static JsonResult NotFound(string detail) =>
        Result(404, "https://sitefinder.example/problems/not-found", "Not found.", detail);

    public static IActionResult CatalogueUnavailable() =>
        new RetryAfterResult(Result(503, "https://sitefinder.example/problems/catalogue-unavailable", "The site catalogue is not loaded yet.", "Storage could not be read since this instance started; try again in a few seconds."), RetryAfterSeconds);

    /// <summary>Storage failed during this request (<paramref name="reason"/> is a <see cref="Storage.StorageErrors"/> kind).</summary>
    public static IActionResult StorageUnavailable(string reason) =>
        new RetryAfterResult(
            Result(503, "https://sitefinder.example/problems/storage-unavailable", "Storage is unavailable.", $"Storage could not be used ({reason}); try again in a few seconds.", new() { ["reason"] = reason }),
            RetryAfterSeconds);

    /// <summary>The admin key setting is present but unusable (an unresolved Key Vault reference): the service's fault, not the caller's.</summary>
    public static IActionResult AdminKeyUnavailable(string setting) =>
        new RetryAfterResult(
            Result(503, "https://sitefinder.example/problems/admin-key-unavailable", "Admin endpoints are not available yet.", $"{setting} could not be resolved from Key Vault; try again later."),
            60); // App Service resolves references again on its own schedule, not within seconds.

    public static JsonResult Unauthorized(string detail) =>
        Result(401, "https://sitefinder.example/problems/unauthorized", "Authentication required.", detail);

    public static JsonResult Forbidden(string detail) =>
        Result(403, "https://sitefinder.example/problems/forbidden", "Not allowed for this site.", detail);

    /// <summary>An edit without If-Match: it could overwrite a change its author has not seen.</summary>
    public static JsonResult PreconditionRequired(string detail) =>
        Result(428, "https://sitefinder.example/problems/precondition-required", "If-Match is required.", detail);

    /// <summary>The version in If-Match is not the current one: nothing was written; the current version comes with the answer.</summary>
    public static IActionResult PreconditionFailed(string currentVersion, object current) =>
        new ETagResult(
            Result(412, "https://sitefinder.example/problems/version-changed", "The site changed since you read it.", "Nothing was written. Review the current version (in \"current\" and ETag) and send your change again with its ETag.", new() { ["currentVersion"] = currentVersion, ["current"] = current }),
            currentVersion);

    /// <summary>A limit was reached; the client may try again after <paramref name="retryAfter"/>.</summary>
    public static IActionResult TooManyRequests(string detail, TimeSpan retryAfter) =>
        new RetryAfterResult(
            Result(429, "https://sitefinder.example/problems/too-many-requests", "Too many requests.", detail, new() { ["retryAfterSeconds"] = (int)Math.Ceiling(retryAfter.TotalSeconds) }),
            (int)Math.Ceiling(retryAfter.TotalSeconds));

    /// <summary>The request cannot be applied to the resource as it is now (a correction already decided).</summary>
    public static JsonResult Conflict(string detail) =>
        Result(409, "https://sitefinder.example/problems/conflict", "The request conflicts with the current state.", detail);
    /// <summary>
    /// A district operator's key used beyond its scope: another district's sites, or what only the
    /// city key may do. "district" is the key's district, "sites" the refused site ids when several.
    /// </summary>
    /// <summary>A site of another district than the operator's key covers.</summary>
    public static JsonResult OutOfDistrict(Domain.Operators.OperatorIdentity who, string district)
    {
        ArgumentNullException.ThrowIfNull(who);
        return OutsideScope($"The site is in {(district.Length == 0 ? "no district" : district)}; the key '{who.Name}' manages {who.District} only.", who.District ?? string.Empty);
    }

    public static JsonResult OutsideScope(string detail, string district, IReadOnlyList<string>? sites = null)
    {
        var extensions = new Dictionary<string, object> { ["district"] = district };
        if (sites is not null)
            extensions["sites"] = sites;
        return Result(403, "https://sitefinder.example/problems/outside-scope", "Not allowed with this operator key.", detail, extensions);
    }

    /// <summary>No source knew the place (and, when <paramref name="degraded"/> is given, Azure Maps could not be asked).</summary>
    public static JsonResult PlaceNotFound(string address, string? degraded)
    {
        var extensions = new Dictionary<string, object> { ["errors"] = new Dictionary<string, string[]> { ["address"] = ["no place found for this text"] } };
        if (degraded is not null)
        {
            extensions["degraded"] = true;
            extensions["reason"] = degraded;
        }

        return Result(404, "https://sitefinder.example/problems/place-not-found", "No place found.", $"Neither the catalogue, the gazetteer nor Azure Maps knows '{address}'" + (degraded is null ? "." : $" (Azure Maps could not be asked: {degraded})."), extensions);
    }

    public static JsonResult TooLarge(string field, long limit) =>
        Result(413, "https://sitefinder.example/problems/too-large", "The request body is too large.", $"{field}: at most {limit} bytes", new() { ["errors"] = new Dictionary<string, string[]> { [field] = [$"at most {limit} bytes"] } });

    private static JsonResult Result(int status, string type, string title, string detail, Dictionary<string, object>? extensions = null)
    {
        var body = new Dictionary<string, object>
        {
            ["type"] = type,
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
        };
        foreach (var (key, value) in extensions ?? [])
            body[key] = value;
        return new JsonResult(body, ApiJson.Options) { StatusCode = status, ContentType = ContentType };
    }
}
