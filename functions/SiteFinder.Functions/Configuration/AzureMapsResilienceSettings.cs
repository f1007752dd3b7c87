namespace SiteFinder.Functions.Configuration;

/// <summary>
/// The Azure Maps client's timeouts, retries and circuit breaker (the "AzureMaps:Resilience" section).
/// The defaults are the production numbers and say why; tests set small ones to run fast.
/// Geocode is a resident's request, waiting; a batch is an import, which an operator waits for less eagerly.
/// </summary>
public sealed class AzureMapsResilienceSettings
{
    /// <summary>
    /// One GET /geocode attempt: 2 s. Azure Maps typically answers in a few hundred ms; one that takes
    /// longer is better retried once than waited for, and the resident still gets an answer within
    /// <see cref="TotalTimeout"/> from the catalogue and gazetteer when Maps does not help.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>All attempts and waits of one GET: 5 s, about 2 attempts and a back-off, the most a resident's lookup should add.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// One POST /geocode:batch attempt: 30 s. A batch of 100 queries is computed synchronously, and
    /// the service itself gives up with a 408 at 60 s (search.json, "Submit Synchronous Batch Request").
    /// </summary>
    public TimeSpan BatchAttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>All attempts and waits of one batch: 75 s, so that an import of 250 rows (3 calls) fails within a few minutes at worst.</summary>
    public TimeSpan BatchTotalTimeout { get; set; } = TimeSpan.FromSeconds(75);

    /// <summary>Retries after the first attempt: 2. Transient errors (5xx, 408, 429, connection failures, attempt timeouts) usually pass within two tries; more would only feed a throttled service.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>First back-off: 0.5 s, doubled each retry with jitter, so that instances that failed together do not retry together.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The longest Retry-After (429/503) the client waits out: 3 s. Azure Maps asks for about a second
    /// when a QPS limit is hit; a longer ask is answered "throttled" at once, since the resident will
    /// not wait for it and waiting would only pile up calls.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The breaker opens when at least half the attempts failed...</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>...of at least 10 in the sampling window: a couple of failures in a quiet hour do not cut Maps off.</summary>
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>The window the failure ratio is measured over: 30 s.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the open breaker answers "circuit open" without calling: 30 s. It spares residents
    /// a 5 s wait on a Maps outage and gives a throttled account room; then one trial call decides.
    /// </summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The bounds Polly accepts (it would refuse the pipeline at its first call otherwise), checked at start.</summary>
    public IEnumerable<string> Problems(string prefix)
    {
        var timeouts = new (string Name, TimeSpan Value)[]
        {
            (nameof(AttemptTimeout), AttemptTimeout), (nameof(TotalTimeout), TotalTimeout),
            (nameof(BatchAttemptTimeout), BatchAttemptTimeout), (nameof(BatchTotalTimeout), BatchTotalTimeout),
        };
        foreach (var (name, value) in timeouts)
        {
            if (value < TimeSpan.FromMilliseconds(10) || value > TimeSpan.FromMinutes(10))
                yield return SettingsValidation.MustBe(prefix + name, "a duration from 00:00:00.010 to 00:10:00", value);
        }

        if (MaxRetries is < 1 or > 10)
            yield return SettingsValidation.MustBe(prefix + nameof(MaxRetries), "a whole number from 1 to 10", MaxRetries);
        if (RetryDelay < TimeSpan.Zero || RetryDelay > TimeSpan.FromMinutes(1))
            yield return SettingsValidation.MustBe(prefix + nameof(RetryDelay), "a duration from 0 to 00:01:00", RetryDelay);
        if (MaxRetryAfter < TimeSpan.Zero || MaxRetryAfter > TimeSpan.FromMinutes(5))
            yield return SettingsValidation.MustBe(prefix + nameof(MaxRetryAfter), "a duration from 0 to 00:05:00", MaxRetryAfter);
        if (!(FailureRatio > 0 && FailureRatio <= 1))
            yield return SettingsValidation.MustBe(prefix + nameof(FailureRatio), "a ratio above 0 and at most 1", FailureRatio);
        if (MinimumThroughput < 2)
            yield return SettingsValidation.MustBe(prefix + nameof(MinimumThroughput), "a whole number ≥ 2", MinimumThroughput);
        if (SamplingDuration < TimeSpan.FromMilliseconds(500) || SamplingDuration > TimeSpan.FromDays(1))
            yield return SettingsValidation.MustBe(prefix + nameof(SamplingDuration), "a duration from 00:00:00.500 to 1.00:00:00", SamplingDuration);
        if (BreakDuration < TimeSpan.FromMilliseconds(500) || BreakDuration > TimeSpan.FromDays(1))
            yield return SettingsValidation.MustBe(prefix + nameof(BreakDuration), "a duration from 00:00:00.500 to 1.00:00:00", BreakDuration);
    }
}
