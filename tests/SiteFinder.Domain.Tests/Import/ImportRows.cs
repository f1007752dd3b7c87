using System.Text.Json;
using SiteFinder.Domain.Import;
using SiteFinder.Domain.Sites;

namespace SiteFinder.Domain.Tests.Import;

/// <summary>Rows and stored sites for import tests: a list read as an operator sends it, planned against what is stored.</summary>
internal static class ImportRows
{
    public const string Header = "source_id,name,address,district,lng,lat,coord_system,hours,type,notes\n";
    public static readonly DateTimeOffset Now = new(2022, 4, 28, 2, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<SiteInput> Csv(string text)
    {
        var rows = SiteInput.FromCsv(new StringReader(text), out var error);
        Assert.Null(error);
        return rows;
    }

    public static IReadOnlyList<SiteInput> Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        var rows = SiteInput.FromJson(document, out var error);
        Assert.Null(error);
        return rows;
    }

    /// <summary>The records an import of <paramref name="rows"/> into an empty store writes.</summary>
    public static IReadOnlyList<SiteRecord> Stored(IReadOnlyList<SiteInput> rows) =>
        [.. SiteImporter.Plan(rows, [], Now.AddDays(-1), new ImportOptions { ImportId = "aaaaaaaaaaaa" }).Changes.Select(c => c.After)];

    public static ImportPlan Plan(IReadOnlyList<SiteInput> rows, IReadOnlyList<SiteRecord> stored, bool closeMissing = false) =>
        SiteImporter.Plan(rows, stored, Now, new ImportOptions { ImportId = "bbbbbbbbbbbb", CloseMissing = closeMissing });
}
