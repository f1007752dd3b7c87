using Azure;
using Azure.Identity;

namespace SiteFinder.Functions.Storage;

/// <summary>
/// Tells "storage could not be used" (nothing wrong with the request; the same request may work in a
/// few seconds) from every other failure. The one place that decides it, for the 503 answers
/// (<see cref="Http.StorageFailures"/>) and for the readiness report.
/// </summary>
public static class StorageErrors
{
    public const string Unreachable = "unreachable";
    public const string Timeout = "timeout";
    public const string Throttled = "throttled";
    public const string ServerError = "server-error";
    public const string Forbidden = "forbidden";
    public const string Credential = "credential";

    /// <summary>
    /// The kind of outage, or null when the exception is something else: a bug, bad data, a 4xx
    /// the request caused, or the caller's own cancellation (<paramref name="callerToken"/> cancelled).
    /// </summary>
    public static string? UnavailableKind(Exception exception, CancellationToken callerToken)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            // The SDK's network timeout is a cancellation nobody asked for.
            OperationCanceledException => callerToken.IsCancellationRequested ? null : Timeout,
            AggregateException aggregate => OfAttempts(aggregate, callerToken),
            // Status 0: no answer at all (connection refused or reset, name not resolved).
            RequestFailedException { Status: 0 } => Unreachable,
            RequestFailedException { Status: 408 } => Timeout,
            RequestFailedException { Status: 429 } => Throttled,
            RequestFailedException { Status: >= 500 } => ServerError,
            // Right after a deployment the identity's role assignment may not have taken effect yet.
            RequestFailedException { Status: 403, ErrorCode: "AuthorizationPermissionMismatch" or "AuthorizationFailure" } => Forbidden,
            // The managed identity endpoint did not give a token (also CredentialUnavailableException).
            AuthenticationFailedException => Credential,
            _ => null,
        };
    }

    /// <summary>
    /// The SDK throws an AggregateException of every attempt once its retries are spent; it is an
    /// outage when every attempt was one. Inside it, transport errors appear unwrapped.
    /// </summary>
    private static string? OfAttempts(AggregateException aggregate, CancellationToken callerToken)
    {
        string? last = null;
        foreach (var attempt in aggregate.InnerExceptions)
        {
            last = attempt is IOException or HttpRequestException ? Unreachable : UnavailableKind(attempt, callerToken);
            if (last is null)
                return null;
        }

        return last;
    }
}
