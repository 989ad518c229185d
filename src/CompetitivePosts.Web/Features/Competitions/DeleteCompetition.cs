using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Competitions;

/// <summary>
/// A competition at its first stage (a test, a false start) can be deleted by its organizer; its audit
/// chain stays. Later ones hold a record others rely on, so they are only archived.
/// </summary>
public sealed class DeleteCompetition(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task DeleteAsync(int competitionId, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.LoadForChangeAsync(competitionId, actor, ct);
        c.EnsureDeletable();
        db.Competitions.Remove(c);
        db.Audit(competitionId, actor.Who, AuditActions.CompetitionDelete, new { name = c.Name });
        await db.SaveChangesAsync(ct);
    }

    public Task ArchiveAsync(int competitionId, Actor actor, CancellationToken ct = default) =>
        dbFactory.ChangeCompetitionAsync(competitionId, actor, AuditActions.CompetitionArchive, c => c.Archive(clock.GetUtcNow()), ct);
}
