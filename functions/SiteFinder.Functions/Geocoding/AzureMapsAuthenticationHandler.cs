using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using SiteFinder.Functions.Configuration;

namespace SiteFinder.Functions.Geocoding;

/// <summary>
/// Signs each attempt (it sits inside the retry, so a retry after a token expired gets a new one).
/// With a subscription key (local development only) the key goes in the subscription-key header, as
/// search.json's securityDefinitions.AzureKey says ("in": "header"). Otherwise an Entra ID bearer token
/// for https://atlas.microsoft.com/.default plus x-ms-client-id, the Maps account's client ID, which
/// that spec requires with Entra tokens to name the account the call is for.
/// </summary>
public sealed class AzureMapsAuthenticationHandler(IOptions<AzureMapsSettings> settings, AzureMapsCredential credential) : DelegatingHandler
{
    public const string SubscriptionKeyHeader = "subscription-key";
    public const string ClientIdHeader = "x-ms-client-id";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var maps = settings.Value;
        request.Headers.Remove(SubscriptionKeyHeader);
        request.Headers.Remove(ClientIdHeader);
        if (maps.UsesSubscriptionKey)
        {
            request.Headers.TryAddWithoutValidation(SubscriptionKeyHeader, maps.SubscriptionKey!.Trim());
        }
        else
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await credential.GetTokenAsync(cancellationToken));
            request.Headers.TryAddWithoutValidation(ClientIdHeader, maps.ClientId!.Trim());
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
