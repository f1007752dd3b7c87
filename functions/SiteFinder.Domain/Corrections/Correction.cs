using SiteFinder.Domain.Geo;

namespace SiteFinder.Domain.Corrections;

/// <summary>What a resident says is wrong with a site.</summary>
public enum CorrectionKind
{
    Closed,
    WrongLocation,
    WrongHours,
    LongQueue,
    NotPublic,
    Other,
}

public enum CorrectionState
{
    Pending,
    Accepted,
    Rejected,
}

/// <summary>The kinds by the names the API uses (kebab-case, as residents' clients send them).</summary>
public static class CorrectionKinds
{
    private static readonly Dictionary<string, CorrectionKind> ByLabel = new(StringComparer.Ordinal)
    {
        ["closed"] = CorrectionKind.Closed,
        ["wrong-location"] = CorrectionKind.WrongLocation,
        ["wrong-hours"] = CorrectionKind.WrongHours,
        ["long-queue"] = CorrectionKind.LongQueue,
        ["not-public"] = CorrectionKind.NotPublic,
        ["other"] = CorrectionKind.Other,
    };

    public static IReadOnlyCollection<string> Labels => ByLabel.Keys;

    public static bool TryParse(string? label, out CorrectionKind kind) => ByLabel.TryGetValue(label?.Trim().ToLowerInvariant() ?? string.Empty, out kind);

    public static string ToLabel(this CorrectionKind kind) => ByLabel.First(p => p.Value == kind).Key;
}

/// <summary>
/// A resident's correction of one site, as received, and the operator's decision on it. The client
/// is kept only as a pseudonym (a hash of its address and the day), enough to tell independent
/// residents apart and never enough to name one.
/// </summary>
public sealed record Correction
{
    public required string Id { get; init; }
    public required string SiteId { get; init; }
    public required string District { get; init; }
    public required CorrectionKind Kind { get; init; }
    public string? Text { get; init; }
    public LabelledPoint? Location { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public required string Client { get; init; }
    public CorrectionState State { get; init; } = CorrectionState.Pending;
    public DateTimeOffset? DecidedAt { get; init; }
    public string? DecidedBy { get; init; }
    public string? Decision { get; init; }

    /// <summary>The stored version this was read at (null before it is stored): a decision is written only over the version it was made on.</summary>
    public string? Version { get; init; }
}

/// <summary>The pending corrections of one site and kind, which an operator decides together.</summary>
public sealed record CorrectionGroup(string SiteId, string District, CorrectionKind Kind, int Count, int Clients, DateTimeOffset First, DateTimeOffset Latest, IReadOnlyList<Correction> Items);
