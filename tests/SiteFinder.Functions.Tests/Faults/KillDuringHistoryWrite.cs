using SiteFinder.Domain.Status;
using SiteFinder.Functions.Storage;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Faults;

/// <summary>
/// The app's history store, which SIGKILLs storage when an armed aggregation run comes to write its
/// hours: after the run claimed its minute and read its reports, before it publishes anything. It
/// first waits for Azurite to save, so that the claim survives the kill as it would in Table Storage.
/// </summary>
public sealed class KillDuringHistoryWrite(IStatusHistoryStore inner, AzuriteProcess storage) : IStatusHistoryStore
{
    private int _armed;

    public void Arm() => Volatile.Write(ref _armed, 1);

    public async Task WriteHoursAsync(IReadOnlyList<HourTally> tallies, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _armed, 0) == 1)
        {
            await Task.Delay(AzuriteProcess.PersistInterval + TimeSpan.FromSeconds(1), cancellationToken);
            storage.Kill();
        }

        await inner.WriteHoursAsync(tallies, cancellationToken);
    }

    public Task<bool> TryClaimRunAsync(DateTimeOffset minute, CancellationToken cancellationToken) => inner.TryClaimRunAsync(minute, cancellationToken);

    public Task<IReadOnlyList<HourTally>> ReadHoursAsync(string siteId, DateOnly fromDate, DateOnly toDate, CancellationToken cancellationToken) =>
        inner.ReadHoursAsync(siteId, fromDate, toDate, cancellationToken);

    public Task DeleteBeforeAsync(DateOnly date, DateTimeOffset claimsBefore, CancellationToken cancellationToken) =>
        inner.DeleteBeforeAsync(date, claimsBefore, cancellationToken);
}
