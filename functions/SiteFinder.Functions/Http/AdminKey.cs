using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using SiteFinder.Functions.Configuration;

namespace SiteFinder.Functions.Http;

/// <summary>
/// The admin endpoints need the function key (auth level Function, checked by the Functions host)
/// and this app-checked key in the x-admin-key header, compared in constant time.
/// </summary>
public sealed class AdminKey(IConfiguration configuration)
{
    public const string Header = "x-admin-key";

    /// <summary>Null when the request may go on; otherwise the problem to answer with.</summary>
    public IActionResult? Refusal(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var expected = configuration[AppSettingNames.AdminApiKey];
        if (string.IsNullOrEmpty(expected))
            return Problems.Unauthorized($"{AppSettingNames.AdminApiKey} is not configured, so admin endpoints are closed.");

        var given = request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(given))
            return Problems.Unauthorized($"{Header}: header required");

        var equal = CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(given)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
        return equal ? null : Problems.Unauthorized($"{Header}: wrong key");
    }
}
