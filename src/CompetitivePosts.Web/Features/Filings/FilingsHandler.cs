using System.Text.Json;
using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Decisions;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Features.Decisions;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Filings;

public sealed record FilingListItem(int CompetitionId, string CompetitionName, int UnitId, string UnitName, int Version,
    DateTimeOffset SubmittedAt, DateOnly DueOn, FilingStatus Status, bool Overdue);

/// <summary>The reviewers' queue filters: a unit, an outcome, only those past their deadline.</summary>
public sealed record FilingFilter(int? UnitId = null, FilingStatus? Status = null, bool OverdueOnly = false);

public sealed record VerdictRow(int PostId, int Seat, bool Accepted, string? Reason);

/// <summary>One frozen version as the reviewer judges it: everything shown comes from <see cref="Document"/>.</summary>
/// <remarks><see cref="Filing"/> and <see cref="Document"/> are null while nothing has been filed.</remarks>
public sealed record FilingVersionView(CompetitionHeader Header, FilingRow? Filing, FilingDocument? Document, bool DocumentIntact,
    IReadOnlyList<VerdictRow> Verdicts, IReadOnlyList<FilingRow> History, uint RowVersion, bool IsCurrent);

public sealed record DecisionDiff(string PostName, int Seat, FiledDecision? Left, FiledDecision? Right)
{
    public bool Changed => !Equivalent(Left, Right);

    private static bool Equivalent(FiledDecision? a, FiledDecision? b) =>
        a is not null && b is not null
            ? a with { SystemReason = [], Recused = [] } == b with { SystemReason = [], Recused = [] }
              && a.SystemReason.SequenceEqual(b.SystemReason) && a.Recused.SequenceEqual(b.Recused)
            : a is null && b is null;
}

/// <summary>Two versions side by side: each decision's row, and which other sections changed.</summary>
public sealed record VersionComparison(CompetitionHeader Header, FilingDocument Left, FilingDocument Right, IReadOnlyList<DecisionDiff> Decisions,
    IReadOnlyList<string> ChangedSections);

/// <summary>组织部备案: the reviewers' queue over every unit, the frozen versions, and comparing them.</summary>
public sealed class FilingsHandler(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<IReadOnlyList<FilingListItem>> ListAsync(Actor actor, FilingFilter? filter = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.EnsureCanReadFilings();
        filter ??= new FilingFilter();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var rows = await db.Competitions.AsNoTracking()
            .Where(c => filter.UnitId == null || c.UnitId == filter.UnitId)
            .SelectMany(c => c.Filings, (c, f) => new { c.Id, c.Name, c.UnitId, f.Version, f.SubmittedAt, f.DueOn, f.Status })
            .Where(r => filter.Status == null || r.Status == filter.Status)
            .ToListAsync(ct);
        var today = ChinaDate.Of(clock.GetUtcNow());
        // Pending first, the nearest deadline first: that is the reviewer's work queue.
        return [.. rows
            .Select(r => new FilingListItem(r.Id, r.Name, r.UnitId, units[r.UnitId], r.Version, r.SubmittedAt, r.DueOn, r.Status,
                r.Status == FilingStatus.Pending && today > r.DueOn))
            .Where(r => !filter.OverdueOnly || r.Overdue)
            .OrderBy(r => r.Status != FilingStatus.Pending)
            .ThenBy(r => r.Status == FilingStatus.Pending ? r.DueOn : DateOnly.MaxValue)
            .ThenByDescending(r => r.SubmittedAt)];
    }

    /// <summary>Every unit, for the queue's filter.</summary>
    public async Task<IReadOnlyList<Member>> UnitsAsync(Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.EnsureCanReadFilings();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Units.AsNoTracking().OrderBy(u => u.Id).Select(u => new Member(u.Id, u.Name)).ToListAsync(ct);
    }

    /// <summary>A frozen version (the latest when <paramref name="version"/> is null), read from its document, never from live data.</summary>
    public async Task<FilingVersionView> GetAsync(int competitionId, Actor actor, int? version = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.EnsureCanReadFilings();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await LoadAsync(db, competitionId, ct);
        if (c.LatestFiling is not { } latest)
        {
            return new FilingVersionView(await db.HeaderAsync(c, ct), null, null, true, [], [], 0, false);
        }

        var f = version is { } v ? c.Filings.FirstOrDefault(x => x.Version == v) ?? throw new DomainException("No such filing version.") : latest;
        return new FilingVersionView(await db.HeaderAsync(c, ct), Row(f), FilingDocument.Parse(f.Document),
            FilingDocument.HashOf(f.Document) == f.Sha256, [.. f.Verdicts.Select(x => new VerdictRow(x.PostId, x.Seat, x.Accepted, x.Reason))],
            DecisionsHandler.FilingRows(db, c), await RowVersionAsync(db, f.Id, ct), f.Version == latest.Version);
    }

    public async Task<VersionComparison> CompareAsync(int competitionId, Actor actor, int left, int right, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.EnsureCanReadFilings();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await LoadAsync(db, competitionId, ct);
        FilingDocument Doc(int v) => FilingDocument.Parse((c.Filings.FirstOrDefault(f => f.Version == v)
            ?? throw new DomainException("No such filing version.")).Document);
        var a = Doc(left);
        var b = Doc(right);
        var keys = a.Decisions.Select(d => (d.PostId, d.Seat, d.PostName)).Union(b.Decisions.Select(d => (d.PostId, d.Seat, d.PostName)))
            .DistinctBy(k => (k.PostId, k.Seat)).ToList();
        var rows = keys.Select(k => new DecisionDiff(k.PostName, k.Seat,
            a.Decisions.FirstOrDefault(d => d.PostId == k.PostId && d.Seat == k.Seat),
            b.Decisions.FirstOrDefault(d => d.PostId == k.PostId && d.Seat == k.Seat))).ToList();
        var sections = new (string Name, object A, object B)[]
        {
            ("Plan and posts", new { a.Plan, a.Posts }, new { b.Plan, b.Posts }),
            ("Applicants", a.Applicants, b.Applicants),
            ("Speech order", a.SpeechOrder, b.SpeechOrder),
            ("Turnout and tally", a.Tally, b.Tally),
            ("Committee meeting", a.Meeting, b.Meeting),
        };
        var changed = sections.Where(s => JsonSerializer.Serialize(s.A) != JsonSerializer.Serialize(s.B)).Select(s => s.Name).ToList();
        return new VersionComparison(await db.HeaderAsync(c, ct), a, b, rows, changed);
    }

    /// <summary>Whether this actor may press accept or refuse: a reviewer who neither decided nor filed it.</summary>
    public async Task<bool> MayReviewAsync(int competitionId, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.EnsureCanReadFilings();
        if (!actor.IsReviewer)
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return !await SeparationOfDuties.IsInvolvedAsync(db, competitionId, actor, ct);
    }

    /// <summary>予以备案 for every decision of the current version.</summary>
    public Task AcceptAsync(int competitionId, Actor actor, string? note, CancellationToken ct = default) =>
        ReviewFiling.RunAsync(dbFactory, competitionId, actor, null, c => c.AcceptFiling(actor.Name, note, clock.GetUtcNow()), ct);

    /// <summary>不予备案 for every decision, with one reason.</summary>
    public Task RefuseAsync(int competitionId, Actor actor, string reason, CancellationToken ct = default) =>
        ReviewFiling.RunAsync(dbFactory, competitionId, actor, null, c => c.RefuseFiling(actor.Name, reason, clock.GetUtcNow()), ct);

    /// <summary>No-tracking loads drop shadow properties, so the row version is read on its own.</summary>
    private static Task<uint> RowVersionAsync(AppDbContext db, int filingId, CancellationToken ct) =>
        db.Set<Filing>().Where(f => f.Id == filingId).Select(f => EF.Property<uint>(f, "RowVersion")).SingleAsync(ct);

    private static FilingRow Row(Filing f) =>
        new(f.Version, f.SubmittedAt, f.DueOn, f.Status, f.ReviewerName, f.ReviewNote, f.ReviewedAt, f.Sha256);

    private static async Task<Competition> LoadAsync(AppDbContext db, int competitionId, CancellationToken ct) =>
        await db.Competitions.AsNoTracking().Include(c => c.Filings).ThenInclude(f => f.Verdicts)
            .FirstOrDefaultAsync(x => x.Id == competitionId, ct) ?? throw new DomainException("No such competition.");
}
