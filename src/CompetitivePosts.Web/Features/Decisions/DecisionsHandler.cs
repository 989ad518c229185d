using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Decisions;
using CompetitivePosts.Domain.Tally;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Features.Tally;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Decisions;

public sealed record AppointeeOption(int CadreId, string Name, decimal Percent, bool Applied);

public sealed record DecisionRow(int AppointeeId, string AppointeeName, string? Justification, string? PlacedElsewhere);

public sealed record PostDecision(PostTally Tally, IReadOnlyList<AppointeeOption> Options, DecisionRow? Decision);

public sealed record FilingRow(int Version, DateTimeOffset SubmittedAt, FilingStatus Status, string? ReviewerName, string? ReviewNote,
    DateTimeOffset? ReviewedAt);

public sealed record DecisionsView(TallyView Tally, IReadOnlyList<PostDecision> Posts, IReadOnlyList<FilingRow> Filings);

/// <summary>党委会研究决定: appointees per post, the justification rule, and filing with the organization department.</summary>
public sealed class DecisionsHandler(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<DecisionsView> GetAsync(int competitionId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.LoadForViewAsync(competitionId, actor, ct);
        return await BuildAsync(db, c, ct);
    }

    internal static async Task<DecisionsView> BuildAsync(AppDbContext db, Competition c, CancellationToken ct)
    {
        var tally = await TallyQuery.ComputeAsync(db, c, ct);
        var names = c.Cadres.ToDictionary(x => x.Id, x => x.Name);
        var candidates = c.Candidates.Select(x => x.Id).ToHashSet();
        var reassignable = c.Registrations.Where(r => r.AcceptsReassignment && candidates.Contains(r.CadreId)).Select(r => r.CadreId).ToList();
        var posts = tally.Posts.Select(p =>
        {
            var applied = p.Candidates.Select(x => x.CadreId).ToHashSet();
            var options = p.Candidates.Select(x => new AppointeeOption(x.CadreId, x.Name, x.Result.Percent, true))
                .Concat(reassignable.Where(id => !applied.Contains(id))
                    .Select(id => new AppointeeOption(id, names[id], tally.ByCandidate[id].Percent, false)))
                .ToList();
            var d = c.Decisions.FirstOrDefault(x => x.PostId == p.PostId);
            var row = d is null ? null : new DecisionRow(d.AppointeeId, names[d.AppointeeId], d.Justification, d.SystemReason);
            return new PostDecision(p, options, row);
        }).ToList();
        var filings = c.Filings.OrderByDescending(f => f.Version)
            .Select(f => new FilingRow(f.Version, f.SubmittedAt, f.Status, f.ReviewerName, f.ReviewNote, f.ReviewedAt))
            .ToList();
        return new DecisionsView(tally, posts, filings);
    }

    /// <summary>What the rule says about a choice before it is saved, so the form can ask for a reason.</summary>
    public async Task<JustificationVerdict> PreviewAsync(int competitionId, Actor actor, int postId, int appointeeId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.LoadForViewAsync(competitionId, actor, ct);
        var tally = await TallyQuery.ComputeAsync(db, c, ct);
        var post = tally.Posts.First(p => p.PostId == postId);
        var elsewhere = c.Decisions.Where(d => d.PostId != postId).Select(d => d.AppointeeId).ToHashSet();
        return JustificationRule.Evaluate(post.Standings, appointeeId, ScoreOf(tally, appointeeId), elsewhere);
    }

    public async Task DecideAsync(int competitionId, Actor actor, int postId, int appointeeId, string? justification, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.LoadForChangeAsync(competitionId, actor, ct);
        var tally = await TallyQuery.ComputeAsync(db, c, ct);
        var post = tally.Posts.FirstOrDefault(p => p.PostId == postId) ?? throw new DomainException("No such post in this competition.");
        c.Decide(postId, appointeeId, post.Standings, ScoreOf(tally, appointeeId), justification, clock.GetUtcNow());
        db.Audit(competitionId, actor.Who, AuditActions.Decide);
        await db.SaveChangesAsync(ct);
    }

    public Task SubmitFilingAsync(int competitionId, Actor actor, CancellationToken ct = default) =>
        dbFactory.ChangeCompetitionAsync(competitionId, actor, AuditActions.FilingSubmit, c => c.SubmitFiling(clock.GetUtcNow()), ct);

    private static Rational ScoreOf(TallyView tally, int cadreId) =>
        tally.ByCandidate.TryGetValue(cadreId, out var r) ? r.Score : Rational.Zero;
}
