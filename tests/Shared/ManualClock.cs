namespace SiteFinder.Tests;

/// <summary>
/// A clock whose "now" a test or benchmark sets. Only GetUtcNow is overridden: timers and delays still
/// run in real time, so the app's refresh loops keep going while the caller decides what minute it is.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref _ticks, now.UtcTicks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
