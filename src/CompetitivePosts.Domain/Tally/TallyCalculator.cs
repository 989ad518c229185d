namespace CompetitivePosts.Domain.Tally;

/// <summary>Category weights; Baoding used A:B:C = 4:3:3.</summary>
public sealed record Weights(int A, int B, int C)
{
    public static Weights Baoding { get; } = new(4, 3, 3);

    public int For(VoterCategory category) => category switch
    {
        VoterCategory.A => A,
        VoterCategory.B => B,
        VoterCategory.C => C,
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };
}

/// <summary>How many ballots of one category gave one candidate one choice.</summary>
public sealed record MarkCount(int CandidateId, VoterCategory Category, Choice Choice, int Count);

public sealed record CategoryCounts(int Agree, int Disagree, int Abstain, int Ballots)
{
    /// <summary>Approval rate of this category; null when the category cast no ballot.</summary>
    public Rational? Rate => Ballots == 0 ? null : new Rational(Agree, Ballots);
}

public sealed record CandidateResult(int CandidateId, IReadOnlyDictionary<VoterCategory, CategoryCounts> Counts, Rational Score)
{
    public decimal Percent => Math.Round(Score.ToDecimal() * 100m, 2, MidpointRounding.AwayFromZero);
}

/// <summary>
/// The 4:3:3 formula of DESIGN.md §2:
/// score(c) = Σ w_k · agree_k(c)/ballots_k ÷ Σ_{k: ballots_k &gt; 0} w_k.
/// A category with no ballot drops out and the remaining weights are renormalised.
/// </summary>
public static class TallyCalculator
{
    private static readonly VoterCategory[] Categories = [VoterCategory.A, VoterCategory.B, VoterCategory.C];

    public static IReadOnlyList<CandidateResult> Compute(
        IEnumerable<int> candidateIds,
        IReadOnlyDictionary<VoterCategory, int> ballotsPerCategory,
        IEnumerable<MarkCount> marks,
        Weights? weights = null)
    {
        ArgumentNullException.ThrowIfNull(candidateIds);
        ArgumentNullException.ThrowIfNull(ballotsPerCategory);
        ArgumentNullException.ThrowIfNull(marks);
        weights ??= Weights.Baoding;

        var lookup = marks
            .GroupBy(m => (m.CandidateId, m.Category, m.Choice))
            .ToDictionary(g => g.Key, g => g.Sum(m => m.Count));
        int Count(int id, VoterCategory k, Choice ch) => lookup.GetValueOrDefault((id, k, ch));
        int Ballots(VoterCategory k) => ballotsPerCategory.GetValueOrDefault(k);

        var activeWeight = Categories.Where(k => Ballots(k) > 0).Sum(weights.For);

        var results = new List<CandidateResult>();
        foreach (var id in candidateIds.Distinct())
        {
            var counts = Categories.ToDictionary(
                k => k,
                k => new CategoryCounts(Count(id, k, Choice.Agree), Count(id, k, Choice.Disagree), Count(id, k, Choice.Abstain), Ballots(k)));

            var score = Rational.Zero;
            if (activeWeight > 0)
            {
                foreach (var k in Categories)
                {
                    if (counts[k].Rate is { } rate)
                    {
                        score += new Rational(weights.For(k), activeWeight) * rate;
                    }
                }
            }

            results.Add(new CandidateResult(id, counts, score));
        }

        return results;
    }
}
