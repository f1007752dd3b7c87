using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SiteFinder.Domain.Operators;
using SiteFinder.Functions.Configuration;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Http;

/// <summary>
/// The operator endpoints need the function key (auth level Function, checked by the Functions host)
/// and, in the x-admin-key header, either the city key or an operator key the city issued.
/// <para>
/// The city key (ADMIN_API_KEY) is compared in constant time and read at each request through
/// IOptionsMonitor, which follows configuration reloads, rather than once at start: it is rotated in
/// Key Vault, and while it is unset or an unresolved reference each request that is not made with an
/// operator key is refused on its own (see <see cref="AdminKeySettings"/>).
/// </para>
/// <para>
/// An operator key ("keyId.secret") is checked against <see cref="IOperatorKeyStore"/>, so operator
/// keys keep working while the city key is unset or unresolved: they do not depend on it.
/// </para>
/// </summary>
public sealed partial class OperatorAccess(IOptionsMonitor<AdminKeySettings> settings, IOperatorKeyStore keys, ClientLimits limits, ILogger<OperatorAccess> logger)
{
    public const string Header = "x-admin-key";

    /// <summary>
    /// What App Service leaves in a setting whose Key Vault reference it could not resolve (vault
    /// access not granted yet, secret missing): the reference itself, as text. It is not a key.
    /// </summary>
    private const string UnresolvedKeyVaultReference = "@Microsoft.KeyVault(";

    /// <summary>
    /// The opening of every operator endpoint: who is calling, and the request's query to read. Authorization
    /// comes first, so that a caller without a key learns nothing about the parameters; the handler reads what
    /// it needs and ends with <see cref="QueryParameters.Refusal"/>, which refuses every other name.
    /// </summary>
    public async Task<(OperatorAuthorization Auth, QueryParameters Query)> AdmitAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (await AuthorizeAsync(request, cancellationToken), new QueryParameters(request.Query));
    }

    /// <summary>Who is calling (the city or a district operator), or the problem to answer with.</summary>
    public async Task<OperatorAuthorization> AuthorizeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var expected = settings.CurrentValue.AdminApiKey;
        var unresolved = expected?.StartsWith(UnresolvedKeyVaultReference, StringComparison.OrdinalIgnoreCase) ?? false;
        var given = request.Headers[Header].ToString();

        // An address that sent too many wrong keys this minute is refused before any comparison, the right key too.
        if (limits.AuthenticationRefusal(request) is { } throttled)
            return OperatorAuthorization.Refused(throttled);

        // The city key first: it needs no storage, and it may happen to have an operator key's shape.
        if (!string.IsNullOrEmpty(expected) && !unresolved && !string.IsNullOrEmpty(given) && CryptographicOperations.FixedTimeEquals(
                SHA256.HashData(Encoding.UTF8.GetBytes(given)),
                SHA256.HashData(Encoding.UTF8.GetBytes(expected))))
        {
            return OperatorAuthorization.Allowed(OperatorIdentity.City);
        }

        if (OperatorKeys.TryParse(given, out _, out _))
        {
            if (await keys.VerifyAsync(given, cancellationToken) is { } key)
                return OperatorAuthorization.Allowed(new OperatorIdentity(key.Name, key.District, key.KeyId));
            limits.AuthenticationFailed(request);
            return OperatorAuthorization.Refused(Problems.Unauthorized($"{Header}: unknown or revoked key"));
        }

        if (string.IsNullOrEmpty(expected))
            return OperatorAuthorization.Refused(Problems.Unauthorized($"{AppSettingNames.AdminApiKey} is not configured, so admin endpoints are closed."));
        if (unresolved)
        {
            // The operators' problem, not the caller's: a 503 to retry later, and a log line naming the setting (never its value).
            LogUnresolvedReference(AppSettingNames.AdminApiKey);
            return OperatorAuthorization.Refused(Problems.AdminKeyUnavailable(AppSettingNames.AdminApiKey));
        }

        if (string.IsNullOrEmpty(given))
            return OperatorAuthorization.Refused(Problems.Unauthorized($"{Header}: header required"));
        limits.AuthenticationFailed(request);
        return OperatorAuthorization.Refused(Problems.Unauthorized($"{Header}: wrong key"));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "App setting {Setting} holds an unresolved Key Vault reference; admin endpoints answer 503 to the city key until it resolves (check the app's Key Vault access and the secret)")]
    private partial void LogUnresolvedReference(string setting);
}
