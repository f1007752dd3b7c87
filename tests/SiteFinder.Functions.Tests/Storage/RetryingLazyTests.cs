using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Tests.Storage;

public sealed class RetryingLazyTests
{
    [Fact]
    public async Task A_failed_attempt_is_forgotten_and_a_success_is_kept()
    {
        var calls = 0;
        var lazy = new RetryingLazy<int>(() => ++calls == 1 ? throw new InvalidOperationException("storage down") : Task.FromResult(calls));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => lazy.GetAsync(CancellationToken.None));
        Assert.Equal("storage down", failure.Message);
        Assert.Equal(2, await lazy.GetAsync(CancellationToken.None));
        Assert.Equal(2, await lazy.GetAsync(CancellationToken.None));
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Callers_during_an_attempt_share_it_and_its_failure()
    {
        var calls = 0;
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var lazy = new RetryingLazy<int>(() =>
        {
            Interlocked.Increment(ref calls);
            return gate.Task;
        });

        var first = lazy.GetAsync(CancellationToken.None);
        var second = lazy.GetAsync(CancellationToken.None);
        gate.SetException(new TimeoutException());
        await Assert.ThrowsAsync<TimeoutException>(() => first);
        await Assert.ThrowsAsync<TimeoutException>(() => second);
        Assert.Equal(1, calls);

        gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var third = lazy.GetAsync(CancellationToken.None);
        var fourth = lazy.GetAsync(CancellationToken.None);
        gate.SetResult(7);
        var values = await Task.WhenAll(third, fourth);
        Assert.Equal([7, 7], values);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task A_caller_that_gives_up_stops_waiting_without_cancelling_the_attempt_for_others()
    {
        var gate = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        var lazy = new RetryingLazy<string>(() =>
        {
            Interlocked.Increment(ref calls);
            return gate.Task;
        });
        using var impatient = new CancellationTokenSource();

        var abandoned = lazy.GetAsync(impatient.Token);
        var patient = lazy.GetAsync(CancellationToken.None);
        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);

        gate.SetResult("table");
        Assert.Equal("table", await patient);
        Assert.Equal("table", await lazy.GetAsync(CancellationToken.None));
        Assert.Equal(1, calls);
    }
}
