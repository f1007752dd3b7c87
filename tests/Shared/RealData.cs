namespace SiteFinder.Tests;

/// <summary>
/// Locates the real data lists in ../shared/data (never copied into the project).
/// Under CI (CI=true) a missing folder is a failure; elsewhere the tests that need it are skipped.
/// </summary>
public static class RealData
{
    public const string HangzhouSites = "sites-hangzhou-2022.csv";
    public const string DalianSites = "sites-dalian-2022.csv";
    public const string ShanghaiDistricts = "shanghai-districts.geojson";
    public const string ShanghaiPlaces = "shanghai-places-2022.csv";

    private static readonly Lazy<string?> Folder = new(Find);

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static bool Available => Folder.Value is not null;

    /// <summary>Full path of one file in shared/data; throws with a clear message when it is missing.</summary>
    public static string PathOf(string fileName)
    {
        var folder = Folder.Value ?? throw new InvalidOperationException(MissingMessage);
        var path = System.IO.Path.Combine(folder, fileName);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Real data file missing: {path}", path);
    }

    public static string MissingMessage =>
        "Real data not found: expected ../shared/data beside the repository (or set SHARED_DATA_DIR).";

    private static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable("SHARED_DATA_DIR");
        if (!string.IsNullOrEmpty(configured))
            return Directory.Exists(configured) ? configured : null;

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "data");
            if (File.Exists(System.IO.Path.Combine(candidate, HangzhouSites)))
                return candidate;
        }

        return null;
    }
}

/// <summary>A fact that needs ../shared/data: skipped with a message locally when absent, run (and failing) under CI.</summary>
public sealed class RealDataFactAttribute : FactAttribute
{
    public RealDataFactAttribute()
    {
        if (!RealData.Available && !RealData.IsCi)
            Skip = RealData.MissingMessage + " Skipped outside CI.";
    }
}

/// <summary>The theory counterpart of <see cref="RealDataFactAttribute"/>.</summary>
public sealed class RealDataTheoryAttribute : TheoryAttribute
{
    public RealDataTheoryAttribute()
    {
        if (!RealData.Available && !RealData.IsCi)
            Skip = RealData.MissingMessage + " Skipped outside CI.";
    }
}
