using Microsoft.AspNetCore.Mvc;

namespace SiteFinder.Functions.Http;

/// <summary>RFC 9457 problem responses. Validation problems name every bad field in "errors".</summary>
public static class Problems
{
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

    public static JsonResult CatalogueUnavailable() =>
        Result(503, "https://sitefinder.example/problems/catalogue-unavailable", "The site catalogue is not loaded yet.", "Storage could not be read since this instance started; try again in a few seconds.");

    public static JsonResult Unauthorized(string detail) =>
        Result(401, "https://sitefinder.example/problems/unauthorized", "Authentication required.", detail);

    public static JsonResult Forbidden(string detail) =>
        Result(403, "https://sitefinder.example/problems/forbidden", "Not allowed for this site.", detail);

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
