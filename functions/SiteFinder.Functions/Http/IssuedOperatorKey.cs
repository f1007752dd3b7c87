namespace SiteFinder.Functions.Http;

/// <summary>An operator key as issued (201): the only answer that shows <see cref="Key"/>, which is stored only as a hash.</summary>
public sealed record IssuedOperatorKey(string KeyId, string Name, string District, DateTimeOffset IssuedAt, string Key);
