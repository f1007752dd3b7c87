using SiteFinder.Functions.Http;

namespace SiteFinder.Functions.Corrections;

/// <summary>
/// How often anonymous residents may send corrections, per client address and per site, on this
/// instance (limits are in memory: with n instances a client could send up to n times as many,
/// which still bounds a flood; the moderation queue groups what gets through).
/// </summary>
public sealed class CorrectionLimits : IDisposable
{
    /// <summary>A resident reports a handful of sites on a bad day, not dozens in ten minutes.</summary>
    public const int PerClient = 5;

    /// <summary>Many residents may find one site closed at once; more than this in ten minutes adds nothing to the queue.</summary>
    public const int PerSite = 30;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private readonly PerKeyLimit _clients = new(PerClient, Window);
    private readonly PerKeyLimit _sites = new(PerSite, Window);

    /// <summary>
    /// Null when the correction may go on, else how long to wait. The client's permit is taken first:
    /// a client over its own limit then spends none of the site's, so one flooding client cannot use
    /// up a site's allowance; a correction refused by the site's limit still counts for its client.
    /// </summary>
    public TimeSpan? Refusal(string client, string siteId) => _clients.Refusal(client) ?? _sites.Refusal(siteId);

    public void Dispose()
    {
        _clients.Dispose();
        _sites.Dispose();
    }
}
