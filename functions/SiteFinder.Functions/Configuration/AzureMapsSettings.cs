using System.Net;
using SiteFinder.Functions.Geocoding;

namespace SiteFinder.Functions.Configuration;

/// <summary>
/// The "AzureMaps" section. In Azure, infra/app/function-app.bicep sets endpoint, clientId (the
/// account's uniqueId, sent as x-ms-client-id), credential=managedidentity and managedIdentityClientId;
/// the app then asks Entra ID for a token. Locally nothing is set and the geocoder answers "not
/// configured" without calling out; a developer with a key of their own may set endpoint and
/// subscriptionKey instead (the deployed account has local authentication off, so a key works only
/// against an account of one's own).
/// </summary>
public sealed class AzureMapsSettings
{
    public const string Section = "AzureMaps";

    /// <summary>Shanghai and its islands, west,south,east,north: where residents' queries are biased to.</summary>
    public const string ShanghaiBoundingBox = "120.85,30.66,122.2,31.89";

    public string? Endpoint { get; set; }

    public string? ClientId { get; set; }

    /// <summary>"managedidentity", or empty for DefaultAzureCredential (a developer's az login).</summary>
    public string? Credential { get; set; }

    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Local development only: sent as the subscription-key header instead of a token.</summary>
    public string? SubscriptionKey { get; set; }

    /// <summary>The city box queries are biased to when the caller gives no position of its own.</summary>
    public string BiasBoundingBox { get; set; } = ShanghaiBoundingBox;

    /// <summary>Candidates asked for per query (Azure Maps' top: 1 to 20, default 5).</summary>
    public int MaxCandidates { get; set; } = 5;

    /// <summary>
    /// How long a cached answer is used: 7 days. Places and their names change slowly, and every
    /// resident typing the same compound name costs one transaction a week at most. 0 turns the cache off.
    /// </summary>
    public int CacheTtlDays { get; set; } = 7;

    public AzureMapsResilienceSettings Resilience { get; set; } = new();

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint);

    public bool UsesSubscriptionKey => !string.IsNullOrWhiteSpace(SubscriptionKey);

    public bool UsesManagedIdentity => string.Equals(Credential?.Trim(), "managedidentity", StringComparison.OrdinalIgnoreCase);

    /// <summary>The endpoint with a trailing slash, so that relative paths ("geocode?...") are appended to it.</summary>
    public Uri BaseAddress => new(Endpoint!.Trim().TrimEnd('/') + "/");

    public IEnumerable<string> Problems()
    {
        const string Prefix = Section + "__";
        if (IsConfigured)
        {
            // Tokens and keys go only over TLS; plain http only to this machine (the tests' stub server).
            if (!Uri.TryCreate(Endpoint!.Trim(), UriKind.Absolute, out var uri)
                || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback || IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip)))))
                yield return SettingsValidation.MustBe(Prefix + "endpoint", "an https:// URL (http:// only to a loopback address)", Endpoint);
            if (!UsesSubscriptionKey && !Guid.TryParse(ClientId, out _))
                yield return SettingsValidation.MustBe(Prefix + "clientId", "the Azure Maps account's client ID (a GUID) when no subscription key is set", ClientId);
        }

        if (!string.IsNullOrWhiteSpace(Credential) && !UsesManagedIdentity)
            yield return SettingsValidation.MustBe(Prefix + "credential", "'managedidentity' or empty", Credential);
        if (!string.IsNullOrWhiteSpace(ManagedIdentityClientId) && !Guid.TryParse(ManagedIdentityClientId, out _))
            yield return SettingsValidation.MustBe(Prefix + "managedIdentityClientId", "a client ID (a GUID) or empty", ManagedIdentityClientId);
        if (!string.IsNullOrWhiteSpace(BiasBoundingBox) && GeocodeBounds.Parse(BiasBoundingBox) is null)
            yield return SettingsValidation.MustBe(Prefix + "biasBoundingBox", "west,south,east,north in degrees, west < east and south < north, or empty", BiasBoundingBox);
        if (MaxCandidates is < 1 or > 20)
            yield return SettingsValidation.MustBe(Prefix + "maxCandidates", "a whole number from 1 to 20", MaxCandidates);
        if (CacheTtlDays < 0)
            yield return SettingsValidation.MustBe(Prefix + "cacheTtlDays", "a whole number of days ≥ 0", CacheTtlDays);
        foreach (var problem in Resilience.Problems(Prefix + "Resilience__"))
            yield return problem;
    }
}
