using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Decisions;
using CompetitivePosts.Domain.Tally;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Decisions;

public sealed record StandingRow(int CadreId, string Name, int Rank, decimal Percent, bool Withdrawn, bool BelowMinimum);

public sealed record AppointeeOption(int CadreId, string Name, decimal Percent, bool Applied);

public sealed record DecisionRow(int Seat, int? AppointeeId, string? AppointeeName, string? VacancyReason, JustificationCategory? Category,
    string? Justification, IReadOnlyList<Placement> SystemReason, IReadOnlyList<string> Recused, uint Version, bool? Accepted,
    string? RefusalReason);

public sealed record PostDecision(int PostId, string PostName, PostLevel Level, int Seats, IReadOnlyList<StandingRow> Standings,
    IReadOnlyList<AppointeeOption> Options, IReadOnlyList<DecisionRow?> Decisions, bool HasEligibleApplicant,
    IReadOnlyList<int> KinMemberIds);

public sealed record FilingRow(int Version, DateTimeOffset SubmittedAt, DateOnly DueOn, FilingStatus Status, string? ReviewerName,
    string? ReviewNote, DateTimeOffset? ReviewedAt, string Sha256);

public sealed record Member(int CadreId, string Name);

public sealed record RoundOption(int Id, int Number, string Title);

public sealed record MeetingView(DateOnly? Date, IReadOnlyList<int> AttendeeIds, string? Minutes);

public sealed record DecisionsView(CompetitionHeader Header, int TotalBallots, MeetingView Meeting, IReadOnlyList<Member> Leaders,
    IReadOnlyList<RoundOption> Rounds, int? DecidingRoundId, IReadOnlyList<PostDecision> Posts, IReadOnlyList<FilingRow> Filings);

/// <summary>党委会研究决定: the decisions page's view, the rule's preview, deciding a seat and submitting for filing.</summary>
public sealed class DecisionsHandler(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<DecisionsView> GetAsync(int competitionId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.LoadForViewAsync(competitionId, actor, ct);
        var header = await db.HeaderAsync(c, ct);
        var counts = c.DecidingRound is null ? null : await DecidingTally.LoadAsync(db, c, ct);
        var scores = counts is null ? new Dictionary<int, CandidateResult>() : c.Score(counts);
        var names = c.Cadres.ToDictionary(x => x.Id, x => x.Name);
        var candidates = c.Candidates.Select(x => x.Id).ToHashSet();
        var reassignable = c.Registrations.Where(r => r.AcceptsReassignment && candidates.Contains(r.CadreId)).Select(r => r.CadreId).ToList();
        var verdicts = c.LatestFiling is { ReviewedAt: not null } reviewed ? reviewed.Verdicts : [];
        decimal Pct(int id) => scores.TryGetValue(id, out var r) ? r.Percent : 0m;
        // No-tracking loads drop shadow properties, so the row versions the form sends back are read on their own.
        var versions = await db.Set<Decision>().Where(d => d.CompetitionId == competitionId)
            .Select(d => new { d.Id, Version = EF.Property<uint>(d, "Version") }).ToDictionaryAsync(x => x.Id, x => x.Version, ct);

        var posts = c.Posts.Where(p => !p.IsExcluded).OrderBy(p => p.Level).ThenBy(p => p.Id).Select(p =>
        {
            var standings = c.StandingsFor(p.Id, scores);
            var applied = standings.Select(s => s.CadreId).ToHashSet();
            var options = standings.Where(s => candidates.Contains(s.CadreId))
                .Select(s => new AppointeeOption(s.CadreId, s.Name, Pct(s.CadreId), true))
                .Concat(reassignable.Where(id => !applied.Contains(id)).Select(id => new AppointeeOption(id, names[id], Pct(id), false)))
                .ToList();
            var seats = Math.Max(1, p.Headcount);
            var rows = Enumerable.Range(1, seats).Select(seat =>
            {
                var d = c.Decisions.FirstOrDefault(x => x.PostId == p.Id && x.Seat == seat);
                var v = verdicts.FirstOrDefault(x => x.PostId == p.Id && x.Seat == seat);
                return d is null ? null : new DecisionRow(seat, d.AppointeeId, d.AppointeeId is { } a ? names[a] : null, d.VacancyReason,
                    d.Category, d.Justification, d.Placements, [.. d.RecusedIds.Select(r => names[r])],
                    versions.GetValueOrDefault(d.Id), v?.Accepted, v?.Reason);
            }).ToList();
            return new PostDecision(p.Id, p.Name, p.Level, seats,
                [.. standings.Select(s => new StandingRow(s.CadreId, s.Name, s.Rank, Pct(s.CadreId), s.Withdrawn, c.IsBelowMinimum(s.Score)))],
                options, rows, counts is not null && c.HasEligibleApplicant(p.Id, counts),
                [.. c.KinMembers(p.Id, null).Select(m => m.Id)]);
        }).ToList();
        var leaders = c.Cadres.Where(x => x.IsCountyLeader).OrderBy(x => x.Id).Select(x => new Member(x.Id, x.Name)).ToList();
        var rounds = c.Rounds.Where(r => r.Kind == RoundKind.Recommendation && r.Status == RoundStatus.Closed).OrderBy(r => r.Number)
            .Select(r => new RoundOption(r.Id, r.Number, r.Title)).ToList();
        return new DecisionsView(header, counts?.Ballots.Values.Sum() ?? 0, new MeetingView(c.MeetingDate, c.MeetingAttendeeIds, c.MeetingMinutes),
            leaders, rounds, c.DecidingRound?.Id, posts, FilingRows(db, c));
    }

    internal static IReadOnlyList<FilingRow> FilingRows(AppDbContext db, Competition c) =>
        [.. c.Filings.OrderByDescending(f => f.Version)
            .Select(f => new FilingRow(f.Version, f.SubmittedAt, f.DueOn, f.Status, f.ReviewerName, f.ReviewNote, f.ReviewedAt, f.Sha256))];

    /// <summary>What the rule says about a choice before it is saved, so the form can ask for a reason.</summary>
    public async Task<JustificationVerdict> PreviewAsync(int competitionId, Actor actor, int postId, int seat, int appointeeId,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.LoadForViewAsync(competitionId, actor, ct);
        return c.PreviewDecision(postId, seat, appointeeId, await DecidingTally.LoadAsync(db, c, ct));
    }

    /// <param name="expectedVersion">The decision as the page loaded it; a change saved meanwhile by someone else is refused.</param>
    public async Task DecideAsync(int competitionId, Actor actor, DecisionInput input, uint? expectedVersion = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.LoadForChangeAsync(competitionId, actor, ct);
        var counts = await DecidingTally.LoadAsync(db, c, ct);
        var decision = c.Decide(input, counts, clock.GetUtcNow());
        if (expectedVersion is { } expected && db.Entry(decision).State != EntityState.Added)
        {
            db.Entry(decision).Property<uint>("Version").OriginalValue = expected;
        }

        db.Audit(competitionId, actor.Who, AuditActions.Decide,
            new { input.PostId, input.Seat, vacant = input.AppointeeId is null, reason = decision.Justification ?? decision.VacancyReason });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Re-checks every decision, freezes the version with the audit chain's head, and submits it.</summary>
    public async Task<int> SubmitFilingAsync(int competitionId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.LoadForChangeAsync(competitionId, actor, ct);
        var counts = c.DecidingRound is null ? null : await DecidingTally.LoadAsync(db, c, ct);
        var head = await db.AuditHeads.AsNoTracking().Where(h => h.CompetitionId == competitionId)
            .Select(h => new AuditHead(h.Seq, h.Hash)).FirstOrDefaultAsync(ct) ?? new AuditHead(0, new string('0', 64));
        var filing = c.SubmitFiling(counts ?? throw new DomainException("There is no closed recommendation round to decide from."), head,
            clock.GetUtcNow());
        db.Audit(competitionId, actor.Who, AuditActions.FilingSubmit, new { filing.Version, filing.Sha256 });
        await db.SaveChangesAsync(ct);
        return filing.Version;
    }
}
