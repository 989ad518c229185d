using CompetitivePosts.Domain;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Decisions;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Filings;

public sealed record FilingListItem(int CompetitionId, string CompetitionName, string UnitName, int Version, DateTimeOffset SubmittedAt,
    FilingStatus Status);

/// <summary>组织部备案: the organization department reviews every unit's filing and accepts or refuses it.</summary>
public sealed class FilingsHandler(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<IReadOnlyList<FilingListItem>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.EnsureCanReadFilings();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var rows = await db.Competitions.AsNoTracking()
            .SelectMany(c => c.Filings, (c, f) => new { c.Id, c.Name, c.UnitId, f.Version, f.SubmittedAt, f.Status })
            .ToListAsync(ct);
        // Pending first: that is the reviewer's work queue.
        return [.. rows
            .Select(r => new FilingListItem(r.Id, r.Name, units[r.UnitId], r.Version, r.SubmittedAt, r.Status))
            .OrderBy(r => r.Status != FilingStatus.Pending)
            .ThenByDescending(r => r.SubmittedAt)];
    }

    public async Task<DecisionsView> GetAsync(int competitionId, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.EnsureCanReadFilings();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.CompetitionAggregate.AsNoTracking().FirstOrDefaultAsync(x => x.Id == competitionId, ct)
            ?? throw new DomainException("No such competition.");
        return await DecisionsHandler.BuildAsync(db, c, ct);
    }

    /// <summary>Whether this actor may press accept or refuse: a reviewer who neither decided nor filed it.</summary>
    public async Task<bool> MayReviewAsync(int competitionId, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.EnsureCanReadFilings();
        if (!actor.IsReviewer)
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return !await SeparationOfDuties.IsInvolvedAsync(db, competitionId, actor, ct);
    }

    public Task AcceptAsync(int competitionId, Actor actor, string? note, CancellationToken ct = default) =>
        ReviewAsync(competitionId, actor, AuditActions.FilingAccept, c => c.AcceptFiling(actor.Name, note, clock.GetUtcNow()), ct);

    public Task RefuseAsync(int competitionId, Actor actor, string reason, CancellationToken ct = default) =>
        ReviewAsync(competitionId, actor, AuditActions.FilingRefuse, c => c.RefuseFiling(actor.Name, reason, clock.GetUtcNow()), ct);

    private async Task ReviewAsync(int competitionId, Actor actor, string action, Action<Domain.Competitions.Competition> review, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.EnsureReviewer();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.CompetitionAggregate.FirstOrDefaultAsync(x => x.Id == competitionId, ct)
            ?? throw new DomainException("No such competition.");
        await SeparationOfDuties.EnsureNotInvolvedAsync(db, competitionId, actor, ct);
        review(c);
        db.Audit(competitionId, actor.Who, action);
        await db.SaveChangesAsync(ct);
    }
}
