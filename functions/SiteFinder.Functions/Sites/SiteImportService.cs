using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SiteFinder.Domain.Audit;
using SiteFinder.Domain.Demo;
using SiteFinder.Domain.Import;
using SiteFinder.Domain.Operators;
using SiteFinder.Functions.Configuration;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Sites;

/// <summary>
/// Import: load the stored sites with their versions, plan the rows against them, write the sites
/// that change each with its audit entry, publish the catalogue so answers include them at once.
/// A site edited while the import ran is not overwritten with what the import read before: its
/// write is refused by version, and the import plans again from the sites as they are now.
/// </summary>
public sealed class SiteImportService(ISiteStore sites, CataloguePublisher publisher, TimeProvider clock, IOptions<ImportSettings> settings)
{
    /// <summary>How often an import plans again when sites change under it; each round writes only what still differs.</summary>
    private const int Attempts = 3;

    /// <summary>What an import would do, without writing anything. A district operator imports rows of their district only (<see cref="DistrictImportScope"/>).</summary>
    public async Task<ImportPlan> PreviewAsync(IReadOnlyList<SiteInput> rows, bool closeMissing, OperatorIdentity by, CancellationToken cancellationToken) =>
        Plan(rows, closeMissing, by, await sites.LoadAllStoredAsync(cancellationToken), NewImportId());

    public async Task<ImportPlan> ImportAsync(IReadOnlyList<SiteInput> rows, bool closeMissing, OperatorIdentity by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        var importId = NewImportId();
        for (var attempt = 1; ; attempt++)
        {
            var stored = await sites.LoadAllStoredAsync(cancellationToken);
            var plan = Plan(rows, closeMissing, by, stored, importId);
            var versions = stored.ToDictionary(s => s.Record.Id, s => s.Version, StringComparer.Ordinal);
            var now = clock.GetUtcNow();
            var writes = plan.Changes
                .Select(c => (c.After, versions.GetValueOrDefault(c.After.Id), new AuditEntry
                {
                    SiteId = c.After.Id,
                    At = now,
                    Who = by.Name,
                    Action = c.Action,
                    Changes = c.Fields,
                    Reason = c.Reason,
                    ImportId = importId,
                }))
                .ToArray();
            try
            {
                if (writes.Length > 0)
                    await sites.WriteAllAsync(writes, cancellationToken);
            }
            catch (SiteVersionConflictException) when (attempt < Attempts)
            {
                // Some sites changed since they were read (an operator's edit): plan them again as they are now.
                continue;
            }
            catch (SiteVersionConflictException)
            {
                // What was written is served; the caller hears which sites kept changing and may import again.
                await publisher.PublishAsync(cancellationToken);
                throw;
            }

            if (writes.Length > 0)
                await publisher.PublishAsync(cancellationToken);
            return plan;
        }
    }

    /// <summary>Loads the generated demo catalogue when no site is stored yet; returns whether it did.</summary>
    public async Task<bool> SeedDemoIfEmptyAsync(CancellationToken cancellationToken)
    {
        if (!await sites.IsEmptyAsync(cancellationToken))
            return false;

        await sites.UpsertAsync(DemoCatalogue.Generate(clock.GetUtcNow()), cancellationToken);
        await publisher.PublishAsync(cancellationToken);
        return true;
    }

    private ImportPlan Plan(IReadOnlyList<SiteInput> rows, bool closeMissing, OperatorIdentity by, IReadOnlyList<StoredSite> stored, string importId)
    {
        // The whole table: a city is a few thousand rows, and missing sites can only be found against all of them.
        var options = new ImportOptions
        {
            ImportId = importId,
            ExpectedArea = settings.Value.ToExpectedArea(),
            DefaultCity = settings.Value.City,
            CloseMissing = closeMissing,
        };
        var records = stored.Select(s => s.Record).ToArray();
        return DistrictImportScope.Plan(rows, by, allowed => SiteImporter.Plan(allowed, records, clock.GetUtcNow(), options));
    }

    private static string NewImportId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
}
