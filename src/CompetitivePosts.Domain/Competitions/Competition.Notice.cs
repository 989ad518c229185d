using CompetitivePosts.Domain.Notice;

namespace CompetitivePosts.Domain.Competitions;

/// <summary>任前公示 of the filed appointees, and the appointments becoming final when it closes.</summary>
public partial class Competition
{
    /// <summary>When the notice closed and the appointees took up their posts; until then the roster shows the posts vacant.</summary>
    public DateTimeOffset? AppointedAt { get; private set; }

    /// <summary>
    /// Publishes the accepted appointments. The list is checked against the aggregate (competed posts,
    /// seats within the headcount, qualified candidates, one post per cadre) and copied into the notice,
    /// which is a separate record so that objections and closing never lock the competition.
    /// </summary>
    public PublicNotice PublishNotice(IReadOnlyList<NoticeAppointee> appointees, DateOnly startsOn, int workingDays,
        WorkingDayCalendar calendar, string contact, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(appointees);
        ArgumentNullException.ThrowIfNull(calendar);
        EnsureStatus(CompetitionStatus.Accepted);
        if (appointees.Count == 0)
        {
            throw new DomainException("No appointment has been accepted for filing, so there is nothing to publish.");
        }

        var entries = new List<NoticeEntry>();
        var candidates = Candidates.Select(c => c.Id).ToHashSet();
        foreach (var a in appointees.OrderBy(a => a.PostId).ThenBy(a => a.Seat))
        {
            var post = FindPost(a.PostId);
            var cadre = FindCadre(a.CadreId);
            if (post.IsExcluded)
            {
                throw new DomainException("This post is excluded from the competition.");
            }

            if (a.Seat < 1 || a.Seat > Math.Max(1, post.Headcount))
            {
                throw new DomainException("{0} has {1} seats; seat {2} does not exist.", post.Name, post.Headcount, a.Seat);
            }

            if (!candidates.Contains(cadre.Id))
            {
                throw new DomainException("{0} is not a qualified candidate.", cadre.Name);
            }

            if (entries.Any(e => e.CadreId == cadre.Id))
            {
                throw new DomainException("{0} is already appointed to another post.", cadre.Name);
            }

            if (entries.Any(e => e.PostId == post.Id && e.Seat == a.Seat))
            {
                throw new DomainException("{0} has {1} seats; seat {2} does not exist.", post.Name, post.Headcount, a.Seat);
            }

            entries.Add(new NoticeEntry(post.Id, post.Name, post.Department, post.Level, a.Seat, cadre.Id, cadre.Name, cadre.CurrentTitle));
        }

        return new PublicNotice(Id, entries, startsOn, workingDays, calendar, contact, at);
    }

    /// <summary>
    /// The notice has closed: its appointees hold their posts (the first seat's appointee is the post's
    /// holder on the roster), and the competition's outcome is final.
    /// </summary>
    public void TakeUpPosts(PublicNotice notice, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(notice);
        EnsureStatus(CompetitionStatus.Accepted);
        if (notice.CompetitionId != Id || !notice.IsClosed)
        {
            throw new DomainException("The appointments become final only when the notice has closed.");
        }

        if (AppointedAt is not null)
        {
            throw new DomainException("The appointees already hold their posts.");
        }

        foreach (var entry in notice.FinalEntries.OrderByDescending(e => e.Seat))
        {
            FindPost(entry.PostId).SetHolder(FindCadre(entry.CadreId));
        }

        AppointedAt = at;
    }

    /// <summary>
    /// Who holds each post now, seat by seat. A post keeps one holder in its own row (the voter roll and the
    /// snapshot need no more), so once the notice has closed the other seats of a competed post come from the
    /// notice's final appointments; before that, and for excluded posts, the post's own holder is the answer.
    /// </summary>
    public IReadOnlyDictionary<int, IReadOnlyList<Cadre>> HoldersNow(PublicNotice? notice)
    {
        if (AppointedAt is not null && (notice is null || notice.CompetitionId != Id || !notice.IsClosed))
        {
            throw new DomainException("The appointments become final only when the notice has closed.");
        }

        var final = AppointedAt is null ? [] : notice!.FinalEntries.ToList();
        return Posts.ToDictionary(p => p.Id, p => (IReadOnlyList<Cadre>)(AppointedAt is not null && !p.IsExcluded
            ? [.. final.Where(e => e.PostId == p.Id).OrderBy(e => e.Seat).Select(e => FindCadre(e.CadreId))]
            : p.HolderId is { } h ? [FindCadre(h)] : []));
    }
}
