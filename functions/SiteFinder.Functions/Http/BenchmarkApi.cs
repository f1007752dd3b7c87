using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using SiteFinder.Functions.Configuration;

namespace SiteFinder.Functions.Http;

/// <summary>
/// The HTTP benchmark's floor (tests/SiteFinder.Benchmarks/run-http.sh): a fixed JSON body of the asked
/// size through the same pipeline as nearby (read limit, read lane, age headers, compression, the host's
/// routing and invocation), without query parsing, search or answer assembly. Off unless
/// <see cref="AppSettingNames.BenchmarkEndpoints"/> is "true": an instance in Azure, which never sets it,
/// answers the same 404 problem as for a path no operation takes.
/// </summary>
public sealed class BenchmarkApi(BenchmarkFloor floor)
{
    public const string Name = "BenchmarkFixedBody";

    /// <summary>Sizes answered: a nearby answer is 0.7–7 KB; the route's maxlength(5) keeps the number short before this check.</summary>
    public const int MinBytes = 16, MaxBytes = 65536;

    [Function(Name)]
    public IActionResult FixedBody(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "bench/fixed/{bytes:int:maxlength(5)}")] HttpRequest request,
        int bytes)
    {
        ArgumentNullException.ThrowIfNull(request);
        return floor.Enabled && bytes is >= MinBytes and <= MaxBytes ? new Utf8JsonResult(floor.Body(bytes)) : Problems.NoEndpoint(request.Path.ToString());
    }
}

/// <summary>Whether the benchmark floor answers, and the last body it made (a benchmark asks one size at a time).</summary>
public sealed class BenchmarkFloor(IConfiguration configuration)
{
    public bool Enabled { get; } = string.Equals(configuration?[AppSettingNames.BenchmarkEndpoints], "true", StringComparison.OrdinalIgnoreCase);

    private byte[] _last = [];

    /// <summary>
    /// Exactly <paramref name="bytes"/> of valid JSON. Only the last size is kept, so that a caller walking
    /// through every size cannot make the instance hold them all.
    /// </summary>
    public byte[] Body(int bytes)
    {
        var last = Volatile.Read(ref _last);
        if (last.Length == bytes)
            return last;

        // Text of a site list's make-up (ASCII and three-byte CJK), so that gzip meets comparable bytes.
        const string filler = "静安区固定采样点0241（演示）,上海市静安区演示路1365号,lat:31.23288,lng:121.471888,";
        var text = new StringBuilder("{\"pad\":\"");
        for (var length = text.Length; length < bytes; length += Encoding.UTF8.GetByteCount(filler))
            text.Append(filler);
        var head = Encoding.UTF8.GetBytes(text.ToString());
        var body = new byte[bytes];
        // Cut on a character boundary, pad the string with spaces to the size and close it.
        var cut = bytes - 2;
        while (cut > 0 && (head[cut] & 0xC0) == 0x80)
            cut--;
        head.AsSpan(0, cut).CopyTo(body);
        body.AsSpan(cut, bytes - 2 - cut).Fill((byte)' ');
        body[bytes - 2] = (byte)'"';
        body[bytes - 1] = (byte)'}';
        Volatile.Write(ref _last, body);
        return body;
    }
}
