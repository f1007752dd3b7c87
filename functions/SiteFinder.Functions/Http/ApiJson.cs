using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.AspNetCore.Mvc;

namespace SiteFinder.Functions.Http;

/// <summary>
/// One JSON shape for every answer, whichever host runs the functions: camelCase, enums as
/// camelCase strings, nulls left out, no indentation, Chinese text written as is (not \u-escaped).
/// </summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static JsonResult Ok(object value) => new(value, Options) { StatusCode = 200, ContentType = "application/json; charset=utf-8" };

    public static JsonResult Created(object value) => new(value, Options) { StatusCode = 201, ContentType = "application/json; charset=utf-8" };

    /// <summary>A 503 whose body is data, not a problem (the readiness report, which reads the same either way).</summary>
    public static JsonResult Unavailable(object value) => new(value, Options) { StatusCode = 503, ContentType = "application/json; charset=utf-8" };
}
