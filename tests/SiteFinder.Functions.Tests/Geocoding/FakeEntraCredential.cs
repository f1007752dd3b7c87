using Azure.Core;
using Azure.Identity;

namespace SiteFinder.Functions.Tests.Geocoding;

/// <summary>
/// Stands in for the managed identity (no Entra ID here): issues "fake-token-N" for the Azure Maps
/// scope only, valid for an hour, and tells the stub which tokens it issued. Can be told to fail as
/// ManagedIdentityCredential does when the identity endpoint gives no token.
/// </summary>
public sealed class FakeEntraCredential(AzureMapsStub stub) : TokenCredential
{
    private int _issued;

    public int Issued => Volatile.Read(ref _issued);

    public bool Fail { get; set; }

    public IReadOnlyList<string> LastScopes { get; private set; } = [];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        LastScopes = requestContext.Scopes;
        if (Fail)
            throw new CredentialUnavailableException("ManagedIdentityCredential authentication unavailable (fake).");
        if (requestContext.Scopes is not ["https://atlas.microsoft.com/.default"])
            throw new AuthenticationFailedException("The fake issues tokens for Azure Maps only.");
        var token = $"fake-token-{Interlocked.Increment(ref _issued)}";
        stub.ValidTokens[token] = true;
        return ValueTask.FromResult(new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1)));
    }
}
