using CompetitivePosts.Domain.Voting;

namespace CompetitivePosts.Domain.Tally;

/// <summary>How many ballots of one category gave the line at <paramref name="Position"/> the choice <paramref name="Choice"/> (0: unmarked).</summary>
public sealed record ChoiceCount(int Position, VoterCategory Category, short Choice, int Count);

/// <summary>One category's grades for one incumbent; shares are of the category's ballots.</summary>
public sealed record GradeCounts(int Excellent, int Competent, int BasicallyCompetent, int Incompetent, int Ballots)
{
    public int Ungraded => Ballots - Excellent - Competent - BasicallyCompetent - Incompetent;

    public int Count(Grade grade) => grade switch
    {
        Grade.Excellent => Excellent,
        Grade.Competent => Competent,
        Grade.BasicallyCompetent => BasicallyCompetent,
        Grade.Incompetent => Incompetent,
        _ => throw new ArgumentOutOfRangeException(nameof(grade)),
    };

    /// <summary>The grade's share of the category's ballots; null when the category cast none.</summary>
    public Rational? Share(Grade grade) => Ballots == 0 ? null : new Rational(Count(grade), Ballots);

    public static GradeCounts operator +(GradeCounts a, GradeCounts b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(a.Excellent + b.Excellent, a.Competent + b.Competent, a.BasicallyCompetent + b.BasicallyCompetent,
            a.Incompetent + b.Incompetent, a.Ballots + b.Ballots);
    }

    public static GradeCounts Add(GradeCounts a, GradeCounts b) => a + b;
}

public sealed record EvaluationResult(RoundItem Item, string Group, IReadOnlyDictionary<VoterCategory, GradeCounts> ByCategory)
{
    public GradeCounts Total => ByCategory.Values.Aggregate(new GradeCounts(0, 0, 0, 0, 0), (a, b) => a + b);

    /// <summary>One grade's share of one category's ballots; null when the category cast none.</summary>
    public Rational? Share(VoterCategory category, Grade grade) =>
        ByCategory.TryGetValue(category, out var counts) ? counts.Share(grade) : null;

    /// <summary>
    /// The share of the given grades, weighted across categories as the recommendation score is: each
    /// category's share of its own ballots, categories without a ballot dropped and the rest renormalised.
    /// Null when no category counts (no ballot, or only zero-weighted categories voted).
    /// </summary>
    public Rational? WeightedShare(Weights weights, params Grade[] grades)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(grades);
        var ballots = ByCategory.ToDictionary(p => p.Key, p => p.Value.Ballots);
        return TallyCalculator.Weighted(weights.Renormalised(ballots), k =>
            ByCategory.TryGetValue(k, out var c) && c.Ballots > 0 ? new Rational(grades.Distinct().Sum(c.Count), c.Ballots) : null);
    }

    /// <summary>优秀+称职率: the weighted share of Excellent and Competent grades (default weights 4:3:3).</summary>
    public Rational? ExcellentOrCompetentRate(Weights? weights = null) =>
        WeightedShare(weights ?? Weights.Baoding, Grade.Excellent, Grade.Competent);
}

/// <summary>
/// Turns a round's stored counts (by position, category and choice) into what the tally shows: the
/// recommendation's marks per candidate for <see cref="TallyCalculator"/>, or an evaluation's grades
/// per incumbent and category (民主测评 by grade per category).
/// </summary>
public static class RoundTally
{
    private static readonly VoterCategory[] Categories = [VoterCategory.A, VoterCategory.B, VoterCategory.C];

    public static IEnumerable<MarkCount> Marks(VotingRound round, IEnumerable<ChoiceCount> counts)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(counts);
        if (round.Kind != RoundKind.Recommendation)
        {
            throw new DomainException("Only a recommendation round is scored 4:3:3.");
        }

        var byPosition = round.Items.ToDictionary(i => i.Position);
        return counts
            .Where(c => byPosition.ContainsKey(c.Position) && Enum.IsDefined((Choice)c.Choice))
            .Select(c => new MarkCount(byPosition[c.Position].CadreId, c.Category, (Choice)c.Choice, c.Count));
    }

    public static IReadOnlyList<EvaluationResult> Evaluate(VotingRound round, IReadOnlyDictionary<VoterCategory, int> ballotsPerCategory,
        IEnumerable<ChoiceCount> counts)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(ballotsPerCategory);
        ArgumentNullException.ThrowIfNull(counts);
        if (round.Kind != RoundKind.Evaluation)
        {
            throw new DomainException("Only an evaluation round is tallied by grade.");
        }

        var lookup = counts.GroupBy(c => (c.Position, c.Category, c.Choice)).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        int N(int position, VoterCategory k, Grade g) => lookup.GetValueOrDefault((position, k, (short)g));
        var groups = round.Groups.ToDictionary(g => g.Index, g => g.Name);
        return [.. round.Items.OrderBy(i => i.Position).Select(item => new EvaluationResult(
            item,
            groups.GetValueOrDefault(item.Group, ""),
            Categories.ToDictionary(k => k, k => new GradeCounts(
                N(item.Position, k, Grade.Excellent), N(item.Position, k, Grade.Competent),
                N(item.Position, k, Grade.BasicallyCompetent), N(item.Position, k, Grade.Incompetent),
                ballotsPerCategory.GetValueOrDefault(k)))))];
    }
}
