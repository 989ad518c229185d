using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Tally;
using CompetitivePosts.Domain.Voting;
using static CompetitivePosts.Domain.Tests.Competitions.CompetitionBuilder;

namespace CompetitivePosts.Domain.Tests.Competitions;

/// <summary>The competition's own weights and standings: set before the vote, fixed after, used by the aggregate's tally.</summary>
public class CompetitionTallyTests
{
    private static Dictionary<VoterCategory, int> Ballots(int a, int b, int c) =>
        new() { [VoterCategory.A] = a, [VoterCategory.B] = b, [VoterCategory.C] = c };

    [Fact]
    public void New_Competition_WeighsFourThreeThree() =>
        Assert.Equal(Weights.Baoding, Standard().C.TallyWeights);

    [Fact]
    public void ChangeTallyWeights_BeforeTheFirstRound_IsStored()
    {
        var s = AtSpeeches();

        s.C.ChangeTallyWeights(5, 3, 2);

        Assert.Equal(new Weights(5, 3, 2), s.C.TallyWeights);
    }

    [Fact]
    public void ChangeTallyWeights_InvalidWeights_AreRefusedAndTheOldOnesKept()
    {
        var s = Standard();

        var ex = Assert.Throws<DomainException>(() => s.C.ChangeTallyWeights(0, 0, 0));

        Assert.Equal("At least one category weight must be above zero.", ex.MessageKey);
        Assert.Equal(Weights.Baoding, s.C.TallyWeights);
    }

    [Fact]
    public void ChangeTallyWeights_AfterTheFirstRoundOpened_IsRefused()
    {
        var s = AtSpeeches();
        var round = WithId(s.C.CreateRound(new RoundSettings(RoundKind.Recommendation), Now));
        s.C.ChangeTallyWeights(2, 1, 1); // a prepared round does not fix them yet
        s.C.OpenRound(round.Id, Now);

        var ex = Assert.Throws<DomainException>(() => s.C.ChangeTallyWeights(4, 3, 3));

        Assert.Equal("The category weights are fixed once the first voting round has opened.", ex.MessageKey);
        Assert.Equal(new Weights(2, 1, 1), s.C.TallyWeights);
        Assert.False(s.C.TallyWeightsEditable);
    }

    [Fact]
    public void Standings_RawCounts_RankByTheCompetitionsWeightsWithTiesAndTheMinimumMarker()
    {
        var s = AtSpeeches();
        s.C.ChangeTallyWeights(1, 1, 0); // C ballots are left out by this plan
        var round = WithId(s.C.CreateRound(new RoundSettings(RoundKind.Recommendation), Now));
        s.C.OpenRound(round.Id, Now);
        int Pos(Cadre c) => round.Items.Single(i => i.CadreId == c.Id).Position;
        ChoiceCount Agree(Cadre c, VoterCategory k, int n) => new(Pos(c), k, (short)Choice.Agree, n);

        // 1 A ballot, 2 B, 2 C. 刘: A 1/1, B 0/2 → (1 + 0)/2 = 1/2; 张: A 0/1, B 2/2 → 1/2 (tie, whatever C says);
        // 陈 (财务科科长, alone): A 0, B 1/2 → 1/4 = 25% < the minimum 50%.
        var standings = s.C.Standings(round.Id, Ballots(1, 2, 2),
        [
            Agree(s.Liu, VoterCategory.A, 1), Agree(s.Zhang, VoterCategory.B, 2), Agree(s.Zhang, VoterCategory.C, 2),
            Agree(s.Chen, VoterCategory.B, 1),
        ]);

        var office = standings.Single(p => p.PostId == s.Office.Id).Candidates;
        Assert.Equal([1, 1], office.Select(x => x.Rank));
        Assert.All(office, x => Assert.Equal(new Rational(1, 2), x.Result.Score));
        Assert.All(office, x => Assert.False(x.BelowMinimum)); // exactly 50% is not below 50%
        var finance = Assert.Single(standings.Single(p => p.PostId == s.Finance.Id).Candidates);
        Assert.Equal(new Rational(1, 4), finance.Result.Score);
        Assert.True(finance.BelowMinimum);
        Assert.DoesNotContain(standings, p => p.PostId == s.Secret.Id); // excluded post
    }

    [Fact]
    public void Standings_NoBallotYet_MarksNobodyBelowTheMinimum()
    {
        var s = AtSpeeches();
        var round = WithId(s.C.CreateRound(new RoundSettings(RoundKind.Recommendation), Now));
        s.C.OpenRound(round.Id, Now);

        var standings = s.C.Standings(round.Id, Ballots(0, 0, 0), []);

        Assert.All(standings.SelectMany(p => p.Candidates), x => Assert.False(x.BelowMinimum));
        Assert.All(standings.SelectMany(p => p.Candidates), x => Assert.Equal(1, x.Rank));
    }

    [Fact]
    public void Standings_OnlyACategoryWeighedZeroVoted_MarksNobodyBelowTheMinimum()
    {
        var s = AtSpeeches();
        s.C.ChangeTallyWeights(1, 1, 0);
        var round = WithId(s.C.CreateRound(new RoundSettings(RoundKind.Recommendation), Now));
        s.C.OpenRound(round.Id, Now);
        var agreeC = round.Items.Select(i => new ChoiceCount(i.Position, VoterCategory.C, (short)Choice.Agree, 2)).ToList();

        var onlyC = s.C.Standings(round.Id, Ballots(0, 0, 2), agreeC).SelectMany(p => p.Candidates).ToList();
        // control: one A ballot, which counts, and the same candidates at zero are marked.
        var withA = s.C.Standings(round.Id, Ballots(1, 0, 2), agreeC).SelectMany(p => p.Candidates).ToList();

        Assert.NotEmpty(onlyC);
        Assert.All(onlyC, x => Assert.Equal((Rational.Zero, false), (x.Result.Score, x.BelowMinimum)));
        Assert.All(withA, x => Assert.Equal((Rational.Zero, true), (x.Result.Score, x.BelowMinimum)));
    }

    [Fact]
    public void ScoreRound_BeforeAnyRound_EveryCandidateAtZeroSharingRankOneAndNobodyMarked()
    {
        var s = AtSpeeches();

        var standings = s.C.ScoreRound(null, Ballots(0, 0, 0), []);

        var office = standings.Posts.Single(p => p.PostId == s.Office.Id).Candidates;
        Assert.Equal(["刘科长", "张干部"], office.Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.All(standings.Posts.SelectMany(p => p.Candidates), x => Assert.Equal((1, false, Rational.Zero), (x.Rank, x.BelowMinimum, x.Result.Score)));
        Assert.Equal(s.C.Candidates.Select(c => c.Id).Order(), standings.Results.Keys.Order());
    }

    [Fact]
    public void StandingsFor_WithdrawnApplicant_IsRankedByTheSameRuleAndMarkedWithdrawn()
    {
        var s = AtSpeeches();
        s.C.Withdraw(s.Zhang.Id, "个人原因", Now, byCadre: true);
        var scores = new Dictionary<int, CandidateResult>
        {
            [s.Liu.Id] = CandidateResult.Unscored(s.Liu.Id) with { Score = new Rational(1, 2) },
            [s.Zhang.Id] = CandidateResult.Unscored(s.Zhang.Id) with { Score = new Rational(1, 2) },
        };

        var standings = s.C.StandingsFor(s.Office.Id, scores);

        Assert.Equal([(s.Liu.Id, 1, false), (s.Zhang.Id, 1, true)], standings.Select(x => (x.CadreId, x.Rank, x.Withdrawn)));
    }

    [Theory]
    [InlineData(49, true)]
    [InlineData(50, false)]
    [InlineData(51, false)]
    public void IsBelowMinimum_ScoreAgainstFiftyPercent_OnlyStrictlyBelowIsMarked(int percent, bool below) =>
        Assert.Equal(below, AtSpeeches().C.IsBelowMinimum(new Rational(percent, 100)));
}
