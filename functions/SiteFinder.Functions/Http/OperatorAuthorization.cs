using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Mvc;
using SiteFinder.Domain.Operators;

namespace SiteFinder.Functions.Http;

/// <summary>What <see cref="OperatorAccess"/> decided: who is calling, or the problem to answer with; and the checks of what they may do.</summary>
public sealed class OperatorAuthorization
{
    private OperatorAuthorization(OperatorIdentity? identity, IActionResult? refusal)
    {
        Identity = identity;
        Refusal = refusal;
    }

    public OperatorIdentity? Identity { get; }

    public IActionResult? Refusal { get; }

    [MemberNotNullWhen(true, nameof(Identity))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool IsAllowed => Identity is not null;

    public static OperatorAuthorization Allowed(OperatorIdentity identity) => new(identity ?? throw new ArgumentNullException(nameof(identity)), null);

    public static OperatorAuthorization Refused(IActionResult refusal) => new(null, refusal ?? throw new ArgumentNullException(nameof(refusal)));

    /// <summary>Null when the city key was given; the refusal, or a 403 for a district operator, otherwise.</summary>
    public IActionResult? RequireCity(string action)
    {
        if (!IsAllowed)
            return Refusal;
        return Identity.IsCity
            ? null
            : Problems.OutsideScope($"{action} needs the city key; this key is {Identity.Name}'s, for {Identity.District} only.", Identity.District!);
    }

    /// <summary>Null when the caller may manage a site of <paramref name="district"/>; the refusal, or a 403 naming both districts, otherwise.</summary>
    public IActionResult? RequireDistrict(string district, string what)
    {
        if (!IsAllowed)
            return Refusal;
        return Identity.MayManage(district)
            ? null
            : Problems.OutsideScope($"{what} is in {district}; this key manages {Identity.District} only.", Identity.District!);
    }
}
