namespace SiteFinder.Functions.Http;

/// <summary>A staff token as issued (201): the only answer that shows <see cref="Token"/>, which is stored only as a hash.</summary>
public sealed record IssuedStaffToken(string SiteId, string TokenId, string Token, DateTimeOffset IssuedAt, bool Rotated);
