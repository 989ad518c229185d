using CompetitivePosts.Domain;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Filings;

/// <summary>
/// Whoever decided or filed a competition cannot accept or refuse its filing. The audit trail is
/// the record of who did what, so it is also what this rule reads (docs/security.md).
/// </summary>
internal static class SeparationOfDuties
{
    private static readonly string[] Involving = [AuditActions.Decide, AuditActions.FilingSubmit, AuditActions.DecisionMeeting, AuditActions.DecidingRound];

    public static async Task<bool> IsInvolvedAsync(AppDbContext db, int competitionId, Actor actor, CancellationToken ct)
    {
        // An actor the trail cannot name could be anyone, so it counts as involved.
        if (actor.UserId is not { Length: > 0 } userId)
        {
            return true;
        }

        return await db.AuditEntries.AsNoTracking()
            .AnyAsync(e => e.CompetitionId == competitionId && e.UserId == userId && Involving.Contains(e.Action), ct);
    }

    public static async Task EnsureNotInvolvedAsync(AppDbContext db, int competitionId, Actor actor, CancellationToken ct)
    {
        if (await IsInvolvedAsync(db, competitionId, actor, ct))
        {
            throw new DomainException("You decided or filed this competition, so you may not review its filing.");
        }
    }
}
