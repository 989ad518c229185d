using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Decisions;
using CompetitivePosts.Domain.Tally;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Tally;

public sealed record Turnout(VoterCategory Category, int Voters, int Ballots)
{
    public double Percent => Voters == 0 ? 0 : 100.0 * Ballots / Voters;
}

public sealed record CandidateRow(int Rank, int CadreId, string Name, CandidateResult Result, bool BelowMinimum);

public sealed record PostTally(int PostId, string PostName, PostLevel Level, IReadOnlyList<CandidateRow> Candidates)
{
    public IReadOnlyList<Standing> Standings =>
        [.. Candidates.Select(c => new Standing(c.CadreId, c.Name, c.Result.Score, c.Rank))];
}

public sealed record TallyView(
    CompetitionHeader Header,
    IReadOnlyList<Turnout> Turnout,
    IReadOnlyList<PostTally> Posts,
    IReadOnlyDictionary<int, CandidateResult> ByCandidate)
{
    public int TotalVoters => Turnout.Sum(t => t.Voters);

    public int TotalBallots => Turnout.Sum(t => t.Ballots);
}

/// <summary>Counts committed ballots in PostgreSQL and applies the 4:3:3 formula of the domain.</summary>
public sealed class TallyQuery(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<TallyView> GetAsync(int competitionId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var competition = await db.LoadForViewAsync(competitionId, actor, ct);
        return await ComputeAsync(db, competition, ct);
    }

    internal static async Task<TallyView> ComputeAsync(AppDbContext db, Competition competition, CancellationToken ct)
    {
        var ballots = await db.Ballots.AsNoTracking()
            .Where(b => b.CompetitionId == competition.Id)
            .GroupBy(b => b.Category)
            .Select(g => new { Category = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Category, g => g.Count, ct);

        var marks = await db.BallotMarks.AsNoTracking()
            .Join(db.Ballots.Where(b => b.CompetitionId == competition.Id), m => m.BallotId, b => b.Id, (m, b) => new { m.CandidateId, b.Category, m.Choice })
            .GroupBy(x => new { x.CandidateId, x.Category, x.Choice })
            .Select(g => new { g.Key.CandidateId, g.Key.Category, g.Key.Choice, Count = g.Count() })
            .ToListAsync(ct);

        var candidates = competition.Candidates.ToList();
        var results = TallyCalculator.Compute(
                candidates.Select(c => c.Id),
                ballots,
                marks.Select(m => new MarkCount(m.CandidateId, m.Category, m.Choice, m.Count)))
            .ToDictionary(r => r.CandidateId);

        var minimum = new Rational(competition.MinimumScorePercent, 100);
        var names = competition.Cadres.ToDictionary(c => c.Id, c => c.Name);
        var posts = competition.Posts
            .Where(p => !p.IsExcluded)
            .OrderBy(p => p.Level).ThenBy(p => p.Id)
            .Select(p =>
            {
                var applicants = competition.QualifiedApplications.Where(a => a.PostId == p.Id)
                    .Select(a => results[a.CadreId])
                    .OrderBy(r => names[r.CandidateId], StringComparer.Ordinal);
                var rows = Ranking.Rank(applicants, r => r.Score)
                    .Select(r => new CandidateRow(r.Rank, r.Item.CandidateId, names[r.Item.CandidateId], r.Item,
                        ballots.Count > 0 && r.Item.Score < minimum))
                    .ToList();
                return new PostTally(p.Id, p.Name, p.Level, rows);
            })
            .ToList();

        var turnout = Enum.GetValues<VoterCategory>()
            .Select(k => new Turnout(k, competition.Voters.Count(v => v.Category == k), ballots.GetValueOrDefault(k)))
            .ToList();

        return new TallyView(await db.HeaderAsync(competition, ct), turnout, posts, results);
    }
}
