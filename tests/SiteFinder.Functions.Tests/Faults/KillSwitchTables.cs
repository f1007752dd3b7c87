using Azure;
using Azure.Core;
using Azure.Data.Tables;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Faults;

/// <summary>
/// The app's table service on a test's own Azurite, with a switch that SIGKILLs that Azurite at a
/// chosen transaction on one table: the kill lands at a known point of an import or an edit (before
/// the transaction is sent, or after it was answered) instead of wherever a timer happens to fire.
/// Retry and timeout options are the app's (see SiteFinderServiceCollectionExtensions).
/// <para>
/// Before it kills, the switch waits for Azurite to save (it writes its database every 5 s, so a
/// SIGKILL loses the writes of the last seconds, answered or not; Table Storage loses none): what
/// storage answered before the kill is then kept, as it would be in Azure. Meanwhile the table's other
/// transactions wait and then meet the dead storage, so the kill stays in the middle of the work.
/// </para>
/// </summary>
public sealed class KillSwitchTables(AzuriteProcess storage, string table) : TableServiceClient(storage.ConnectionString, Options())
{
    private int _armedAt = int.MaxValue;
    private bool _afterAnswer;
    private int _transactions;
    private TaskCompletionSource? _killing;

    /// <summary>Transactions on the table seen since the switch was last armed.</summary>
    public int Transactions => Volatile.Read(ref _transactions);

    /// <summary>Kills storage at the <paramref name="transaction"/>th transaction from now (1 = the next): before it is sent, or once it was answered.</summary>
    public void Arm(int transaction, bool afterAnswer)
    {
        _afterAnswer = afterAnswer;
        Volatile.Write(ref _killing, null);
        Volatile.Write(ref _transactions, 0);
        Volatile.Write(ref _armedAt, transaction);
    }

    public void Disarm() => Volatile.Write(ref _armedAt, int.MaxValue);

    public override TableClient GetTableClient(string tableName) =>
        tableName == table ? new Switched(this, storage.ConnectionString, tableName) : base.GetTableClient(tableName);

    private static TableClientOptions Options()
    {
        var options = new TableClientOptions();
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(3);
        return options;
    }

    /// <summary>True when this call is the armed one: the switch then disarms itself, so that one kill happens.</summary>
    private bool Fires()
    {
        var count = Interlocked.Increment(ref _transactions);
        if (count != Volatile.Read(ref _armedAt))
            return false;
        Disarm();
        Volatile.Write(ref _killing, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return true;
    }

    private sealed class Switched(KillSwitchTables owner, string connectionString, string tableName) : TableClient(connectionString, tableName, Options())
    {
        public override async Task<Response<IReadOnlyList<Response>>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> transactionActions, CancellationToken cancellationToken = default)
        {
            var fires = owner.Fires();
            if (!fires && Volatile.Read(ref owner._killing) is { } killing)
                await killing.Task;
            if (fires && !owner._afterAnswer)
                await owner.KillStorageAsync();
            var response = await base.SubmitTransactionAsync(transactionActions, cancellationToken);
            if (fires && owner._afterAnswer)
                await owner.KillStorageAsync();
            return response;
        }
    }

    private async Task KillStorageAsync()
    {
        await Task.Delay(AzuriteProcess.PersistInterval + TimeSpan.FromSeconds(1));
        storage.Kill();
        Volatile.Read(ref _killing)?.TrySetResult();
    }
}
