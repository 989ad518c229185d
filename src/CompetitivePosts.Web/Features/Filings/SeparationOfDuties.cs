using CompetitivePosts.Domain;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Filings;

/// <summary>
/// Whoever decided or filed a competition cannot accept or refuse its filing, nor can an organizer of its unit (who could
/// have, and works with those who did). The audit trail is the record of who did what, so it is also what this rule reads
/// (docs/security.md).
/// </summary>
internal static class SeparationOfDuties
{
    private static readonly string[] Involving = [AuditActions.Decide, AuditActions.FilingSubmit, AuditActions.DecisionMeeting, AuditActions.DecidingRound];

    public static async Task<bool> IsInvolvedAsync(AppDbContext db, int competitionId, Actor actor, CancellationToken ct) =>
        await ConflictAsync(db, competitionId, actor, ct) is not null;

    public static async Task EnsureNotInvolvedAsync(AppDbContext db, int competitionId, Actor actor, CancellationToken ct)
    {
        if (await ConflictAsync(db, competitionId, actor, ct) is { } message)
        {
            throw new DomainException(message);
        }
    }

    /// <summary>Why <paramref name="actor"/> may not review this filing (a message key), or null.</summary>
    private static async Task<string?> ConflictAsync(AppDbContext db, int competitionId, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        // An actor the trail cannot name could be anyone, so it counts as involved.
        if (actor.UserId is not { Length: > 0 } userId
            || await db.AuditEntries.AsNoTracking().AnyAsync(e => e.CompetitionId == competitionId && e.UserId == userId && Involving.Contains(e.Action), ct))
        {
            return "You decided or filed this competition, so you may not review its filing.";
        }

        var unitId = await db.Competitions.AsNoTracking().Where(c => c.Id == competitionId).Select(c => (int?)c.UnitId).FirstOrDefaultAsync(ct);
        return unitId is { } unit && actor.CanManage(unit) ? "You organize this unit's competitions, so you may not review its filing." : null;
    }
}
