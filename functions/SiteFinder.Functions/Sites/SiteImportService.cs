using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SiteFinder.Domain.Demo;
using SiteFinder.Domain.Import;
using SiteFinder.Domain.Sites;
using SiteFinder.Functions.Configuration;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Sites;

/// <summary>
/// Import: load the stored sites, plan the rows against them, write the sites that change, publish
/// the catalogue so answers include them at once. The plan keeps each change's before and after
/// records, from which audit entries are made.
/// </summary>
public sealed class SiteImportService(ISiteStore sites, CataloguePublisher publisher, TimeProvider clock, IOptions<ImportSettings> settings)
{
    /// <summary>What an import would do, without writing anything.</summary>
    public async Task<ImportPlan> PreviewAsync(IReadOnlyList<SiteInput> rows, bool closeMissing, CancellationToken cancellationToken) =>
        await PlanAsync(rows, closeMissing, cancellationToken);

    public async Task<ImportPlan> ImportAsync(IReadOnlyList<SiteInput> rows, bool closeMissing, CancellationToken cancellationToken)
    {
        var plan = await PlanAsync(rows, closeMissing, cancellationToken);
        await WriteAsync([.. plan.Changes.Select(c => c.Site)], cancellationToken);
        return plan;
    }

    /// <summary>Loads the generated demo catalogue when no site is stored yet; returns whether it did.</summary>
    public async Task<bool> SeedDemoIfEmptyAsync(CancellationToken cancellationToken)
    {
        if (!await sites.IsEmptyAsync(cancellationToken))
            return false;

        await WriteAsync(DemoCatalogue.Generate(clock.GetUtcNow()), cancellationToken);
        return true;
    }

    private async Task<ImportPlan> PlanAsync(IReadOnlyList<SiteInput> rows, bool closeMissing, CancellationToken cancellationToken)
    {
        // The whole table: a city is a few thousand rows, and missing sites can only be found against all of them.
        var stored = await sites.LoadAllAsync(cancellationToken);
        var options = new ImportOptions
        {
            ImportId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)),
            ExpectedArea = settings.Value.ToExpectedArea(),
            CloseMissing = closeMissing,
        };
        return SiteImporter.Plan(rows, stored, clock.GetUtcNow(), options);
    }

    private async Task WriteAsync(IReadOnlyList<Site> changed, CancellationToken cancellationToken)
    {
        if (changed.Count == 0)
            return;

        await sites.UpsertAsync(changed, cancellationToken);
        await publisher.PublishAsync(cancellationToken);
    }
}
