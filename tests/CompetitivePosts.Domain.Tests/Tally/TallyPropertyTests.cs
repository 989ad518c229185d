using System.Numerics;
using CompetitivePosts.Domain.Tally;
using CompetitivePosts.Domain.Voting;
using CsCheck;

namespace CompetitivePosts.Domain.Tests.Tally;

/// <summary>
/// Properties of the weighted score that must hold for every round, checked on random rounds with CsCheck
/// (random weights, unequal turnout, empty categories, up to 8 candidates).
/// </summary>
public class TallyPropertyTests
{
    private static readonly VoterCategory[] Categories = [VoterCategory.A, VoterCategory.B, VoterCategory.C];

    /// <summary>0, 1, 2 for A, B, C (the enum starts at 1).</summary>
    private static int I(VoterCategory k) => (int)k - 1;

    /// <summary>A random round: weights, ballots per category, and each candidate's agree count per category (≤ the ballots).</summary>
    private sealed record RoundCase(Weights Weights, int[] Ballots, int[][] Agree)
    {
        public Dictionary<VoterCategory, int> BallotMap => Categories.ToDictionary(k => k, k => Ballots[I(k)]);

        public IEnumerable<MarkCount> Marks => Agree.SelectMany((row, id) => Categories.Select(k => new MarkCount(id, k, Choice.Agree, row[I(k)])));

        public IReadOnlyList<CandidateResult> Compute() =>
            TallyCalculator.Compute(Enumerable.Range(0, Agree.Length), BallotMap, Marks, Weights);
    }

    private static readonly Gen<Weights> GenWeights =
        Gen.Select(Gen.Int[0, 10], Gen.Int[0, 10], Gen.Int[0, 10]).Where(w => w.Item1 + w.Item2 + w.Item3 > 0)
            .Select(w => Weights.Create(w.Item1, w.Item2, w.Item3));

    /// <param name="mask">Bit k set: category k casts no ballot.</param>
    private static Gen<RoundCase> GenRound(int? mask = null) =>
        from weights in GenWeights
        from m in mask is { } fixedMask ? Gen.Const(fixedMask) : Gen.Int[0, 7]
        from a in Gen.Int[1, 12]
        from b in Gen.Int[1, 40]
        from c in Gen.Int[1, 120]
        let ballots = new[] { (m & 1) != 0 ? 0 : a, (m & 2) != 0 ? 0 : b, (m & 4) != 0 ? 0 : c }
        from n in Gen.Int[1, 8]
        from fractions in Gen.Double[0, 1].Array[3].Array[n]
        select new RoundCase(weights, ballots,
            [.. fractions.Select(f => new[] { (int)(f[0] * ballots[0]), (int)(f[1] * ballots[1]), (int)(f[2] * ballots[2]) })]);

    [Fact]
    public void Compute_AnyRound_EveryScoreIsBetweenZeroAndOne() =>
        GenRound().Sample(r => r.Compute().All(x => x.Score >= Rational.Zero && x.Score <= new Rational(1, 1)), iter: 2000);

    [Fact]
    public void Compute_AnotherBallotAgreeingWithOneCandidate_NeverLowersItsScoreNorRaisesAnothers() =>
        Gen.Select(GenRound(), Gen.Int[0, 7], Gen.Int[0, 2]).Sample((r, pick, category) =>
        {
            var who = pick % r.Agree.Length;
            var before = r.Compute();
            // One more ballot of that category: it agrees with `who` and with nobody else.
            var ballots = (int[])r.Ballots.Clone();
            ballots[category]++;
            var agree = r.Agree.Select((row, id) => id == who ? row.Select((x, k) => k == category ? x + 1 : x).ToArray() : row).ToArray();
            var after = (r with { Ballots = ballots, Agree = agree }).Compute();
            return after[who].Score >= before[who].Score
                && before.Zip(after).Where((_, id) => id != who).All(p => p.Second.Score <= p.First.Score);
        }, iter: 2000);

    [Fact]
    public void Compute_OneBallotChangedToAgree_NeverLowersThatScoreAndLeavesTheOthers() =>
        Gen.Select(GenRound(), Gen.Int[0, 7], Gen.Int[0, 2]).Sample((r, pick, category) =>
        {
            var who = pick % r.Agree.Length;
            if (r.Agree[who][category] >= r.Ballots[category])
            {
                return true; // every ballot of that category already agrees: nothing to change
            }

            var before = r.Compute();
            var agree = r.Agree.Select((row, id) => id == who ? row.Select((x, k) => k == category ? x + 1 : x).ToArray() : row).ToArray();
            var after = (r with { Agree = agree }).Compute();
            return after[who].Score > before[who].Score || r.Weights.For(Categories[category]) == 0
                ? before.Zip(after).Where((_, id) => id != who).All(p => p.Second.Score == p.First.Score)
                : false;
        }, iter: 2000);

    [Fact]
    public void Compute_BallotsInAnyOrder_GiveTheSameResult() =>
        Gen.Select(GenRound(), Gen.Int).Sample((r, seed) =>
        {
            // One MarkCount per single ballot mark, in a random order: the store may hand them over in any order.
            var single = r.Marks.SelectMany(m => Enumerable.Repeat(m with { Count = 1 }, m.Count)).ToArray();
            new Random(seed).Shuffle(single);
            var shuffled = TallyCalculator.Compute(Enumerable.Range(0, r.Agree.Length).Reverse(), r.BallotMap, single, r.Weights)
                .OrderBy(x => x.CandidateId);
            return r.Compute().Select(x => x.Score).SequenceEqual(shuffled.Select(x => x.Score));
        }, iter: 500);

    [Theory]
    [InlineData(0)] // all three categories voted
    [InlineData(1)] // A empty
    [InlineData(2)] // B empty
    [InlineData(3)] // A and B empty
    [InlineData(4)] // C empty
    [InlineData(5)] // A and C empty
    [InlineData(6)] // B and C empty
    [InlineData(7)] // nobody voted
    public void Compute_EveryCombinationOfEmptyCategories_MatchesTheCrossMultipliedFormula(int mask) =>
        GenRound(mask).Sample(r =>
        {
            // Independent of the code under test: one fraction over the common denominator Π n_k of the
            // categories that voted, num = Σ w_k · a_k · Π_{j≠k} n_j, den = Σ w_k · Π n_k.
            var voted = Categories.Where(k => r.Ballots[I(k)] > 0).ToList();
            BigInteger product = voted.Aggregate(BigInteger.One, (p, k) => p * r.Ballots[I(k)]);
            BigInteger weightSum = voted.Sum(k => r.Weights.For(k));
            return r.Compute().All(x =>
            {
                var a = r.Agree[x.CandidateId];
                BigInteger num = voted.Aggregate(BigInteger.Zero, (s, k) => s + (r.Weights.For(k) * a[I(k)] * (product / r.Ballots[I(k)])));
                var expected = weightSum.IsZero ? Rational.Zero : new Rational(num, weightSum * product);
                return x.Score == expected
                    && voted.Count == Categories.Count(k => x.Counts[k].Rate is not null);
            });
        }, iter: 300);

    [Fact]
    public void Rank_TiedScores_ShareARankAndTheNextRankSkips() =>
        Gen.Select(GenRound(), Gen.Int[0, 7].Array[1, 4]).Sample((r, copies) =>
        {
            // Copies of existing candidates' counts make exact ties on purpose.
            var agree = r.Agree.Concat(copies.Select(i => (int[])r.Agree[i % r.Agree.Length].Clone())).ToArray();
            var results = (r with { Agree = agree }).Compute();
            var ranked = Ranking.Rank(results, x => x.Score);
            return ranked.All(x => x.Rank == 1 + ranked.Count(y => y.Item.Score > x.Item.Score))
                && ranked.All(x => ranked.Where(y => y.Item.Score == x.Item.Score).All(y => y.Rank == x.Rank));
        }, iter: 1000);

    [Fact]
    public void ToPercent_AnyFraction_IsWithinHalfAHundredthOfAPercentAndRoundsHalvesAwayFromZero() =>
        Gen.Select(Gen.Int[0, 100_000], Gen.Int[1, 100_000]).Sample((n, d) =>
        {
            var shown = new Rational(n, d).ToPercent();
            // shown − exact lies in (−0.005, 0.005]: the exact value n·100/d against the shown value, both × 200·d.
            var diff = (new BigInteger(shown * 100) * 2 * d) - (new BigInteger(n) * 100 * 100 * 2);
            return diff > -d && diff <= d;
        }, iter: 5000);

    [Fact]
    public void WeightedShare_AnyEvaluation_IsBetweenZeroAndOneAndEqualsTheScoreFormula() =>
        Gen.Select(GenRound(), Gen.Int[0, 7]).Sample((r, pick) =>
        {
            // The same numbers read as an evaluation: "agree" as 优秀+称职 (split between the two grades).
            var a = r.Agree[pick % r.Agree.Length];
            var item = new RoundItem(0, 0, "测评对象", 0, null);
            var byCategory = Categories.ToDictionary(k => k,
                k => new GradeCounts(a[I(k)] / 2, a[I(k)] - (a[I(k)] / 2), 0, 0, r.Ballots[I(k)]));
            var rate = new EvaluationResult(item, "", byCategory).ExcellentOrCompetentRate(r.Weights);
            var score = TallyCalculator.Compute([0], r.BallotMap, Categories.Select(k => new MarkCount(0, k, Choice.Agree, a[I(k)])), r.Weights)[0].Score;
            var anyCounts = Categories.Any(k => r.Ballots[I(k)] > 0 && r.Weights.For(k) > 0);
            return anyCounts ? rate == score && rate >= Rational.Zero && rate <= new Rational(1, 1) : rate is null;
        }, iter: 1000);
}
