using SiteFinder.Domain.Demo;
using SiteFinder.Domain.Import;
using SiteFinder.Domain.Operators;
using SiteFinder.Domain.Sites;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Sites;

/// <summary>Import: plan the rows, write the accepted sites, publish the catalogue so answers include them at once.</summary>
public sealed class SiteImportService(ISiteStore sites, CataloguePublisher publisher, TimeProvider clock)
{
    /// <summary>What an import would do, without writing anything. A district operator imports rows of their district only (<see cref="DistrictImportScope"/>).</summary>
    public ImportReport Preview(IReadOnlyList<SiteInput> rows, OperatorIdentity by) =>
        DistrictImportScope.Plan(rows, by, allowed => SiteImporter.Plan(allowed, clock.GetUtcNow())).Report;

    public async Task<ImportReport> ImportAsync(IReadOnlyList<SiteInput> rows, OperatorIdentity by, CancellationToken cancellationToken)
    {
        var plan = DistrictImportScope.Plan(rows, by, allowed => SiteImporter.Plan(allowed, clock.GetUtcNow()));
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
