using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Notice;

/// <summary>Records an objection received during the notice: the date, what it says, and whom it concerns.</summary>
public static class RecordObjection
{
    public sealed record Command(DateOnly ReceivedOn, string Content, int? ConcernsCadreId, int? ExpectedRevision = null);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
    {
        public async Task HandleAsync(int competitionId, Actor actor, Command command, CancellationToken ct = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var notice = await db.LoadNoticeForChangeAsync(competitionId, actor, command.ExpectedRevision, ct);
            var objection = notice.RecordObjection(command.ReceivedOn, command.Content, command.ConcernsCadreId, clock.GetUtcNow());
            db.Audit(competitionId, actor.Who, AuditActions.NoticeObjection, new { objection.Number, command.ReceivedOn });
            await db.SaveChangesAsync(ct);
        }
    }
}
