using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Audit;
using CompetitivePosts.Domain.Notice;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Notice;

/// <summary>The working-day calendar's holidays and make-up days (调休): administrators keep it, every change on the system chain.</summary>
public static class EditCalendar
{
    public sealed record Command(DateOnly Date, CalendarDayKind Kind, string Name);

    public sealed record DayRow(DateOnly Date, CalendarDayKind Kind, string Name);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbFactory)
    {
        public async Task<IReadOnlyList<DayRow>> ListAsync(int year, CancellationToken ct = default)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var from = new DateOnly(year, 1, 1);
            var to = new DateOnly(year, 12, 31);
            return await db.CalendarDays.AsNoTracking().Where(d => d.Date >= from && d.Date <= to).OrderBy(d => d.Date)
                .Select(d => new DayRow(d.Date, d.Kind, d.Name)).ToListAsync(ct);
        }

        public async Task AddAsync(Actor actor, Command command, CancellationToken ct = default)
        {
            ArgumentNullException.ThrowIfNull(actor);
            ArgumentNullException.ThrowIfNull(command);
            EnsureAdministrator(actor);
            var day = new CalendarDay(command.Date, command.Kind, command.Name);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            if (await db.CalendarDays.AnyAsync(d => d.Date == command.Date, ct))
            {
                throw new DomainException("{0} is listed twice in the calendar.", command.Date);
            }

            db.CalendarDays.Add(day);
            db.Audit(AuditEntry.SystemChain, actor.Who, AuditActions.CalendarChange, new { added = command.Date, kind = command.Kind.ToString(), day.Name });
            await db.SaveChangesAsync(ct);
        }

        public async Task RemoveAsync(Actor actor, DateOnly date, CancellationToken ct = default)
        {
            ArgumentNullException.ThrowIfNull(actor);
            EnsureAdministrator(actor);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var day = await db.CalendarDays.FirstOrDefaultAsync(d => d.Date == date, ct) ?? throw new DomainException("No such day in the calendar.");
            db.CalendarDays.Remove(day);
            db.Audit(AuditEntry.SystemChain, actor.Who, AuditActions.CalendarChange, new { removed = date });
            await db.SaveChangesAsync(ct);
        }

        private static void EnsureAdministrator(Actor actor)
        {
            if (!actor.IsAdministrator)
            {
                throw new DomainException("Only an administrator may change the holiday calendar.");
            }
        }
    }
}
