namespace SiteFinder.Domain.Status;

/// <summary>
/// Who a status comes from, as answers show it. Demo is the demo feeder's (SEED_DEMO_DATA=true):
/// it reports through staff tokens like staff do, and its tokens are marked so that what it says is
/// never taken for a person's count.
/// </summary>
public enum StatusSource
{
    Staff,
    Residents,
    Operator,
    Demo,
}

/// <summary>The stored names of <see cref="StatusSource"/> (reports, tokens, the board keep text: older rows stay readable).</summary>
public static class StatusSources
{
    public const string Staff = "staff";
    public const string Residents = "residents";
    public const string Operator = "operator";
    public const string Demo = "demo";

    public static string NameOf(StatusSource source) => source switch
    {
        StatusSource.Staff => Staff,
        StatusSource.Residents => Residents,
        StatusSource.Operator => Operator,
        StatusSource.Demo => Demo,
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
    };

    /// <summary>The source a stored name stands for; null for a name this version does not know.</summary>
    public static StatusSource? Parse(string? name) => name switch
    {
        Staff => StatusSource.Staff,
        Residents => StatusSource.Residents,
        Operator => StatusSource.Operator,
        Demo => StatusSource.Demo,
        _ => null,
    };
}
