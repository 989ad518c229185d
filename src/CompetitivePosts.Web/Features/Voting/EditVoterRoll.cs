using CompetitivePosts.Domain;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Voting;

/// <summary>
/// The organizer's changes to the roll, each with what the trail needs to tell the story later: a
/// ballot kind changed with its reason, an outside voter added with who they are, a voter excluded
/// (their unused slips die in the same transaction) or put back, with a reason.
/// </summary>
public sealed class EditVoterRoll(IDbContextFactory<AppDbContext> dbFactory, SlipsNotifier notifier, TimeProvider clock)
{
    public Task OverrideCategoryAsync(int competitionId, Actor actor, int voterId, VoterCategory category, string reason, CancellationToken ct = default) =>
        ChangeAsync(competitionId, actor, AuditActions.VoterCategoryOverride, c =>
        {
            var voter = c.FindVoter(voterId);
            var from = voter.Category;
            c.OverrideVoterCategory(voterId, category, reason);
            return new { voter = voter.Name, from = from.ToString(), to = category.ToString(), reason = reason.Trim() };
        }, ct, slipsOf: (voterId, category));

    public async Task<int> AddOutsideAsync(int competitionId, Actor actor, string name, VoterCategory category, string note, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.LoadForChangeAsync(competitionId, actor, ct);
        var voter = c.AddOutsideVoter(name, category, note);
        db.Audit(competitionId, actor.Who, AuditActions.VoterAddOutside, new { voter = voter.Name, category = category.ToString(), note = voter.Note });
        await db.SaveChangesAsync(ct);
        return voter.Id;
    }

    public Task ExcludeAsync(int competitionId, Actor actor, int voterId, string reason, CancellationToken ct = default) =>
        ChangeAsync(competitionId, actor, AuditActions.VoterExclude, c =>
        {
            var voter = c.ExcludeVoter(voterId, reason, clock.GetUtcNow());
            return new { voter = voter.Name, reason = reason.Trim() };
        }, ct, slipsOf: (voterId, null));

    public Task ReinstateAsync(int competitionId, Actor actor, int voterId, string reason, CancellationToken ct = default) =>
        ChangeAsync(competitionId, actor, AuditActions.VoterReinstate, c =>
        {
            var voter = c.ReinstateVoter(voterId, reason);
            return new { voter = voter.Name, reason = reason.Trim() };
        }, ct);

    /// <param name="slipsOf">
    /// The voter whose slips follow the change, in rounds not closed yet: with a ballot kind, their slips vote with it; without
    /// one (an exclusion), their unused slips die. A closed round's slips stay as they were, so its turnout never changes.
    /// </param>
    private async Task ChangeAsync(int competitionId, Actor actor, string action, Func<Domain.Competitions.Competition, object> change,
        CancellationToken ct, (int VoterId, VoterCategory? Category)? slipsOf = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var c = await db.LoadHeldForChangeAsync(competitionId, actor, ct);
        var detail = change(c);
        if (slipsOf is var (voterId, category))
        {
            var notClosed = db.BallotTokens.Where(t => t.VoterId == voterId
                && db.VotingRounds.Any(r => r.Id == t.RoundId && r.Status != RoundStatus.Closed));
            if (category is { } kind)
            {
                await notClosed.ExecuteUpdateAsync(s => s.SetProperty(t => t.Category, kind), ct);
            }
            else
            {
                var now = clock.GetUtcNow();
                var revoked = await notClosed.Where(t => t.RevokedAt == null && !t.Used)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
                detail = new { change = detail, slipsRevoked = revoked };
            }
        }

        db.Audit(competitionId, actor.Who, action, detail);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await notifier.PublishAsync(competitionId);
    }
}
