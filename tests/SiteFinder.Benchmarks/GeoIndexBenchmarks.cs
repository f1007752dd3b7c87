using BenchmarkDotNet.Attributes;
using SiteFinder.Domain.Geo;

namespace SiteFinder.Benchmarks;

/// <summary>
/// Queries on one thread. Each operation runs a batch of queries and declares it, so the Mean is per
/// query: all 10,000 queries for the index and the reference tree, the first 100 for brute force.
/// </summary>
public class QueryBenchmarks
{
    private const int BruteForceBatch = 100;

    private readonly GeoHit[] _hits = new GeoHit[Dataset.K];
    private readonly List<GeoHit> _within = new(8_192);
    private Dataset _data = null!;
    private GeoIndex _index = null!;
    private ReferenceKdTree _reference = null!;
    private BruteForce _brute = null!;

    [Params(10_000, 100_000, 1_000_000)]
    public int Sites { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = Dataset.Create(Sites);
        _index = new GeoIndex(_data.Sites);
        _reference = new ReferenceKdTree(_data.Sites);
        _brute = new BruteForce(_data.Sites);
    }

    [Benchmark(OperationsPerInvoke = Dataset.QueryCount)]
    public int Knn10()
    {
        var sum = 0;
        foreach (var q in _data.Queries)
            sum += _index.Nearest(q, _hits, double.PositiveInfinity, default(AcceptAll));
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Dataset.QueryCount)]
    public int Knn10HalfFilter()
    {
        var sum = 0;
        var filter = _data.HalfFilter;
        foreach (var q in _data.Queries)
            sum += _index.Nearest(q, _hits, double.PositiveInfinity, filter);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Dataset.QueryCount)]
    public int Radius1500m()
    {
        var sum = 0;
        foreach (var q in _data.Queries)
        {
            _index.Within(q, Dataset.RadiusMeters, default(AcceptAll), _within);
            sum += _within.Count;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Dataset.QueryCount)]
    public int ReferenceTreeKnn10()
    {
        var sum = 0;
        foreach (var q in _data.Queries)
            sum += _reference.Nearest(q, Dataset.K).Count;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = BruteForceBatch)]
    public int BruteForceKnn10()
    {
        var sum = 0;
        for (var i = 0; i < BruteForceBatch; i++)
            sum += _brute.Nearest(_data.Queries[i], _hits);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = BruteForceBatch)]
    public int BruteForceRadius1500m()
    {
        var sum = 0;
        for (var i = 0; i < BruteForceBatch; i++)
        {
            _brute.Within(_data.Queries[i], Dataset.RadiusMeters, _within);
            sum += _within.Count;
        }

        return sum;
    }
}

/// <summary>Building the index from the site list (unit vectors, reordering, boxes); allocations are the index's arrays.</summary>
public class BuildBenchmarks
{
    private Dataset _data = null!;

    [Params(10_000, 100_000, 1_000_000)]
    public int Sites { get; set; }

    [GlobalSetup]
    public void Setup() => _data = Dataset.Create(Sites);

    [Benchmark]
    public GeoIndex Build() => new(_data.Sites);

    [Benchmark]
    public ReferenceKdTree BuildReferenceTree() => new(_data.Sites);
}
