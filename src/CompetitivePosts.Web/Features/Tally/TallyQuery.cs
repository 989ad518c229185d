using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Decisions;
using CompetitivePosts.Domain.Tally;
using CompetitivePosts.Domain.Voting;
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

/// <summary>A recommendation round the tally can show.</summary>
public sealed record TallyRound(int Id, int Number, string Title, RoundStatus Status, bool IsSigned);

public sealed record TallyView(
    CompetitionHeader Header,
    IReadOnlyList<Turnout> Turnout,
    IReadOnlyList<PostTally> Posts,
    IReadOnlyDictionary<int, CandidateResult> ByCandidate,
    TallyRound? Round = null,
    IReadOnlyList<TallyRound>? Rounds = null,
    int? CountingRoundId = null)
{
    public int TotalVoters => Turnout.Sum(t => t.Voters);

    public int TotalBallots => Turnout.Sum(t => t.Ballots);
}

/// <summary>Counts committed ballots in PostgreSQL and applies the 4:3:3 formula of the domain.</summary>
public sealed class TallyQuery(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>The tally of <paramref name="roundId"/>, or of the counting round (<see cref="Competition.CountingRound"/>) when null.</summary>
    public async Task<TallyView> GetAsync(int competitionId, Actor actor, int? roundId = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var competition = await db.LoadForViewAsync(competitionId, actor, ct);
        return await ComputeAsync(db, competition, ct, roundId);
    }

    internal static async Task<TallyView> ComputeAsync(AppDbContext db, Competition competition, CancellationToken ct, int? roundId = null)
    {
        var round = roundId is { } id ? competition.FindRound(id) : competition.CountingRound;
        if (round is { Kind: not RoundKind.Recommendation })
        {
            throw new DomainException("Only a recommendation round is scored 4:3:3.");
        }

        var counts = round is null ? RoundCounts.None : await RoundCounts.LoadAsync(db, round.Id, ct);
        var ballots = counts.Ballots;
        var candidates = competition.Candidates.ToList();
        var results = TallyCalculator.Compute(
                candidates.Select(c => c.Id),
                ballots,
                round is null ? [] : RoundTally.Marks(round, counts.Choices), competition.TallyWeights)
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

        var issued = round is null
            ? competition.Voters.Where(v => !v.IsExcluded).GroupBy(v => v.Category).ToDictionary(g => g.Key, g => g.Count())
            : await IssuedAsync(db, round.Id, ct);
        var turnout = Enum.GetValues<VoterCategory>()
            .Select(k => new Turnout(k, issued.GetValueOrDefault(k), ballots.GetValueOrDefault(k)))
            .ToList();

        var rounds = competition.Rounds.Where(r => r.Kind == RoundKind.Recommendation && r.Status != RoundStatus.Prepared).OrderBy(r => r.Number)
            .Select(r => new TallyRound(r.Id, r.Number, r.Title, r.Status, r.IsSigned)).ToList();
        return new TallyView(await db.HeaderAsync(competition, ct), turnout, posts, results, rounds.FirstOrDefault(r => r.Id == round?.Id), rounds,
            competition.CountingRound?.Id);
    }

    /// <summary>Slips that can be or were cast (not revoked), per ballot kind of their voter: the denominator of turnout.</summary>
    internal static async Task<Dictionary<VoterCategory, int>> IssuedAsync(AppDbContext db, int roundId, CancellationToken ct) =>
        await db.BallotTokens.AsNoTracking()
            .Where(t => t.RoundId == roundId && t.RevokedAt == null)
            .Join(db.Voters, t => t.VoterId, v => v.Id, (t, v) => v.Category)
            .GroupBy(k => k)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
}
