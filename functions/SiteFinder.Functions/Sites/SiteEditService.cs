using SiteFinder.Domain.Audit;
using SiteFinder.Domain.Operators;
using SiteFinder.Domain.Sites;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Sites;

/// <summary>The outcomes of an edit, one type each, so that a handler maps every one and forgets none.</summary>
public abstract record EditOutcome
{
    private EditOutcome()
    {
    }

    public sealed record Edited(StoredSite Site, IReadOnlyList<FieldChange> Changes) : EditOutcome;

    public sealed record NotFound : EditOutcome;

    /// <summary>The site is in a district the operator may not manage.</summary>
    public sealed record OutOfScope(string District) : EditOutcome;

    /// <summary>The site changed since the version the edit was based on; here is the current one.</summary>
    public sealed record Stale(StoredSite Current) : EditOutcome;

    public sealed record Invalid(IReadOnlyDictionary<string, string> Errors) : EditOutcome;
}

/// <summary>Operator edits: read the stored site, apply the domain's rules, write it with its audit entry, republish.</summary>
public sealed class SiteEditService(ISiteStore sites, CatalogueRepublisher republisher, TimeProvider clock)
{
    /// <summary>How often an edit without a version of its own (an accepted correction) re-reads and tries again when the site changes under it.</summary>
    private const int Attempts = 3;

    /// <summary>The stored site for an operator, or null when there is none (scope is the caller's to check with <see cref="OperatorIdentity.MayManage"/>).</summary>
    public Task<StoredSite?> GetAsync(string id, CancellationToken cancellationToken) => sites.GetAsync(id, cancellationToken);

    /// <summary>
    /// Applies <paramref name="patch"/> to the site if it is still at <paramref name="version"/>.
    /// A null version means "the current one": used by accepted corrections, which re-read and retry.
    /// </summary>
    public async Task<EditOutcome> EditAsync(string id, string? version, SitePatch patch, OperatorIdentity who, EditContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(who);
        ArgumentNullException.ThrowIfNull(context);
        for (var attempt = 1; ; attempt++)
        {
            if (await sites.GetAsync(id, cancellationToken) is not { } current)
                return new EditOutcome.NotFound();
            if (!who.MayManage(current.Record.District))
                return new EditOutcome.OutOfScope(current.Record.District);
            if (version is not null && version != current.Version)
                return new EditOutcome.Stale(current);

            var now = clock.GetUtcNow();
            var result = SiteEditor.Apply(current.Record, patch, who.Name, now);
            if (!result.IsValid)
                return new EditOutcome.Invalid(result.Errors);
            if (result.Changes.Count == 0)
                return new EditOutcome.Edited(current, []);

            var audit = new AuditEntry
            {
                SiteId = id,
                At = now,
                Who = who.Name,
                Action = context.Action,
                Changes = result.Changes,
                Reason = context.Reason,
                CorrectionId = context.CorrectionId,
            };
            try
            {
                var written = await sites.ReplaceAsync(result.After!, current.Version, audit, cancellationToken);
                republisher.Request();
                return new EditOutcome.Edited(written, result.Changes);
            }
            catch (SiteVersionConflictException) when (version is null && attempt < Attempts)
            {
                // Changed between our read and write; the rules are applied again to the new version.
            }
            catch (SiteVersionConflictException)
            {
                return await sites.GetAsync(id, cancellationToken) is { } latest ? new EditOutcome.Stale(latest) : new EditOutcome.NotFound();
            }
        }
    }
}

/// <summary>Why an edit is made: the audit entry's action, the operator's reason, the correction it applies.</summary>
public sealed record EditContext(AuditAction Action, string? Reason = null, string? CorrectionId = null)
{
    public static EditContext Edit(string? reason) => new(AuditAction.Edit, reason);
}
