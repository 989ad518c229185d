using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Notice;

/// <summary>
/// 公示期满: closes the notice with its conclusion and, in the same transaction, the appointees take up
/// their posts on the roster. Refused before the last working day has ended in China.
/// </summary>
public static class CloseNotice
{
    public sealed record Command(string Conclusion, int? ExpectedRevision = null);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
    {
        public async Task HandleAsync(int competitionId, Actor actor, Command command, CancellationToken ct = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var competition = await db.LoadForChangeAsync(competitionId, actor, ct);
            var notice = await db.LoadNoticeForChangeAsync(competitionId, actor, command.ExpectedRevision, ct);
            var now = clock.GetUtcNow();
            notice.Close(command.Conclusion, now);
            competition.TakeUpPosts(notice, now);
            db.Audit(competitionId, actor.Who, AuditActions.NoticeClose, new { conclusion = notice.Conclusion });
            await db.SaveChangesAsync(ct);
        }
    }
}
