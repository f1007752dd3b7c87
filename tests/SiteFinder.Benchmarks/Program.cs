using System.Globalization;
using BenchmarkDotNet.Running;
using SiteFinder.Benchmarks;

// dotnet run -c Release -- per-query [sizes...] [--data NAME,...] [--out FILE]   the Stopwatch pass (p50/p99), as markdown, on every
//                                                               distribution (Dataset.Distribution; the real ones skipped without shared/data)
// dotnet run -c Release -- export DIR [sizes...] [--data NAME,...]   the generated data, DIR/<distribution>/, for the Node comparison
// dotnet run -c Release -- aggregation [--out FILE]             status aggregation of 9,000 sites / 100,000 reports on Azurite
// dotnet run -c Release -- snapshot [sizes...] [--out FILE]      catalogue snapshot size, publish and load on Azurite
// dotnet run -c Release -- memory [sizes...] [--out FILE]        what one instance holds for n sites, part by part, and its swap peak (no storage)
// dotnet run -c Release -- memory-one CATALOGUE BOARD            (used by memory) one size in a fresh process
// dotnet run -c Release -- snapshot-load TABLE                   (used by snapshot) one catalogue refresh in a fresh process
// dotnet run -c Release -- planning DATA_DIR [--out FILE]       coverage and gaps on the shared places file and the demo catalogue
// dotnet run -c Release -- planning-map DATA_DIR SVG           the README's coverage map, drawn as the API draws it
// dotnet run -c Release -- load URL ADMIN_KEY READERS REPORTS_PER_S SECONDS [--out FILE]   (used by run-load.sh) the whole city at once
// dotnet run -c Release -- nearby-path [--requests N] [--rounds R] [--statuses] [--evict KB] [--now ISO] [--out FILE] (issue 16) nearby's own work per
//                                                               request, part by part (µs, bytes allocated), in process; --check: SHA-256 of many answers
// dotnet run -c Release -- [BenchmarkDotNet arguments]         the BenchmarkDotNet suite (e.g. --filter '*')
int[] defaultSizes = [10_000, 100_000, 1_000_000];
if (args.Length > 0 && args[0] == "per-query")
{
    var (sizes, distributions, outFile) = GeoArguments(args.Skip(1).ToArray());
    var markdown = PerQuery.Run(sizes, distributions, Console.Error);
    if (outFile is not null)
        File.WriteAllText(outFile, markdown);
    Console.WriteLine(markdown);
    return 0;
}

if (args.Length > 0 && args[0] == "nearby-path")
{
    var markdown = NearbyPath.Run(args[1..], Console.Error);
    if (Array.IndexOf(args, "--out") is > 0 and var outAt && outAt + 1 < args.Length)
        File.WriteAllText(args[outAt + 1], markdown);
    Console.WriteLine(markdown);
    return 0;
}

if (args.Length > 0 && args[0] == "aggregation")
{
    var markdown = await AggregationBenchmark.RunAsync(Console.Error);
    if (args.Length > 2 && args[1] == "--out")
        File.WriteAllText(args[2], markdown);
    Console.WriteLine(markdown);
    return 0;
}

if (args.Length > 0 && args[0] == "snapshot")
{
    var outIndex = Array.IndexOf(args, "--out");
    var sizes = args.Skip(1).Where((a, i) => outIndex < 0 || (i + 1 != outIndex && i + 1 != outIndex + 1)).ToList();
    var markdown = await SnapshotBenchmark.RunAsync(sizes.Count > 0 ? Sizes(sizes) : [9_000, 100_000, 300_000, 1_000_000], Console.Error);
    if (outIndex > 0)
        File.WriteAllText(args[outIndex + 1], markdown);
    Console.WriteLine(markdown);
    return 0;
}

if (args.Length > 0 && args[0] == "memory")
{
    var outIndex = Array.IndexOf(args, "--out");
    var sizes = args.Skip(1).Where((a, i) => outIndex < 0 || (i + 1 != outIndex && i + 1 != outIndex + 1)).ToList();
    var markdown = await MemoryBenchmark.RunAsync(sizes.Count > 0 ? Sizes(sizes) : [9_000, 100_000, 250_000, 1_000_000], Console.Error);
    if (outIndex > 0)
        File.WriteAllText(args[outIndex + 1], markdown);
    Console.WriteLine(markdown);
    return 0;
}

if (args.Length > 2 && args[0] == "memory-one")
{
    Console.WriteLine(MemoryBenchmark.MeasureInThisProcess(args[1], args[2]));
    return 0;
}

if (args.Length > 1 && args[0] == "snapshot-load")
{
    Console.WriteLine(await SnapshotBenchmark.LoadInThisProcessAsync(args[1]));
    return 0;
}

if (args.Length > 1 && args[0] == "planning")
{
    var markdown = SiteFinder.Benchmarks.Planning.PlanningBenchmark.Run(args[1], Console.Error);
    if (args.Length > 3 && args[2] == "--out")
        File.WriteAllText(args[3], markdown);
    Console.WriteLine(markdown);
    return 0;
}

if (args.Length > 2 && args[0] == "planning-map")
{
    File.WriteAllText(args[2], SiteFinder.Benchmarks.Planning.PlanningBenchmark.Map(args[1], Console.Error));
    return 0;
}

if (args.Length > 5 && args[0] == "load")
{
    var markdown = await LoadRun.RunAsync(new Uri(args[1]), args[2], int.Parse(args[3], CultureInfo.InvariantCulture), double.Parse(args[4], CultureInfo.InvariantCulture), TimeSpan.FromSeconds(int.Parse(args[5], CultureInfo.InvariantCulture)), Console.Error);
    if (args.Length > 7 && args[6] == "--out")
        File.WriteAllText(args[7], markdown);
    Console.WriteLine(markdown);
    return 0;
}

if (args.Length > 1 && args[0] == "export")
{
    var (sizes, distributions, _) = GeoArguments(args.Skip(2).ToArray());
    foreach (var distribution in distributions)
    {
        foreach (var n in sizes)
        {
            var data = Dataset.Create(n, distribution, out var skipped);
            if (data is null)
            {
                Console.Error.WriteLine(skipped);
                break;
            }

            data.Export(Path.Combine(args[1], Dataset.Slug(distribution)));
        }
    }

    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(Dataset).Assembly).Run(args, new SuiteConfig());
return 0;

// Sizes, then --data NAME,... (distribution names, any case) and --out FILE in any order.
(int[] Sizes, IReadOnlyList<Distribution> Distributions, string? Out) GeoArguments(string[] rest)
{
    var sizes = new List<string>();
    IReadOnlyList<Distribution> distributions = Dataset.All;
    string? outFile = null;
    for (var i = 0; i < rest.Length; i++)
    {
        if (rest[i] == "--out" && i + 1 < rest.Length)
            outFile = rest[++i];
        else if (rest[i] == "--data" && i + 1 < rest.Length)
            distributions = [.. rest[++i].Split(',').Select(d => Enum.Parse<Distribution>(d, ignoreCase: true))];
        else
            sizes.Add(rest[i]);
    }

    return (Sizes(sizes), distributions, outFile);
}

int[] Sizes(IEnumerable<string> values)
{
    var parsed = values.Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
    return parsed.Length > 0 ? parsed : defaultSizes;
}
