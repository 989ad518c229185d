using CompetitivePosts.Domain.Tally;
using CompetitivePosts.Domain.Voting;

namespace CompetitivePosts.Domain.Competitions;

/// <summary>A candidate's place on one post: the counts and score, the shared rank, whether it is below the plan's minimum, and whether the cadre withdrew.</summary>
/// <summary>
/// A candidate's place in a post's ranking. <c>Counted</c>: whether a ballot that counts has been cast; until then every score is
/// zero and the minimum marks nobody, so "reached" would say what nobody knows yet.
/// </summary>
public sealed record CandidateStanding(int CadreId, string Name, CandidateResult Result, int Rank, bool BelowMinimum, bool Withdrawn = false, bool Counted = true);

/// <summary>One competed post's candidates, best first; tied candidates share a rank and are ordered by name.</summary>
public sealed record PostStanding(int PostId, string PostName, PostLevel Level, IReadOnlyList<CandidateStanding> Candidates);

/// <summary>A round's standings per post, and every candidate's result (also those whose only post is excluded).</summary>
public sealed record RoundStandings(IReadOnlyDictionary<int, CandidateResult> Results, IReadOnlyList<PostStanding> Posts);

/// <summary>One incumbent's evaluation: the grades per category and the weighted 优秀+称职 rate (null without a ballot).</summary>
public sealed record EvaluationStanding(EvaluationResult Result, Rational? ExcellentOrCompetentRate);

/// <summary>
/// How the votes are weighed: the category weights (default 4:3:3), fixed once the first round opens, and
/// the standings the aggregate computes itself from a round's raw counts with its own weights and minimum.
/// </summary>
public partial class Competition
{
    // Initialisers, not the constructor: EF overwrites them with the stored values on load.
    public int WeightA { get; private set; } = Weights.Baoding.A;

    public int WeightB { get; private set; } = Weights.Baoding.B;

    public int WeightC { get; private set; } = Weights.Baoding.C;

    public Weights TallyWeights => new(WeightA, WeightB, WeightC);

    /// <summary>True until the first voting round opens; after that the weights of the announced plan stay as they were.</summary>
    public bool TallyWeightsEditable =>
        !IsArchived && Status < CompetitionStatus.Voting && _rounds.All(r => r.Status == RoundStatus.Prepared);

    public void ChangeTallyWeights(int a, int b, int c)
    {
        if (IsArchived)
        {
            throw new DomainException("This competition is archived and can no longer be changed.");
        }

        if (!TallyWeightsEditable)
        {
            throw new DomainException("The category weights are fixed once the first voting round has opened.");
        }

        var weights = Weights.Create(a, b, c);
        (WeightA, WeightB, WeightC) = (weights.A, weights.B, weights.C);
    }

    /// <summary>
    /// Every competed post's candidates ranked by their exact score in round <paramref name="roundId"/>, with this
    /// competition's weights and minimum score. Only the raw counts come from outside (what the stored ballots say);
    /// which line is which candidate comes from the round's own fixed ballot.
    /// </summary>
    public IReadOnlyList<PostStanding> Standings(int? roundId, IReadOnlyDictionary<VoterCategory, int> ballotsPerCategory, IEnumerable<ChoiceCount> counts) =>
        ScoreRound(roundId, ballotsPerCategory, counts).Posts;

    /// <summary>
    /// <see cref="Standings"/> with every candidate's result. A null <paramref name="roundId"/> is the tally before any
    /// round opened: everyone at zero and nobody marked below the minimum.
    /// </summary>
    public RoundStandings ScoreRound(int? roundId, IReadOnlyDictionary<VoterCategory, int> ballotsPerCategory, IEnumerable<ChoiceCount> counts)
    {
        ArgumentNullException.ThrowIfNull(ballotsPerCategory);
        ArgumentNullException.ThrowIfNull(counts);
        var marks = roundId is { } id ? RoundTally.Marks(FindRound(id), counts) : [];
        var results = TallyCalculator.Compute(Candidates.Select(c => c.Id), ballotsPerCategory, marks, TallyWeights)
            .ToDictionary(r => r.CandidateId);
        // Only ballots that count: a category the plan weighs 0 leaves every score at zero, which says nothing yet.
        var anyBallot = ballotsPerCategory.Any(b => b.Value > 0 && TallyWeights.For(b.Key) > 0);
        var names = _cadres.ToDictionary(c => c.Id, c => c.Name);
        return new RoundStandings(results, [.. _posts.Where(p => !p.IsExcluded).OrderBy(p => p.Level).ThenBy(p => p.Id).Select(p =>
            new PostStanding(p.Id, p.Name, p.Level,
                Rank(QualifiedApplications.Where(a => a.PostId == p.Id).Select(a => a.CadreId), results, anyBallot, names)))]);
    }

    /// <summary>True when <paramref name="score"/> is below the plan's minimum (exactly the minimum is not below).</summary>
    public bool IsBelowMinimum(Rational score) => score < new Rational(MinimumScorePercent, 100);

    /// <summary>
    /// The one ranking rule of the tally, the committee and the filing: by exact score, ties share a rank and are
    /// ordered by name; a candidate below the minimum is marked once there is a ballot. A cadre without a result
    /// (no deciding counts yet) stands at zero.
    /// </summary>
    private List<CandidateStanding> Rank(IEnumerable<int> cadreIds, IReadOnlyDictionary<int, CandidateResult> results, bool anyBallot,
        Dictionary<int, string> names)
    {
        var ordered = cadreIds.Distinct().Select(id => results.GetValueOrDefault(id) ?? CandidateResult.Unscored(id))
            .OrderBy(r => names[r.CandidateId], StringComparer.Ordinal).ThenBy(r => r.CandidateId);
        return [.. Ranking.Rank(ordered, r => r.Score).Select(r => new CandidateStanding(r.Item.CandidateId, names[r.Item.CandidateId], r.Item,
            r.Rank, anyBallot && IsBelowMinimum(r.Item.Score), IsWithdrawn(r.Item.CandidateId), anyBallot))];
    }

    /// <summary>An evaluation round's grades per incumbent with the weighted 优秀+称职 rate, by this competition's weights.</summary>
    public IReadOnlyList<EvaluationStanding> EvaluationStandings(int roundId, IReadOnlyDictionary<VoterCategory, int> ballotsPerCategory,
        IEnumerable<ChoiceCount> counts) =>
        [.. RoundTally.Evaluate(FindRound(roundId), ballotsPerCategory, counts)
            .Select(r => new EvaluationStanding(r, r.ExcellentOrCompetentRate(TallyWeights)))];

    /// <summary>
    /// Chooses what the projector of a recommendation round shows after the close, and whether it may show
    /// results while voting goes on. Allowed until the round closes: afterwards the projector already shows them.
    /// </summary>
    public void SetProjectorResults(int roundId, ProjectorResults results, bool duringVoting)
    {
        var round = FindRound(roundId);
        if (round.Kind != RoundKind.Recommendation)
        {
            throw new DomainException("Only a recommendation round is scored 4:3:3.");
        }

        if (round.Status == RoundStatus.Closed)
        {
            throw new DomainException("The round is closed; what its projector shows can no longer change.");
        }

        round.SetProjector(results, duringVoting);
    }
}
