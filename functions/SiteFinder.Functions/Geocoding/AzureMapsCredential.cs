using Azure.Core;
using Azure.Identity;
using SiteFinder.Functions.Configuration;

namespace SiteFinder.Functions.Geocoding;

/// <summary>
/// The Entra ID token for Azure Maps, one per process: a singleton, because the HTTP handlers that use
/// it are rebuilt every few minutes by the client factory. The token is reused until five minutes
/// before it expires (or until the refresh time the credential names), so a call normally waits for
/// no token request. Tests hand in a fake <see cref="TokenCredential"/>.
/// </summary>
public sealed class AzureMapsCredential(TokenCredential credential, TimeProvider clock)
{
    /// <summary>The scope Azure Maps' data plane accepts (search.json, securityDefinitions.AADToken).</summary>
    public static readonly string[] Scopes = ["https://atlas.microsoft.com/.default"];

    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private AccessToken? _token;

    /// <summary>The managed identity in Azure (the user-assigned one when its client ID is set), a developer's own login otherwise.</summary>
    public static TokenCredential FromSettings(AzureMapsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.UsesManagedIdentity)
            return new DefaultAzureCredential();
        return string.IsNullOrWhiteSpace(settings.ManagedIdentityClientId)
            ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(settings.ManagedIdentityClientId.Trim()));
    }

    /// <summary>A valid bearer token. Throws the credential's AuthenticationFailedException when none can be had.</summary>
    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (Fresh(_token) is { } ready)
            return ready;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(_token) is { } other)
                return other;
            var token = await credential.GetTokenAsync(new TokenRequestContext(Scopes), cancellationToken);
            _token = token;
            return token.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    private string? Fresh(AccessToken? token)
    {
        if (token is not { } t)
            return null;
        var refreshAt = t.RefreshOn ?? t.ExpiresOn - RefreshMargin;
        return clock.GetUtcNow() < refreshAt ? t.Token : null;
    }
}
