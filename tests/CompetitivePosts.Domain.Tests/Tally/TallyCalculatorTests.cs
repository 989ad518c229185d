using CompetitivePosts.Domain.Tally;

namespace CompetitivePosts.Domain.Tests.Tally;

public class TallyCalculatorTests
{
    private static Dictionary<VoterCategory, int> Ballots(int a, int b, int c) =>
        new() { [VoterCategory.A] = a, [VoterCategory.B] = b, [VoterCategory.C] = c };

    private static MarkCount Agree(int id, VoterCategory k, int n) => new(id, k, Choice.Agree, n);

    [Fact]
    public void Compute_UnequalTurnoutPerCategory_MatchesHandComputedScore()
    {
        // A: 4 of 5 agree (0.80), B: 6 of 8 (0.75), C: 22 of 40 (0.55).
        // (4·0.80 + 3·0.75 + 3·0.55) / 10 = (3.20 + 2.25 + 1.65) / 10 = 0.71
        var result = TallyCalculator.Compute([1], Ballots(5, 8, 40),
            [Agree(1, VoterCategory.A, 4), Agree(1, VoterCategory.B, 6), Agree(1, VoterCategory.C, 22)]).Single();

        Assert.Equal(new Rational(71, 100), result.Score);
        Assert.Equal(71.00m, result.Percent);
    }

    [Fact]
    public void Compute_CategoryCastNoBallot_RenormalisesRemainingWeights()
    {
        // No A ballot: weights 3:3 remain. (3·8/10 + 3·10/20) / 6 = (2.4 + 1.5) / 6 = 0.65
        var result = TallyCalculator.Compute([1], Ballots(0, 10, 20),
            [Agree(1, VoterCategory.B, 8), Agree(1, VoterCategory.C, 10)]).Single();

        Assert.Equal(new Rational(65, 100), result.Score);
    }

    [Fact]
    public void Compute_OnlyOneCategoryVoted_ScoreIsThatCategorysRate()
    {
        var result = TallyCalculator.Compute([1], Ballots(3, 0, 0), [Agree(1, VoterCategory.A, 2)]).Single();

        Assert.Equal(new Rational(2, 3), result.Score);
    }

    [Fact]
    public void Compute_NoBallotAtAll_ScoresZero()
    {
        var result = TallyCalculator.Compute([1], Ballots(0, 0, 0), []).Single();

        Assert.Equal(Rational.Zero, result.Score);
    }

    [Fact]
    public void Compute_RawCounts_ReportedPerCategoryBesideScore()
    {
        var result = TallyCalculator.Compute([1], Ballots(2, 3, 4),
        [
            Agree(1, VoterCategory.A, 1), new(1, VoterCategory.A, Choice.Disagree, 1),
            new(1, VoterCategory.C, Choice.Abstain, 3), Agree(1, VoterCategory.C, 1),
        ]).Single();

        Assert.Equal(new CategoryCounts(1, 1, 0, 2), result.Counts[VoterCategory.A]);
        Assert.Equal(new CategoryCounts(0, 0, 0, 3), result.Counts[VoterCategory.B]);
        Assert.Equal(new CategoryCounts(1, 0, 3, 4), result.Counts[VoterCategory.C]);
    }

    [Fact]
    public void Compute_OtherCandidatesMarks_DoNotLeakIntoScore()
    {
        var results = TallyCalculator.Compute([1, 2], Ballots(1, 1, 1),
            [Agree(2, VoterCategory.A, 1), Agree(2, VoterCategory.B, 1), Agree(2, VoterCategory.C, 1)]);

        Assert.Equal(Rational.Zero, results.Single(r => r.CandidateId == 1).Score);
        Assert.Equal(new Rational(1, 1), results.Single(r => r.CandidateId == 2).Score);
    }

    [Fact]
    public void Compute_CustomWeights_AreApplied()
    {
        // Equal weights: (1 + 0 + 1/2) / 3 = 1/2
        var result = TallyCalculator.Compute([1], Ballots(1, 1, 2),
            [Agree(1, VoterCategory.A, 1), Agree(1, VoterCategory.C, 1)], new Weights(1, 1, 1)).Single();

        Assert.Equal(new Rational(1, 2), result.Score);
    }
}
