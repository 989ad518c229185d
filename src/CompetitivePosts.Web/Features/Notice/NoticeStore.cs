using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Notice;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Notice;

/// <summary>Loading a notice for a change, with the clash check every notice use case shares.</summary>
internal static class NoticeStore
{
    public static async Task<WorkingDayCalendar> CalendarAsync(this AppDbContext db, CancellationToken ct) =>
        new(await db.CalendarDays.AsNoTracking().ToListAsync(ct));

    /// <summary>The competition's notice, tracked, after checking the actor manages its unit; a stale version is a clash.</summary>
    public static async Task<PublicNotice> LoadNoticeForChangeAsync(this AppDbContext db, int competitionId, Actor actor, int? expectedRevision,
        CancellationToken ct)
    {
        var unitId = await db.Competitions.Where(c => c.Id == competitionId).Select(c => (int?)c.UnitId).FirstOrDefaultAsync(ct)
            ?? throw new DomainException("No such competition.");
        actor.EnsureCanManage(unitId);
        var notice = await db.Notices.Include(n => n.Entries).Include(n => n.Objections).AsSplitQuery()
            .FirstOrDefaultAsync(n => n.CompetitionId == competitionId, ct)
            ?? throw new DomainException("The notice has not been published.");
        if (expectedRevision is { } v)
        {
            db.Entry(notice).Property(n => n.Revision).OriginalValue = v;
        }

        return notice;
    }

    /// <summary>The competition's notice with its entries and objections, read only; null before it is published.</summary>
    public static Task<PublicNotice?> StoredNoticeAsync(this AppDbContext db, int competitionId, CancellationToken ct) =>
        db.Notices.AsNoTracking().Include(n => n.Entries).Include(n => n.Objections).AsSplitQuery()
            .FirstOrDefaultAsync(n => n.CompetitionId == competitionId, ct);

    public static bool IsFinal(Competition competition) => competition.AppointedAt is not null;
}
