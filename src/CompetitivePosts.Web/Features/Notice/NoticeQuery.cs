using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Notice;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Notice;

public sealed record NoticeEntryRow(string PostName, string? Department, PostLevel Level, int Seat, int CadreId, string CadreName,
    string? CurrentTitle, bool Withheld);

public sealed record ObjectionRow(int Number, DateOnly ReceivedOn, string Content, string? ConcernsName, string? Handling,
    ObjectionResult? Result, DateTimeOffset? HandledAt);

public sealed record NoticeDetails(DateOnly StartsOn, DateOnly EndsOn, int WorkingDays, string Contact, DateTimeOffset PublishedAt,
    DateTimeOffset? ClosedAt, string? Conclusion, IReadOnlyList<NoticeEntryRow> Entries, IReadOnlyList<ObjectionRow> Objections, int Revision,
    bool MayClose);

/// <summary>What the notice page shows: before publishing, the filed appointees and a proposed period; after, the notice itself.</summary>
public sealed record NoticeView(CompetitionHeader Header, IReadOnlyList<NoticeEntryRow> Filed, int VacantSeats, DateOnly ProposedStart,
    DateOnly ProposedEnd, NoticeDetails? Notice, DateTimeOffset? AppointedAt);

public sealed class NoticeQuery(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<NoticeView> GetAsync(int competitionId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.LoadForViewAsync(competitionId, actor, ct);
        var header = await db.HeaderAsync(c, ct);
        var calendar = await db.CalendarAsync(ct);
        var now = clock.GetUtcNow();
        var today = ChinaDate.Of(now);
        var seats = FiledAppointments.Of(c);
        var posts = c.Posts.ToDictionary(p => p.Id);
        var cadres = c.Cadres.ToDictionary(x => x.Id);
        var filed = seats.Where(s => s.CadreId is not null).Select(s =>
        {
            var p = posts[s.PostId];
            var cadre = cadres[s.CadreId!.Value];
            return new NoticeEntryRow(p.Name, p.Department, p.Level, s.Seat, cadre.Id, cadre.Name, cadre.CurrentTitle, false);
        }).ToList();

        var stored = await db.StoredNoticeAsync(competitionId, ct);
        NoticeDetails? details = null;
        if (stored is not null)
        {
            var names = stored.Entries.ToDictionary(e => e.CadreId, e => e.CadreName);
            details = new NoticeDetails(stored.StartsOn, stored.EndsOn, stored.WorkingDays, stored.Contact, stored.PublishedAt, stored.ClosedAt,
                stored.Conclusion,
                [.. stored.Entries.OrderBy(e => e.Level).ThenBy(e => e.PostId).ThenBy(e => e.Seat).Select(e => new NoticeEntryRow(e.PostName,
                    e.Department, e.Level, e.Seat, e.CadreId, e.CadreName, e.CurrentTitle, stored.IsWithheld(e.CadreId)))],
                [.. stored.Objections.OrderBy(o => o.Number).Select(o => new ObjectionRow(o.Number, o.ReceivedOn, o.Content,
                    o.ConcernsCadreId is { } id ? names.GetValueOrDefault(id) : null, o.Handling, o.Result, o.HandledAt))],
                stored.Revision,
                !stored.IsClosed && WorkingDayCalendar.HasEnded(stored.EndsOn, now) && stored.Objections.All(o => o.IsHandled));
        }

        return new NoticeView(header, filed, seats.Count(s => s.CadreId is null), today,
            calendar.LastDay(today, PublicNotice.MinimumWorkingDays), details, c.AppointedAt);
    }

    /// <summary>The last day of a notice starting on <paramref name="start"/>, for the form's preview.</summary>
    public async Task<DateOnly> LastDayAsync(DateOnly start, int workingDays, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.CalendarAsync(ct)).LastDay(start, Math.Max(1, workingDays));
    }
}
