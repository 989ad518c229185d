using CompetitivePosts.Domain.Notice;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Notice;

/// <summary>Records how an objection was looked into and its result; an upheld one stops that appointment.</summary>
public static class HandleObjection
{
    public sealed record Command(int Number, string Handling, ObjectionResult Result, int? ExpectedRevision = null);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
    {
        public async Task HandleAsync(int competitionId, Actor actor, Command command, CancellationToken ct = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var notice = await db.LoadNoticeForChangeAsync(competitionId, actor, command.ExpectedRevision, ct);
            notice.HandleObjection(command.Number, command.Handling, command.Result, clock.GetUtcNow());
            db.Audit(competitionId, actor.Who, AuditActions.NoticeObjectionHandle, new { command.Number, result = command.Result.ToString() });
            await db.SaveChangesAsync(ct);
        }
    }
}
