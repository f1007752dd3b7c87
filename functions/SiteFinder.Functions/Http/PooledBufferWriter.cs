using System.Buffers;

namespace SiteFinder.Functions.Http;

/// <summary>
/// A buffer writer on an array rented from the shared pool. The nearby answer (5–7 KB) was the largest
/// allocation of a request: with a fresh array each time, the gen0 collections it caused were the
/// most of the GC pauses under load (BENCHMARKS.md, issue 16). Whoever sends the bytes gives the array
/// back (<see cref="Utf8JsonResult"/> with <c>pooled</c>); one never given back is simply collected.
/// </summary>
public sealed class PooledBufferWriter(int capacity) : IBufferWriter<byte>
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 256));
    private int _written;

    /// <summary>The bytes written so far, on the rented array (which stays valid until it is returned).</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _written);
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    private void Ensure(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed)
            return;
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _written + needed));
        _buffer.AsSpan(0, _written).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
