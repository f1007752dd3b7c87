using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using SiteFinder.Functions.Configuration;

namespace SiteFinder.Functions.Geocoding;

/// <summary>
/// The Azure Maps client's pipeline, outermost first: total timeout, retry, circuit breaker, attempt
/// timeout (the order of the standard handler, so that the breaker counts every attempt and a timed
/// out attempt is retried). The numbers, and why, are in <see cref="AzureMapsResilienceSettings"/>.
/// Batches, marked with <see cref="IsBatch"/>, get their own, longer timeouts.
/// </summary>
public static class AzureMapsResilience
{
    public const string PipelineName = "azure-maps";

    public static readonly HttpRequestOptionsKey<bool> IsBatch = new("SiteFinder.AzureMaps.IsBatch");

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, AzureMapsResilienceSettings settings, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(clock);

        builder.AddTimeout(new HttpTimeoutStrategyOptions
        {
            Name = "total",
            TimeoutGenerator = args => ValueTask.FromResult(Batch(args.Context) ? settings.BatchTotalTimeout : settings.TotalTimeout),
        });

        builder.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = settings.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = settings.RetryDelay,

            // Transient: connection failures, attempt timeouts, 408, 429 and 5xx. Not when the service
            // asks for a longer pause than we wait: then the caller hears "throttled" at once.
            ShouldHandle = args => ValueTask.FromResult(
                HttpClientResiliencePredicates.IsTransient(args.Outcome)
                && !(RetryAfter(args.Outcome.Result, clock) > settings.MaxRetryAfter)),

            // Retry-After (429 and 503) is honoured as given; without it, the jittered exponential back-off.
            ShouldRetryAfterHeader = false,
            DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, clock)),
        });

        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = settings.FailureRatio,
            MinimumThroughput = settings.MinimumThroughput,
            SamplingDuration = settings.SamplingDuration,
            BreakDuration = settings.BreakDuration,
        });

        builder.AddTimeout(new HttpTimeoutStrategyOptions
        {
            Name = "attempt",
            TimeoutGenerator = args => ValueTask.FromResult(Batch(args.Context) ? settings.BatchAttemptTimeout : settings.AttemptTimeout),
        });
    }

    /// <summary>The pause a 429 or 503 asks for (seconds or a date), or null for none.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (response is not { StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable } || response.Headers.RetryAfter is not { } header)
            return null;
        var delay = header.Delta ?? (header.Date is { } date ? date - clock.GetUtcNow() : null);
        return delay is { } d ? (d < TimeSpan.Zero ? TimeSpan.Zero : d) : null;
    }

    private static bool Batch(ResilienceContext context) =>
        context.GetRequestMessage() is { } request && request.Options.TryGetValue(IsBatch, out var batch) && batch;
}
