using SiteFinder.Functions.Http;

namespace SiteFinder.Functions.Places;

/// <summary>
/// How many place queries (geocode, nearby by address) one client address may send a minute on this
/// instance. A query no local source knows costs an Azure Maps call: without a limit, random texts
/// from one client would run up the bill and trip the breaker that every resident then meets.
/// </summary>
public sealed class PlaceLimits : IDisposable
{
    /// <summary>A resident types a few places a minute; a client typing ahead sends more, not this many.</summary>
    public const int PerClientPerMinute = 30;

    private readonly PerKeyLimit _clients = new(PerClientPerMinute, TimeSpan.FromMinutes(1));

    /// <summary>Null when the query may go on, else how long to wait.</summary>
    public TimeSpan? Refusal(string client) => _clients.Refusal(client);

    public void Dispose() => _clients.Dispose();
}
