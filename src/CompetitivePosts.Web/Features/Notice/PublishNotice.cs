using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Notice;

/// <summary>任前公示: publishes the appointees the organization department accepted, for at least five working days.</summary>
public static class PublishNotice
{
    public sealed record Command(DateOnly StartsOn, int WorkingDays, string Contact);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
    {
        public async Task HandleAsync(int competitionId, Actor actor, Command command, CancellationToken ct = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var competition = await db.LoadForChangeAsync(competitionId, actor, ct);
            if (await db.Notices.AnyAsync(n => n.CompetitionId == competitionId, ct))
            {
                throw new Domain.DomainException("The notice has already been published.");
            }

            var notice = competition.PublishNotice(FiledAppointments.Appointees(competition), command.StartsOn, command.WorkingDays,
                await db.CalendarAsync(ct), command.Contact, clock.GetUtcNow());
            db.Notices.Add(notice);
            db.Audit(competitionId, actor.Who, AuditActions.NoticePublish,
                new { command.StartsOn, command.WorkingDays, notice.EndsOn, appointees = notice.Entries.Count });
            await db.SaveChangesAsync(ct);
        }
    }
}
