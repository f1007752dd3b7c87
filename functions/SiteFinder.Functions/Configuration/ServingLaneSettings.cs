using Microsoft.Extensions.Configuration;

namespace SiteFinder.Functions.Configuration;

/// <summary>
/// How many requests each lane of <see cref="Http.ServingLanes"/> runs at once and how many wait.
/// Reads are CPU-bound and answered from memory (about 60 µs each), so one per core keeps the cores
/// busy; the rest wait in the lane's queue instead of the thread pool's, where staff reports' storage
/// continuations would otherwise queue behind them. Unset, reads run 1 per core: on 2 cores that gave
/// more reads a second and far shorter report latencies than 2 per core or no limit (BENCHMARKS.md).
/// </summary>
public sealed class ServingLaneSettings
{
    public const int DefaultReadQueue = 2000;
    public const int DefaultWriteConcurrency = 64;
    public const int DefaultWriteQueue = 2000;

    /// <summary>READ_CONCURRENCY: anonymous reads in progress at once on an instance (default 1 per core).</summary>
    [ConfigurationKeyName(AppSettingNames.ReadConcurrency)]
    public int? ReadConcurrency { get; set; }

    /// <summary>READ_QUEUE: anonymous reads that may wait for their turn; beyond, 429 with Retry-After.</summary>
    [ConfigurationKeyName(AppSettingNames.ReadQueue)]
    public int ReadQueue { get; set; } = DefaultReadQueue;

    /// <summary>WRITE_CONCURRENCY: writes (and operator requests) in progress at once. They mostly wait on storage, so many may run.</summary>
    [ConfigurationKeyName(AppSettingNames.WriteConcurrency)]
    public int WriteConcurrency { get; set; } = DefaultWriteConcurrency;

    /// <summary>WRITE_QUEUE: writes that may wait for their turn; beyond, 429 with Retry-After.</summary>
    [ConfigurationKeyName(AppSettingNames.WriteQueue)]
    public int WriteQueue { get; set; } = DefaultWriteQueue;

    public int Reads => ReadConcurrency ?? Environment.ProcessorCount;

    public IEnumerable<string> Problems()
    {
        if (ReadConcurrency is < 1 or > 10_000)
            yield return SettingsValidation.MustBe(AppSettingNames.ReadConcurrency, "a whole number from 1 to 10000", ReadConcurrency);
        if (ReadQueue is < 0 or > 100_000)
            yield return SettingsValidation.MustBe(AppSettingNames.ReadQueue, "a whole number from 0 to 100000", ReadQueue);
        if (WriteConcurrency is < 1 or > 10_000)
            yield return SettingsValidation.MustBe(AppSettingNames.WriteConcurrency, "a whole number from 1 to 10000", WriteConcurrency);
        if (WriteQueue is < 0 or > 100_000)
            yield return SettingsValidation.MustBe(AppSettingNames.WriteQueue, "a whole number from 0 to 100000", WriteQueue);
    }
}
