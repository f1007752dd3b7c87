using System.Globalization;
using BenchmarkDotNet.Running;
using SiteFinder.Benchmarks;

// dotnet run -c Release -- per-query [sizes...] [--out FILE]   the Stopwatch pass (p50/p99), as markdown
// dotnet run -c Release -- export DIR [sizes...]               the generated data, for the Node comparison
// dotnet run -c Release -- aggregation [--out FILE]             status aggregation of 9,000 sites / 100,000 reports on Azurite
// dotnet run -c Release -- snapshot [sizes...] [--out FILE]      catalogue snapshot size, publish and load on Azurite
// dotnet run -c Release -- snapshot-load TABLE                   (used by snapshot) one catalogue refresh in a fresh process
// dotnet run -c Release -- planning DATA_DIR [--out FILE]       coverage and gaps on the shared places file and the demo catalogue
// dotnet run -c Release -- planning-map DATA_DIR SVG           the README's coverage map, drawn as the API draws it
// dotnet run -c Release -- load URL ADMIN_KEY READERS REPORTS_PER_S SECONDS [--out FILE]   (used by run-load.sh) the whole city at once
// dotnet run -c Release -- [BenchmarkDotNet arguments]         the BenchmarkDotNet suite (e.g. --filter '*')
int[] defaultSizes = [10_000, 100_000, 1_000_000];
if (args.Length > 0 && args[0] == "per-query")
{
    var outIndex = Array.IndexOf(args, "--out");
    var sizes = Sizes(args.Skip(1).Where((a, i) => outIndex < 0 || (i + 1 != outIndex && i + 1 != outIndex + 1)));
    var markdown = PerQuery.Run(sizes, Console.Error);
    if (outIndex > 0)
        File.WriteAllText(args[outIndex + 1], markdown);
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
    foreach (var n in Sizes(args.Skip(2)))
        Dataset.Create(n).Export(args[1]);
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(Dataset).Assembly).Run(args, new SuiteConfig());
return 0;

int[] Sizes(IEnumerable<string> values)
{
    var parsed = values.Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
    return parsed.Length > 0 ? parsed : defaultSizes;
}
