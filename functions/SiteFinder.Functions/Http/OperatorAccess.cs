using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SiteFinder.Functions.Configuration;

namespace SiteFinder.Functions.Http;

/// <summary>
/// The admin endpoints need the function key (auth level Function, checked by the Functions host)
/// and this app-checked key in the x-admin-key header, compared in constant time. The key is read
/// at each request through IOptionsMonitor, which follows configuration reloads, rather than once
/// at start: it is rotated in Key Vault, and while it is unset or an unresolved reference each
/// admin request is refused on its own (see <see cref="AdminKeySettings"/>).
/// </summary>
public sealed partial class AdminKey(IOptionsMonitor<AdminKeySettings> settings, ILogger<AdminKey> logger)
{
    public const string Header = "x-admin-key";

    /// <summary>
    /// What App Service leaves in a setting whose Key Vault reference it could not resolve (vault
    /// access not granted yet, secret missing): the reference itself, as text. It is not a key.
    /// </summary>
    private const string UnresolvedKeyVaultReference = "@Microsoft.KeyVault(";

    /// <summary>Null when the request may go on; otherwise the problem to answer with.</summary>
    public IActionResult? Refusal(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var expected = settings.CurrentValue.AdminApiKey;
        if (string.IsNullOrEmpty(expected))
            return Problems.Unauthorized($"{AppSettingNames.AdminApiKey} is not configured, so admin endpoints are closed.");
        if (expected.StartsWith(UnresolvedKeyVaultReference, StringComparison.OrdinalIgnoreCase))
        {
            // The operators' problem, not the caller's: a 503 to retry later, and a log line naming the setting (never its value).
            LogUnresolvedReference(AppSettingNames.AdminApiKey);
            return Problems.AdminKeyUnavailable(AppSettingNames.AdminApiKey);
        }

        var given = request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(given))
            return Problems.Unauthorized($"{Header}: header required");

        var equal = CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(given)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
        return equal ? null : Problems.Unauthorized($"{Header}: wrong key");
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "App setting {Setting} holds an unresolved Key Vault reference; admin endpoints answer 503 until it resolves (check the app's Key Vault access and the secret)")]
    private partial void LogUnresolvedReference(string setting);
}
