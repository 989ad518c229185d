using CompetitivePosts.Domain.Tally;
using CompetitivePosts.Domain.Voting;

namespace CompetitivePosts.Domain.Tests.Tally;

/// <summary>Examples worked out by hand (the same ones as docs/scoring.md), with unequal turnout per category.</summary>
public class HandCheckedExamplesTests
{
    private static Dictionary<VoterCategory, int> Ballots(int a, int b, int c) =>
        new() { [VoterCategory.A] = a, [VoterCategory.B] = b, [VoterCategory.C] = c };

    private static IEnumerable<MarkCount> Agree(int id, int a, int b, int c) =>
    [
        new(id, VoterCategory.A, Choice.Agree, a), new(id, VoterCategory.B, Choice.Agree, b), new(id, VoterCategory.C, Choice.Agree, c),
    ];

    [Fact]
    public void Compute_SevenTwelveThirtyBallots_MatchesTheWorkedExample()
    {
        // A 7 ballots, B 12, C 30. 甲: A 5, B 9, C 18 agree.
        // 4·5/7 + 3·9/12 + 3·18/30 = 20/7 + 9/4 + 9/5 = (400 + 315 + 252)/140 = 967/140; ÷ 10 = 967/1400 = 0.690714… → 69.07%
        var r = TallyCalculator.Compute([1], Ballots(7, 12, 30), Agree(1, 5, 9, 18)).Single();

        Assert.Equal(new Rational(967, 1400), r.Score);
        Assert.Equal(69.07m, r.Percent);
    }

    [Fact]
    public void Compute_NoABallot_RenormalisesToThreeThree()
    {
        // A cast nothing: only B and C count, 3:3. (3·9/12 + 3·18/30) / 6 = (9/4 + 9/5)/6 = (45 + 36)/20/6 = 81/120 = 27/40 = 67.50%
        var r = TallyCalculator.Compute([1], Ballots(0, 12, 30), Agree(1, 0, 9, 18)).Single();

        Assert.Equal(new Rational(27, 40), r.Score);
        Assert.Equal(67.50m, r.Percent);
        Assert.Null(r.Counts[VoterCategory.A].Rate);
    }

    [Fact]
    public void Compute_PlanWeightsFiveThreeTwo_WeighsByThePlan()
    {
        // 5:3:2: 5·5/7 + 3·9/12 + 2·18/30 = 25/7 + 9/4 + 6/5 = (500 + 315 + 168)/140 = 983/140; ÷ 10 = 983/1400 = 0.702142… → 70.21%
        var r = TallyCalculator.Compute([1], Ballots(7, 12, 30), Agree(1, 5, 9, 18), Weights.Create(5, 3, 2)).Single();

        Assert.Equal(new Rational(983, 1400), r.Score);
        Assert.Equal(70.21m, r.Percent);
    }

    [Fact]
    public void Compute_ZeroWeightForC_LeavesCOutEvenWhenItVoted()
    {
        // 1:1:0: (5/7 + 9/12) / 2 = (20/28 + 21/28)/2 = 41/56 = 0.732142… → 73.21%
        var r = TallyCalculator.Compute([1], Ballots(7, 12, 30), Agree(1, 5, 9, 18), Weights.Create(1, 1, 0)).Single();

        Assert.Equal(new Rational(41, 56), r.Score);
        Assert.Equal(73.21m, r.Percent);
    }

    [Fact]
    public void Rank_DifferentCountsSameFraction_ShareRankOneAndTheNextIsThird()
    {
        // 乙: A 5, B 11, C 13: 20/7 + 11/4 + 13/10 = (400 + 385 + 182)/140 = 967/140: exactly 甲's score with other counts.
        // 丙: A 7 only: 4·7/7 / 10 = 2/5 = 40.00%.
        var results = TallyCalculator.Compute([1, 2, 3], Ballots(7, 12, 30),
            [.. Agree(1, 5, 9, 18), .. Agree(2, 5, 11, 13), .. Agree(3, 7, 0, 0)]);

        var ranked = Ranking.Rank(results, r => r.Score);

        Assert.Equal([(1, 1), (2, 1), (3, 3)], ranked.Select(x => (x.Item.CandidateId, x.Rank)));
        Assert.Equal(new Rational(2, 5), results[2].Score);
    }

    [Theory]
    [InlineData(2, 3, 66.67)] // 66.666…
    [InlineData(1, 8, 12.50)]
    [InlineData(2469, 20000, 12.35)] // 12.345 exactly: half away from zero gives 12.35 (banker's rounding would give 12.34)
    [InlineData(2467, 20000, 12.34)] // 12.335 → 12.34
    [InlineData(1, 1, 100.00)]
    [InlineData(0, 5, 0.00)]
    public void ToPercent_KnownFractions_RoundHalfAwayFromZeroToTwoDecimals(int n, int d, double expected) =>
        Assert.Equal((decimal)expected, new Rational(n, d).ToPercent());

    [Fact]
    public void WeightedShare_EvaluationSevenTwelveThirty_MatchesTheWorkedExample()
    {
        // A 7: 优秀 3 + 称职 2 = 5; B 12: 4 + 5 = 9; C 30: 10 + 8 = 18 → the same 967/1400 = 69.07% as the recommendation example.
        // 优秀 alone: 4·3/7 + 3·4/12 + 3·10/30 = 12/7 + 1 + 1 = 26/7; ÷ 10 = 13/35 = 37.14%.
        var result = new EvaluationResult(new RoundItem(0, 1, "甲", 0, null), "", new Dictionary<VoterCategory, GradeCounts>
        {
            [VoterCategory.A] = new(3, 2, 1, 1, 7),
            [VoterCategory.B] = new(4, 5, 2, 0, 12),
            [VoterCategory.C] = new(10, 8, 7, 2, 30),
        });

        Assert.Equal(new Rational(967, 1400), result.ExcellentOrCompetentRate());
        Assert.Equal(new Rational(13, 35), result.WeightedShare(Weights.Baoding, Grade.Excellent));
        Assert.Equal(new Rational(3, 7), result.Share(VoterCategory.A, Grade.Excellent));
        Assert.Equal(new Rational(7, 30), result.Share(VoterCategory.C, Grade.BasicallyCompetent));
        Assert.Equal(37.14m, new Rational(13, 35).ToPercent());
    }

    [Fact]
    public void WeightedShare_EvaluationWithoutCBallots_RenormalisesToFourThree()
    {
        // C cast nothing: (4·5/7 + 3·9/12) / 7 = (20/7 + 9/4)/7 = (80 + 63)/28/7 = 143/196 = 0.729591… → 72.96%
        var result = new EvaluationResult(new RoundItem(0, 1, "甲", 0, null), "", new Dictionary<VoterCategory, GradeCounts>
        {
            [VoterCategory.A] = new(3, 2, 1, 1, 7),
            [VoterCategory.B] = new(4, 5, 2, 0, 12),
            [VoterCategory.C] = new(0, 0, 0, 0, 0),
        });

        Assert.Equal(new Rational(143, 196), result.ExcellentOrCompetentRate());
        Assert.Equal(72.96m, result.ExcellentOrCompetentRate()!.Value.ToPercent());
        Assert.Null(result.Share(VoterCategory.C, Grade.Excellent));
    }

    [Fact]
    public void WeightedShare_NoBallotAtAll_IsNull()
    {
        var none = new GradeCounts(0, 0, 0, 0, 0);
        var result = new EvaluationResult(new RoundItem(0, 1, "甲", 0, null), "",
            new Dictionary<VoterCategory, GradeCounts> { [VoterCategory.A] = none, [VoterCategory.B] = none, [VoterCategory.C] = none });

        Assert.Null(result.ExcellentOrCompetentRate());
    }

    [Theory]
    [InlineData(-1, 3, 3)]
    [InlineData(4, 101, 3)]
    [InlineData(0, 0, 0)]
    public void Create_InvalidWeights_AreRefused(int a, int b, int c) =>
        Assert.Throws<DomainException>(() => Weights.Create(a, b, c));

    [Fact]
    public void Create_ZeroForOneCategory_IsAllowed() =>
        Assert.Equal(new Weights(1, 1, 0), Weights.Create(1, 1, 0));
}
