namespace SiteFinder.Domain.Operators;

/// <summary>
/// Who is making an operator request: the city (the one key set in app settings, every district)
/// or a named district operator whose key the city issued. Audit entries name them by <see cref="Name"/>.
/// </summary>
public sealed record OperatorIdentity(string Name, string? District, string? KeyId)
{
    /// <summary>The holder of the city key (ADMIN_API_KEY): may act in every district and issue operator keys.</summary>
    public static OperatorIdentity City { get; } = new("city", null, null);

    public bool IsCity => District is null;

    /// <summary>An operator may manage the sites of their own district only; the city manages all.</summary>
    public bool MayManage(string siteDistrict) =>
        District is null || string.Equals(District, siteDistrict, StringComparison.Ordinal);
}
