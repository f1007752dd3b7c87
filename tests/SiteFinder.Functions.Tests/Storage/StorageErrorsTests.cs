using System.Net.Sockets;
using Azure;
using Azure.Identity;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Tests.Storage;

public sealed class StorageErrorsTests
{
    private static readonly RequestFailedException Refused = new(0, "Connection refused", null, new HttpRequestException("Connection refused", new SocketException(111)));

    public static TheoryData<Exception, string?> Cases => new()
    {
        { Refused, StorageErrors.Unreachable },
        { new RequestFailedException(503, "Server busy"), StorageErrors.ServerError },
        { new RequestFailedException(500, "Internal error"), StorageErrors.ServerError },
        { new RequestFailedException(429, "Too many requests"), StorageErrors.Throttled },
        { new RequestFailedException(408, "Timeout"), StorageErrors.Timeout },
        { new RequestFailedException(403, "No role yet", "AuthorizationPermissionMismatch", null), StorageErrors.Forbidden },
        { new AuthenticationFailedException("No token from the managed identity endpoint"), StorageErrors.Credential },
        { new CredentialUnavailableException("No managed identity endpoint"), StorageErrors.Credential },
        { new AggregateException("Retry failed after 3 tries.", Refused, Refused, Refused), StorageErrors.Unreachable },
        { new AggregateException("Retry failed after 3 tries.", new TaskCanceledException("exceeded the configured timeout"), new IOException("reset")), StorageErrors.Unreachable },
        { new TaskCanceledException("The operation was cancelled because it exceeded the configured timeout of 0:00:03."), StorageErrors.Timeout },

        // What the request or the code did wrong is not an outage.
        { new RequestFailedException(404, "Not found"), null },
        { new RequestFailedException(409, "Conflict"), null },
        { new RequestFailedException(400, "Bad entity"), null },
        { new RequestFailedException(403, "Signature mismatch", "AuthenticationFailed", null), null },
        { new AggregateException(Refused, new RequestFailedException(404, "Not found")), null },
        { new InvalidOperationException("Snapshot catalogue 3 has 2 parts, the pointer says 3."), null },
        { new IOException("The client went away while sending its body"), null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Tells_an_outage_from_everything_else(Exception exception, string? kind) =>
        Assert.Equal(kind, StorageErrors.UnavailableKind(exception, CancellationToken.None));

    [Fact]
    public void The_callers_own_cancellation_is_not_an_outage()
    {
        using var caller = new CancellationTokenSource();
        caller.Cancel();
        Assert.Null(StorageErrors.UnavailableKind(new OperationCanceledException(caller.Token), caller.Token));
        Assert.Null(StorageErrors.UnavailableKind(new AggregateException(new TaskCanceledException()), caller.Token));
    }
}
