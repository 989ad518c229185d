using CompetitivePosts.Domain;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Projector;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Tally;

/// <summary>What a round's projector shows now; <see cref="Results"/> is null while the plan withholds them.</summary>
public sealed record TallyProjectorView(string CompetitionName, int RoundNumber, string RoundTitle, TallySnapshot Snapshot, IReadOnlyList<PostTally>? Results)
{
    /// <summary>An evaluation round's projector shows turnout only, open or closed (docs/adr/0034).</summary>
    public bool TurnoutOnly => Snapshot.Kind == RoundKind.Evaluation;
}

/// <summary>
/// The projector page's data for a token: the live snapshot, and the ranking only when the round has closed
/// or the plan shows results during voting, as the full ranking or the qualified candidates only.
/// </summary>
public sealed class TallyProjectorQuery(ProjectorLinks links, TallyFeed feed, IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<TallyProjectorView?> GetAsync(string? token, CancellationToken ct = default)
    {
        var access = await links.ResolveAsync(token, ProjectorPurposes.Tally, ct);
        if (access?.ScopeId is not { } roundId || await feed.ReadAsync(roundId, ct) is not { } snapshot || snapshot.CompetitionId != access.CompetitionId)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var competition = await db.CompetitionAggregate.AsNoTracking().FirstAsync(c => c.Id == access.CompetitionId, ct);
        var round = competition.FindRound(roundId);
        IReadOnlyList<PostTally>? results = null;
        if (snapshot.ProjectorShowsResults)
        {
            var view = (await TallyQuery.FrameAsync(db, competition, roundId, ct)).Compose(snapshot.Counts, snapshot.Issued);
            results = snapshot.ProjectorResults == ProjectorResults.QualifiedOnly
                ? [.. view.Posts.Select(p => p with { Candidates = [.. p.Candidates.Where(c => !c.BelowMinimum)] })]
                : view.Posts;
        }

        return new TallyProjectorView(competition.Name, round.Number, round.Title, snapshot, results);
    }
}
