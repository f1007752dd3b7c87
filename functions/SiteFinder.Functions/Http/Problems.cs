using Microsoft.AspNetCore.Mvc;

namespace SiteFinder.Functions.Http;

/// <summary>RFC 9457 problem responses. Validation problems name every bad field in "errors"; 503s carry Retry-After.</summary>
public static class Problems
{
    /// <summary>Seconds a client should wait after a storage 503: a blip usually passes in that time, and a retry storm is spread out.</summary>
    public const int RetryAfterSeconds = 5;

    private const string ContentType = "application/problem+json; charset=utf-8";

    // Every kind of problem this API answers, in one table: the answers, the pages at /api/problems/{name}
    // and the OpenAPI document all read it, so a new kind cannot lack its page or its place in the contract.
    private static readonly ProblemType InvalidRequestType = new("invalid-request", 400, "The request has invalid fields.",
        "A query parameter, route value or body field is missing, malformed or out of range. \"errors\" maps each bad field to what is wrong with it; correct those fields and send the request again.");

    private static readonly ProblemType UnauthorizedType = new("unauthorized", 401, "Authentication required.",
        "The endpoint needs a key or token that was not sent or is not valid: the admin or operator key in x-admin-key, or a site's staff token in x-staff-token. Send a valid one.");

    private static readonly ProblemType ForbiddenType = new("forbidden", 403, "Not allowed for this site.",
        "The credential is valid but does not cover this site (a staff token of another site, for example).");

    private static readonly ProblemType OutsideScopeType = new("outside-scope", 403, "Not allowed with this operator key.",
        "A district operator's key was used beyond its district, or for what only the city key may do. \"district\" is the key's district, \"sites\" the refused site ids when several.");

    private static readonly ProblemType NotFoundType = new("not-found", 404, "Not found.",
        "No resource has this id (a site, a correction, a token or a key). Ids are case-sensitive; a site removed from the catalogue is not found.");

    private static readonly ProblemType PlaceNotFoundType = new("place-not-found", 404, "No place found.",
        "Neither the catalogue, the gazetteer nor Azure Maps knows the address text. When Azure Maps could not be asked, \"degraded\" is true and \"reason\" says why; try a shorter or more usual name.");

    private static readonly ProblemType NoEndpointType = new("no-endpoint", 404, "No endpoint at this path.",
        "No operation of this API answers at this path, whatever the method. Check the path against /api/openapi.json (paths are under /api/, ids have fixed lengths).");

    private static readonly ProblemType MethodNotAllowedType = new("method-not-allowed", 405, "Method not allowed.",
        "An operation answers at this path, but not with this method. The Allow header (and \"allow\") lists the methods that do.");

    private static readonly ProblemType ConflictType = new("conflict", 409, "The request conflicts with the current state.",
        "The request cannot be applied to the resource as it is now, for example a correction that was already accepted or rejected. Read the resource again before deciding what to do.");

    private static readonly ProblemType VersionChangedType = new("version-changed", 412, "The site changed since you read it.",
        "The version in If-Match is not the current one, so nothing was written. The current version is in \"current\" and the ETag header; review it and send the change again with that ETag.");

    private static readonly ProblemType TooLargeType = new("too-large", 413, "The request body is too large.",
        "The body is over the limit of this endpoint; \"errors\" names the field and the limit in bytes. Split the upload or send a smaller file.");

    private static readonly ProblemType UnsupportedMediaTypeType = new("unsupported-media-type", 415, "The body is not in a format this endpoint reads.",
        "The Content-Type names a format or charset the endpoint does not read: JSON endpoints read application/json in UTF-8 (RFC 8259). \"errors\" names the header; send the body as the endpoint describes it in /api/openapi.json.");

    private static readonly ProblemType UriTooLongType = new("uri-too-long", 414, "The URL is too long.",
        "The path and query together are over the limit (\"limit\", in bytes). No operation takes a URL that long; send fewer or shorter parameters.");

    private static readonly ProblemType PreconditionRequiredType = new("precondition-required", 428, "If-Match is required.",
        "An edit must say which version it changes, so that it cannot overwrite a change its author has not seen. Read the resource, then send its ETag in If-Match.");

    private static readonly ProblemType TooManyRequestsType = new("too-many-requests", 429, "Too many requests.",
        "A limit per client was reached. Wait for the seconds given in Retry-After (also in \"retryAfterSeconds\") before trying again.");

    private static readonly ProblemType CatalogueUnavailableType = new("catalogue-unavailable", 503, "The site catalogue is not loaded yet.",
        "This instance has not been able to read the site catalogue from storage since it started. Try again after the seconds given in Retry-After.");

    private static readonly ProblemType StorageUnavailableType = new("storage-unavailable", 503, "Storage is unavailable.",
        "Storage failed or timed out during this request; \"reason\" says how. Nothing is known to be written unless the endpoint says so; try again after Retry-After.");

    private static readonly ProblemType AdminKeyUnavailableType = new("admin-key-unavailable", 503, "Admin endpoints are not available yet.",
        "The admin key setting is a Key Vault reference that the platform has not resolved: the service's fault, not the caller's. Try again after Retry-After.");

    /// <summary>Every problem type, in order of status; names are unique.</summary>
    public static IReadOnlyList<ProblemType> Types { get; } =
    [
        InvalidRequestType, UnauthorizedType, ForbiddenType, OutsideScopeType, NotFoundType, PlaceNotFoundType, NoEndpointType,
        MethodNotAllowedType, ConflictType, VersionChangedType, TooLargeType, UriTooLongType, UnsupportedMediaTypeType, PreconditionRequiredType, TooManyRequestsType, CatalogueUnavailableType,
        StorageUnavailableType, AdminKeyUnavailableType,
    ];

    /// <summary>The type with this name, or null.</summary>
    public static ProblemType? Find(string name) => Types.FirstOrDefault(t => t.Name == name);

    public static JsonResult Validation(IReadOnlyDictionary<string, string[]> errors)
    {
        var detail = string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"));
        return Result(InvalidRequestType, detail, new() { ["errors"] = errors });
    }

    public static JsonResult Field(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static JsonResult NotFound(string detail) =>
        Result(NotFoundType, detail);

    public static IActionResult CatalogueUnavailable() =>
        new RetryAfterResult(Result(CatalogueUnavailableType, "Storage could not be read since this instance started; try again in a few seconds."), RetryAfterSeconds);

    /// <summary>Storage failed during this request (<paramref name="reason"/> is a <see cref="Storage.StorageErrors"/> kind).</summary>
    public static IActionResult StorageUnavailable(string reason) =>
        new RetryAfterResult(
            Result(StorageUnavailableType, $"Storage could not be used ({reason}); try again in a few seconds.", new() { ["reason"] = reason }),
            RetryAfterSeconds);

    /// <summary>The admin key setting is present but unusable (an unresolved Key Vault reference): the service's fault, not the caller's.</summary>
    public static IActionResult AdminKeyUnavailable(string setting) =>
        new RetryAfterResult(
            Result(AdminKeyUnavailableType, $"{setting} could not be resolved from Key Vault; try again later."),
            60); // App Service resolves references again on its own schedule, not within seconds.

    public static JsonResult Unauthorized(string detail) =>
        Result(UnauthorizedType, detail);

    public static JsonResult Forbidden(string detail) =>
        Result(ForbiddenType, detail);

    /// <summary>An edit without If-Match: it could overwrite a change its author has not seen.</summary>
    public static JsonResult PreconditionRequired(string detail) =>
        Result(PreconditionRequiredType, detail);

    /// <summary>The version in If-Match is not the current one: nothing was written; the current version comes with the answer.</summary>
    public static IActionResult PreconditionFailed(string currentVersion, object current) =>
        new ETagResult(
            Result(VersionChangedType, "Nothing was written. Review the current version (in \"current\" and ETag) and send your change again with its ETag.", new() { ["currentVersion"] = currentVersion, ["current"] = current }),
            currentVersion);

    /// <summary>A limit was reached; the client may try again after <paramref name="retryAfter"/>.</summary>
    public static IActionResult TooManyRequests(string detail, TimeSpan retryAfter) =>
        new RetryAfterResult(
            Result(TooManyRequestsType, detail, new() { ["retryAfterSeconds"] = (int)Math.Ceiling(retryAfter.TotalSeconds) }),
            (int)Math.Ceiling(retryAfter.TotalSeconds));

    /// <summary>The request cannot be applied to the resource as it is now (a correction already decided).</summary>
    public static JsonResult Conflict(string detail) =>
        Result(ConflictType, detail);
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
        return Result(OutsideScopeType, detail, extensions);
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

        return Result(PlaceNotFoundType, $"Neither the catalogue, the gazetteer nor Azure Maps knows '{address}'" + (degraded is null ? "." : $" (Azure Maps could not be asked: {degraded})."), extensions);
    }

    /// <summary>No function's route matches the path (answered by UnmatchedRouteApi in both hosts, and by the local host outside /api/).</summary>
    public static JsonResult NoEndpoint(string path) =>
        Result(NoEndpointType, $"Nothing answers at {path}.");

    /// <summary>A function's route matches the path, but not with this method; <paramref name="allowed"/> are the methods that do.</summary>
    public static JsonResult MethodNotAllowed(string method, IReadOnlyList<string> allowed) =>
        Result(MethodNotAllowedType, $"{method} is not answered here; use {string.Join(", ", allowed)}.", new() { ["allow"] = allowed });

    public static JsonResult UnsupportedMediaType(string detail) =>
        Result(UnsupportedMediaTypeType, $"Content-Type: {detail}", new() { ["errors"] = new Dictionary<string, string[]> { ["Content-Type"] = [detail] } });

    public static JsonResult UriTooLong(int limit) =>
        Result(UriTooLongType, $"The path and query are over {limit} bytes.", new() { ["limit"] = limit });

    public static JsonResult TooLarge(string field, long limit) =>
        Result(TooLargeType, $"{field}: at most {limit} bytes", new() { ["errors"] = new Dictionary<string, string[]> { [field] = [$"at most {limit} bytes"] } });

    private static JsonResult Result(ProblemType kind, string detail, Dictionary<string, object>? extensions = null)
    {
        var body = new Dictionary<string, object>
        {
            ["type"] = kind.Uri,
            ["code"] = kind.Name,
            ["title"] = kind.Title,
            ["status"] = kind.Status,
            ["detail"] = detail,
        };
        foreach (var (key, value) in extensions ?? [])
            body[key] = value;
        return new JsonResult(body, ApiJson.Options) { StatusCode = kind.Status, ContentType = ContentType };
    }
}
