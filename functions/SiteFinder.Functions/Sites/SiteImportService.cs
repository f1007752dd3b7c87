using SiteFinder.Domain.Demo;
using SiteFinder.Domain.Import;
using SiteFinder.Domain.Sites;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Sites;

/// <summary>Import: plan the rows, write the accepted sites, publish the catalogue so answers include them at once.</summary>
public sealed class SiteImportService(ISiteStore sites, CataloguePublisher publisher, TimeProvider clock)
{
    /// <summary>What an import would do, without writing anything.</summary>
    public ImportReport Preview(IReadOnlyList<SiteInput> rows) => SiteImporter.Plan(rows, clock.GetUtcNow()).Report;

    public async Task<ImportReport> ImportAsync(IReadOnlyList<SiteInput> rows, CancellationToken cancellationToken)
    {
        var plan = SiteImporter.Plan(rows, clock.GetUtcNow());
        await WriteAsync(plan.Sites, cancellationToken);
        return plan.Report;
    }

    /// <summary>Loads the generated demo catalogue when no site is stored yet; returns whether it did.</summary>
    public async Task<bool> SeedDemoIfEmptyAsync(CancellationToken cancellationToken)
    {
        if (!await sites.IsEmptyAsync(cancellationToken))
            return false;

        await WriteAsync(DemoCatalogue.Generate(clock.GetUtcNow()), cancellationToken);
        return true;
    }

    private async Task WriteAsync(IReadOnlyList<Site> accepted, CancellationToken cancellationToken)
    {
        if (accepted.Count == 0)
            return;

        await sites.UpsertAsync(accepted, cancellationToken);
        await publisher.PublishAsync(cancellationToken);
    }
}
