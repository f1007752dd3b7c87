using System.Security.Cryptography;
using System.Text;
using SiteFinder.Domain.Audit;
using SiteFinder.Domain.Corrections;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Hours;
using SiteFinder.Domain.Operators;
using SiteFinder.Domain.Sites;
using SiteFinder.Domain.Status;
using SiteFinder.Functions.Sites;
using SiteFinder.Functions.Status;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Corrections;

/// <summary>The outcomes of a decision on a correction (and its group).</summary>
public abstract record DecisionOutcome
{
    private DecisionOutcome()
    {
    }

    public sealed record Decided(IReadOnlyList<Correction> Corrections, EditOutcome? Edit) : DecisionOutcome;

    public sealed record NotFound : DecisionOutcome;

    public sealed record OutOfScope(string District) : DecisionOutcome;

    public sealed record AlreadyDecided(Correction Correction) : DecisionOutcome;

    /// <summary>The change the acceptance would apply was refused (by the edit rules, or the site is gone).</summary>
    public sealed record EditRefused(EditOutcome Edit) : DecisionOutcome;
}

/// <summary>Residents' corrections: receive them, put a site in doubt when several say it is closed, and let operators decide.</summary>
public sealed class CorrectionService(ICorrectionStore corrections, IStatusInputStore inputs, StatusProvider statuses, CatalogueProvider catalogue, SiteEditService edits, TimeProvider clock)
{
    /// <summary>The source of the status report that puts a site in doubt, and of an operator's confirmation that ends it.</summary>
    public const string ResidentsSource = StatusSources.Residents;
    public const string OperatorSource = StatusSources.Operator;

    public async Task<Correction> SubmitAsync(Site site, CorrectionKind kind, string? text, LabelledPoint? location, string clientAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(site);
        var now = clock.GetUtcNow();
        var correction = new Correction
        {
            Id = TableCorrectionStore.NewId(),
            SiteId = site.Id,
            District = site.District,
            Kind = kind,
            Text = text,
            Location = location,
            ReceivedAt = now,
            Client = Pseudonym(clientAddress, now),
        };
        await corrections.AddAsync(correction, cancellationToken);

        if (kind == CorrectionKind.Closed && site.IsOpenAt(now) == true)
            await DoubtIfResidentsAgreeAsync(site, now, cancellationToken);
        return correction;
    }

    public Task<IReadOnlyList<Correction>> ListAsync(CorrectionFilter filter, int max, CancellationToken cancellationToken) =>
        corrections.ListAsync(filter, max, cancellationToken);

    /// <summary>
    /// Accepts or rejects a correction together with the pending ones of the same site and kind.
    /// Accepting applies its change (the correction's own, or the operator's <paramref name="patch"/>)
    /// through the edit path, whose audit entry cites the correction. Rejecting "closed" is the
    /// operator's word that the site is open: it ends the doubt.
    /// </summary>
    /// <remarks>
    /// With the operator's own patch, version is the site version they read (If-Match), so that a value
    /// typed from an old view never overwrites a newer edit. Without one it is null: the correction's own
    /// change is applied to the site as it is.
    /// </remarks>
    public async Task<DecisionOutcome> DecideAsync(string id, bool accept, string? reason, SitePatch? patch, string? version, OperatorIdentity who, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(who);
        if (await corrections.GetAsync(who.District, id, cancellationToken) is not { } correction)
            return new DecisionOutcome.NotFound();
        if (!who.MayManage(correction.District))
            return new DecisionOutcome.OutOfScope(correction.District);
        if (correction.State != CorrectionState.Pending)
            return new DecisionOutcome.AlreadyDecided(correction);

        // The decisions are claimed first, each over the version read, so that of two operators deciding
        // one group at once exactly one goes on to change the site; the other hears it was decided.
        var now = clock.GetUtcNow();
        var pending = (await corrections.ListAsync(new CorrectionFilter(correction.District, CorrectionState.Pending, correction.Kind, correction.SiteId), 1_000, cancellationToken))
            .Where(c => c.Id != correction.Id)
            .Prepend(correction)
            .ToArray();
        var group = pending
            .Select(c => c with { State = accept ? CorrectionState.Accepted : CorrectionState.Rejected, DecidedAt = now, DecidedBy = who.Name, Decision = reason })
            .ToArray();
        if (!await corrections.DecideAsync(group, cancellationToken))
            return await corrections.GetAsync(who.District, id, cancellationToken) is { } decided ? new DecisionOutcome.AlreadyDecided(decided) : new DecisionOutcome.NotFound();

        EditOutcome? edit = null;
        var change = patch is { IsEmpty: false } ? patch : CorrectionRules.ProposedPatch(correction);
        if (accept && !change.IsEmpty)
        {
            edit = await edits.EditAsync(correction.SiteId, patch is { IsEmpty: false } ? version : null, change, who, new EditContext(AuditAction.Correction, reason, correction.Id), cancellationToken);
            if (edit is not EditOutcome.Edited)
            {
                // Nothing was applied: the corrections go back to the queue as they were.
                await corrections.DecideAsync([.. pending.Select(c => c with { Version = null })], cancellationToken);
                return new DecisionOutcome.EditRefused(edit);
            }
        }

        // Deciding the "closed" corrections of a site in doubt is the operator's word on it: either way
        // (open, or now closed by the edit) the doubt ends, so a site reopened later is not still in it.
        if (correction.Kind == CorrectionKind.Closed && await InDoubtAsync(correction.SiteId, now, cancellationToken))
            await ConfirmOpenAsync(correction.SiteId, who, now, cancellationToken);
        return new DecisionOutcome.Decided(group, edit);
    }

    private async Task DoubtIfResidentsAgreeAsync(Site site, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var board = await statuses.GetAsync(cancellationToken) ?? statuses.Current;
        var current = board.Current(site, now);
        if (current.Level == BusyLevel.Unconfirmed)
            return;

        // The last word of someone who knows: a staff report or an operator's confirmation.
        var confirmedAt = current.Basis is { Source: not ResidentsSource } basis ? basis.ReportedAt : (DateTimeOffset?)null;
        var recent = await corrections.OfSiteSinceAsync(site.District, site.Id, now - CorrectionRules.ClosedWindow, cancellationToken);
        if (!CorrectionRules.PutsInDoubt(recent, now, confirmedAt))
            return;

        await inputs.AddReportAsync(
            new StatusReport { SiteId = site.Id, ReportId = StaffReportInput.ReportIdFor(site.Id, ResidentsSource, null), ReceivedAt = now, Source = ResidentsSource, Level = BusyLevel.Unconfirmed },
            null,
            cancellationToken);
    }

    private async Task<bool> InDoubtAsync(string siteId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if ((await catalogue.GetAsync(cancellationToken))?.Catalogue.Find(siteId) is not { } site)
            return false;
        var board = await statuses.GetAsync(cancellationToken) ?? statuses.Current;
        return board.Current(site, now).Basis?.Level == BusyLevel.Unconfirmed;
    }

    /// <summary>An operator says the site is open: a report that replaces the doubt; the queue is unknown, so no data.</summary>
    private Task ConfirmOpenAsync(string siteId, OperatorIdentity who, DateTimeOffset now, CancellationToken cancellationToken) =>
        inputs.AddReportAsync(
            new StatusReport { SiteId = siteId, ReportId = StaffReportInput.ReportIdFor(siteId, who.Name, null), ReceivedAt = now, Source = OperatorSource, Reporter = who.Name, Level = BusyLevel.NoData },
            null,
            cancellationToken);

    /// <summary>
    /// Tells residents apart without keeping who they are: a hash of the address and the day. An IPv4
    /// address is guessable from its hash, so this is a pseudonym for counting, not anonymity; the
    /// address itself is never stored. The day is Shanghai's, the residents' own.
    /// </summary>
    private static string Pseudonym(string address, DateTimeOffset now) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"sitefinder-correction|{address}|{ShanghaiClock.ToLocal(now):yyyy-MM-dd}")))[..16];
}
