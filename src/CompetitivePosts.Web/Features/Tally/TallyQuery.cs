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

public sealed record PostTally(int PostId, string PostName, PostLevel Level, IReadOnlyList<CandidateStanding> Candidates)
{
    public IReadOnlyList<Standing> Standings =>
        [.. Candidates.Select(c => new Standing(c.CadreId, c.Name, c.Result.Score, c.Rank))];
}

/// <summary>A round the tally can show: a recommendation round (4:3:3 per post) or an evaluation round (grades per incumbent).</summary>
public sealed record TallyRound(int Id, int Number, string Title, RoundStatus Status, bool IsSigned, RoundKind Kind);

public sealed record TallyView(
    CompetitionHeader Header,
    IReadOnlyList<Turnout> Turnout,
    IReadOnlyList<PostTally> Posts,
    IReadOnlyDictionary<int, CandidateResult> ByCandidate,
    TallyRound? Round = null,
    IReadOnlyList<TallyRound>? Rounds = null,
    int? CountingRoundId = null,
    Weights? TallyWeights = null,
    IReadOnlyList<EvaluationStanding>? Evaluation = null)
{
    /// <summary>The competition's category weights the scores were computed with.</summary>
    public Weights Weights => TallyWeights ?? Weights.Baoding;

    public int TotalVoters => Turnout.Sum(t => t.Voters);

    public int TotalBallots => Turnout.Sum(t => t.Ballots);
}

/// <summary>
/// Everything of a tally that does not change with each ballot: the competition (posts, candidates, names,
/// weights, minimum), the round's lines, the slips issued per category. A live dashboard loads it once and
/// applies each pushed count to it (<see cref="TallyFrame.Compose"/>), so a push never reloads the competition;
/// the ranking itself is the competition's own (<see cref="Competition.ScoreRound"/>).
/// </summary>
public sealed record TallyFrame(
    CompetitionHeader Header,
    Competition Competition,
    VotingRound? Round,
    IReadOnlyDictionary<VoterCategory, int> Issued,
    IReadOnlyList<TallyRound> Rounds,
    int? CountingRoundId)
{
    public Weights Weights => Competition.TallyWeights;

    /// <summary>The view of <paramref name="counts"/>; <paramref name="issued"/> replaces the slips issued when a snapshot brings newer ones.</summary>
    public TallyView Compose(RoundCounts counts, IReadOnlyDictionary<VoterCategory, int>? issued = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var ballots = counts.Ballots;
        var turnout = Enum.GetValues<VoterCategory>()
            .Select(k => new Turnout(k, (issued ?? Issued).GetValueOrDefault(k), ballots.GetValueOrDefault(k)))
            .ToList();
        // A round not opened yet is not among those listed to choose from, but its report still names it.
        var shown = Round is null ? null
            : Rounds.FirstOrDefault(r => r.Id == Round.Id) ?? new TallyRound(Round.Id, Round.Number, Round.Title, Round.Status, Round.IsSigned, Round.Kind);
        if (Round is { Kind: RoundKind.Evaluation } evaluation)
        {
            // Graded by incumbent, not ranked per post: the same standings as the round page and the report.
            return new TallyView(Header, turnout, [], new Dictionary<int, CandidateResult>(), shown, Rounds, CountingRoundId, Weights,
                Competition.EvaluationStandings(evaluation.Id, ballots, counts.Choices));
        }

        var standings = Competition.ScoreRound(Round?.Id, ballots, Round is null ? [] : counts.Choices);
        var posts = standings.Posts.Select(p => new PostTally(p.PostId, p.PostName, p.Level, p.Candidates)).ToList();
        return new TallyView(Header, turnout, posts, standings.Results, shown, Rounds, CountingRoundId, Weights);
    }
}

/// <summary>Counts committed ballots in PostgreSQL and applies the weighted formula of the domain.</summary>
public sealed class TallyQuery(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>The tally of <paramref name="roundId"/>, or of the counting round (<see cref="Competition.CountingRound"/>) when null.</summary>
    public async Task<TallyView> GetAsync(int competitionId, Actor actor, int? roundId = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // The ballots per kind, the marks and the issued slips as of one moment: read one after another during voting, a
        // kind's ballot total could include a ballot whose marks were not yet counted.
        return await db.InOneSnapshotAsync(async () => await ComputeAsync(db, await db.LoadForViewAsync(competitionId, actor, ct), ct, roundId), ct);
    }

    /// <summary>
    /// The frame a live dashboard composes pushed counts into (checks the actor may see the unit). Without a round it shows
    /// the counting round, or before any recommendation round has opened the latest opened round (an evaluation held first).
    /// </summary>
    public async Task<TallyFrame> FrameAsync(int competitionId, Actor actor, int? roundId = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var competition = await db.LoadForViewAsync(competitionId, actor, ct);
        roundId ??= competition.CountingRound?.Id
            ?? competition.Rounds.Where(r => r.Status != RoundStatus.Prepared).MaxBy(r => r.Number)?.Id;
        return await FrameAsync(db, competition, roundId, ct);
    }

    /// <summary>The tally recounted from the stored ballots (what the decisions rely on).</summary>
    internal static async Task<TallyView> ComputeAsync(AppDbContext db, Competition competition, CancellationToken ct, int? roundId = null)
    {
        var frame = await FrameAsync(db, competition, roundId, ct);
        var counts = frame.Round is null ? RoundCounts.None : await RoundCounts.LoadAsync(db, frame.Round.Id, ct);
        return frame.Compose(counts);
    }

    internal static async Task<TallyFrame> FrameAsync(AppDbContext db, Competition competition, int? roundId, CancellationToken ct)
    {
        var round = roundId is { } id ? competition.FindRound(id) : competition.CountingRound;
        var issued = round is null
            ? competition.Voters.Where(v => !v.IsExcluded).GroupBy(v => v.Category).ToDictionary(g => g.Key, g => g.Count())
            : await IssuedAsync(db, round.Id, ct);
        var rounds = competition.Rounds.Where(r => r.Status != RoundStatus.Prepared).OrderBy(r => r.Number)
            .Select(r => new TallyRound(r.Id, r.Number, r.Title, r.Status, r.IsSigned, r.Kind)).ToList();
        return new TallyFrame(await db.HeaderAsync(competition, ct), competition, round, issued, rounds, competition.CountingRound?.Id);
    }

    /// <summary>Slips that can be or were cast (not revoked), per ballot kind of the slip: the denominator of turnout.</summary>
    internal static async Task<Dictionary<VoterCategory, int>> IssuedAsync(AppDbContext db, int roundId, CancellationToken ct) =>
        await db.BallotTokens.AsNoTracking()
            .Where(t => t.RoundId == roundId && t.RevokedAt == null)
            .GroupBy(t => t.Category)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
}
