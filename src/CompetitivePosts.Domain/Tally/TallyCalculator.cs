namespace CompetitivePosts.Domain.Tally;

/// <summary>
/// Category weights; Baoding used A:B:C = 4:3:3. A plan may set others (<see cref="Create"/> validates them):
/// whole numbers from 0 to <see cref="Max"/>, at least one above zero. A weight of 0 leaves that category out of the score.
/// </summary>
public sealed record Weights(int A, int B, int C)
{
    /// <summary>Large enough for any plan written in percentages, small enough that nobody types 4000:3000:3000 by mistake.</summary>
    public const int Max = 100;

    public static Weights Baoding { get; } = new(4, 3, 3);

    /// <summary>Validated weights; the constructor stays unchecked so existing callers keep compiling.</summary>
    public static Weights Create(int a, int b, int c)
    {
        if (a < 0 || b < 0 || c < 0 || a > Max || b > Max || c > Max)
        {
            throw new DomainException("Each category weight must be a whole number from 0 to {0}.", Max);
        }

        if (a + b + c == 0)
        {
            throw new DomainException("At least one category weight must be above zero.");
        }

        return new Weights(a, b, c);
    }

    /// <summary>The weight each category counts with once the categories that cast no ballot drop out (null: left out).</summary>
    public IReadOnlyDictionary<VoterCategory, Rational?> Renormalised(IReadOnlyDictionary<VoterCategory, int> ballotsPerCategory)
    {
        ArgumentNullException.ThrowIfNull(ballotsPerCategory);
        var active = TallyCalculator.Categories.Where(k => ballotsPerCategory.GetValueOrDefault(k) > 0).Sum(For);
        return TallyCalculator.Categories.ToDictionary(k => k,
            k => ballotsPerCategory.GetValueOrDefault(k) > 0 && active > 0 ? new Rational(For(k), active) : (Rational?)null);
    }

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{A}:{B}:{C}");

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
    /// <summary>The score as a percentage, rounded half away from zero to 2 decimals (display only; ranking uses <see cref="Score"/>).</summary>
    public decimal Percent => Score.ToPercent();

    /// <summary>A candidate no ballot has counted yet: no marks in any category and a score of zero.</summary>
    public static CandidateResult Unscored(int candidateId) =>
        new(candidateId, TallyCalculator.Categories.ToDictionary(k => k, _ => new CategoryCounts(0, 0, 0, 0)), Rational.Zero);
}

/// <summary>
/// The 4:3:3 formula of DESIGN.md §2:
/// score(c) = Σ w_k · agree_k(c)/ballots_k ÷ Σ_{k: ballots_k &gt; 0} w_k.
/// A category with no ballot drops out and the remaining weights are renormalised.
/// </summary>
public static class TallyCalculator
{
    internal static readonly VoterCategory[] Categories = [VoterCategory.A, VoterCategory.B, VoterCategory.C];

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

        var share = weights.Renormalised(ballotsPerCategory);

        var results = new List<CandidateResult>();
        foreach (var id in candidateIds.Distinct())
        {
            var counts = Categories.ToDictionary(
                k => k,
                k => new CategoryCounts(Count(id, k, Choice.Agree), Count(id, k, Choice.Disagree), Count(id, k, Choice.Abstain), Ballots(k)));

            var score = Weighted(share, k => counts[k].Rate) ?? Rational.Zero;

            results.Add(new CandidateResult(id, counts, score));
        }

        return results;
    }

    /// <summary>Σ renormalised weight × rate over the categories that count; null when none does.</summary>
    internal static Rational? Weighted(IReadOnlyDictionary<VoterCategory, Rational?> share, Func<VoterCategory, Rational?> rate)
    {
        Rational? sum = null;
        foreach (var k in Categories)
        {
            if (share[k] is { } w && rate(k) is { } r)
            {
                sum = (sum ?? Rational.Zero) + (w * r);
            }
        }

        return sum;
    }
}
