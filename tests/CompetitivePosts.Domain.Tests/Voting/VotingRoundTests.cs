using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Speeches;
using CompetitivePosts.Domain.Tests.Competitions;
using CompetitivePosts.Domain.Voting;
using static CompetitivePosts.Domain.Tests.Competitions.CompetitionBuilder;

namespace CompetitivePosts.Domain.Tests.Voting;

/// <summary>Rounds: the ballot each fixes (groups by post, limits), reading a ballot against it, and the roll from the snapshot.</summary>
public class VotingRoundTests
{
    private static VotingRound Round(Scenario s, RoundSettings settings)
    {
        var round = WithId(s.C.CreateRound(settings, Now));
        s.C.OpenRound(round.Id, Now);
        return round;
    }

    private static MarkInput M(Cadre c, string? choice) => new(c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), choice);

    [Fact]
    public void OpenRound_Recommendation_GroupsCandidatesUnderTheirFirstPreferenceInSpeechOrder()
    {
        var s = AtSpeeches();

        var round = Round(s, new RoundSettings(RoundKind.Recommendation, LimitMode: AgreeLimitMode.Headcount));

        Assert.Equal(["办公室主任", "财务科科长"], round.Groups.Select(g => g.Name));
        Assert.All(round.Groups, g => Assert.Equal(1, g.AgreeLimit));
        var office = round.Items.Where(i => i.Group == 0).Select(i => i.CadreId).ToList();
        var speechOrder = s.C.SpeechSlots.OrderBy(x => x.Order).Select(x => x.CadreId).Where(office.Contains).ToList();
        Assert.Equal(speechOrder, office);
        Assert.Equal([0, 1, 2], round.Items.Select(i => i.Position));
        Assert.Equal(CompetitionStatus.Voting, s.C.Status); // the first round opens the voting stage
    }

    [Fact]
    public void Read_ValidMarks_GiveChoicesInTheRoundsOrderWithUnmarkedAsAbstention()
    {
        var s = AtSpeeches();
        var round = Round(s, new RoundSettings(RoundKind.Recommendation));

        var reading = round.Read([M(s.Chen, "Disagree"), M(s.Liu, "Agree"), M(s.Zhang, "")]);

        Assert.True(reading.IsValid);
        short[] expected = [.. round.Items.Select(i => i.CadreId == s.Chen.Id ? (short)2 : i.CadreId == s.Liu.Id ? (short)1 : (short)3)];
        Assert.Equal(expected, reading.Choices);
    }

    public static TheoryData<string, string> Bad() => new()
    {
        { "someone not on the ballot", "A mark names someone who is not on this ballot." },
        { "not a number", "A mark names someone who is not on this ballot." },
        { "twice", "{0} is marked more than once." },
        { "99", "The choice for {0} is not one of this ballot's choices." },
        { "Agree,Disagree", "The choice for {0} is not one of this ballot's choices." },
        { "agree", "The choice for {0} is not one of this ballot's choices." },
        { "more marks than names", "The ballot has more marks than there are names on it." },
        { "over the limit", "{0}: at most {1} agree marks, this ballot has {2}." },
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public void Read_BadMarks_AreRefusedWithTheirOwnMessage(string bad, string key)
    {
        var s = AtSpeeches();
        var round = Round(s, new RoundSettings(RoundKind.Recommendation, LimitMode: AgreeLimitMode.Headcount));
        MarkInput[] marks = bad switch
        {
            "someone not on the ballot" => [M(s.Leader, "Agree")],
            "not a number" => [new("abc", "Agree")],
            "twice" => [M(s.Liu, "Agree"), M(s.Liu, "Disagree")],
            "more marks than names" => [M(s.Liu, "Agree"), M(s.Zhang, null), M(s.Chen, null), M(s.Liu, "Disagree")],
            "over the limit" => [M(s.Liu, "Agree"), M(s.Zhang, "Agree")],
            _ => [M(s.Liu, bad)],
        };

        var reading = round.Read(marks);

        Assert.False(reading.IsValid);
        Assert.Null(reading.Choices);
        var problem = Assert.Single(reading.Problems, p => p.Key == key);
        if (bad == "over the limit")
        {
            Assert.Equal(["办公室主任", 1, 2], problem.Args); // the refusal names the post
        }

        Assert.True(round.Read([M(s.Liu, "Agree"), M(s.Chen, "Agree")]).IsValid); // control: one agree per post holds
    }

    [Fact]
    public void Read_SeveralProblems_AreAllReported()
    {
        var s = AtSpeeches();
        var round = Round(s, new RoundSettings(RoundKind.Recommendation, LimitMode: AgreeLimitMode.Fixed, FixedLimit: 1));

        var reading = round.Read([M(s.Liu, "Agree"), M(s.Zhang, "Agree"), M(s.Chen, "Maybe"), new("x", "Agree")]);

        Assert.Equal(
        [
            "The ballot has more marks than there are names on it.", "The choice for {0} is not one of this ballot's choices.",
            "A mark names someone who is not on this ballot.", "{0}: at most {1} agree marks, this ballot has {2}.",
        ], reading.Problems.Select(p => p.Key));
    }

    [Fact]
    public void Read_Evaluation_TakesGradesAndLeavesUnmarkedUngraded()
    {
        var s = AtSpeeches();
        var round = Round(s, new RoundSettings(RoundKind.Evaluation, IsSigned: false, Incumbents: [s.Liu.Id, s.Chen.Id]));

        var reading = round.Read([M(s.Chen, "BasicallyCompetent")]);

        Assert.Equal(["办公室主任", "财务科科长"], round.Groups.Select(g => g.Name));
        Assert.Equal([(short)0, (short)3], reading.Choices!);
        Assert.False(round.Read([M(s.Chen, "Agree")]).IsValid);
    }

    [Fact]
    public void CreateRound_EvaluationOfSomeoneWhoHeldNoPost_IsRefused()
    {
        var s = AtSpeeches();

        var ex = Assert.Throws<DomainException>(() => s.C.CreateRound(new RoundSettings(RoundKind.Evaluation, Incumbents: [s.Zhang.Id]), Now));

        Assert.Equal("Only cadres who held a post before the reset can be evaluated.", ex.MessageKey);
        Assert.Empty(s.C.Rounds);
        s.C.CreateRound(new RoundSettings(RoundKind.Evaluation, Incumbents: [s.Liu.Id]), Now); // control: an incumbent can
        Assert.Single(s.C.Rounds);
    }

    [Fact]
    public void CloseRound_OpenRound_StopsItAcceptingAndCannotBeOpenedAgain()
    {
        var s = AtSpeeches();
        var round = Round(s, new RoundSettings(RoundKind.Recommendation, ClosesAt: Now.AddHours(2)));
        Assert.True(round.AcceptsBallotsAt(Now.AddHours(1)));
        Assert.False(round.AcceptsBallotsAt(Now.AddHours(2))); // the scheduled close holds before anyone closes it

        s.C.CloseRound(round.Id, Now.AddMinutes(30));

        Assert.False(round.AcceptsBallotsAt(Now.AddMinutes(31)));
        Assert.Throws<DomainException>(() => s.C.OpenRound(round.Id, Now));
        Assert.Throws<DomainException>(() => s.C.CloseRound(round.Id, Now));
        Assert.Throws<DomainException>(round.EnsureAcceptsSlips);
    }

    [Fact]
    public void CreateRound_ScheduledCloseInThePast_IsRefused()
    {
        var s = AtSpeeches();

        Assert.Throws<DomainException>(() => s.C.CreateRound(new RoundSettings(RoundKind.Recommendation, ClosesAt: Now.AddMinutes(-1)), Now));
        Assert.Empty(s.C.Rounds);
    }

    [Fact]
    public void CloseVoting_WhileARoundIsOpen_IsRefused()
    {
        var s = AtSpeeches();
        var round = Round(s, new RoundSettings(RoundKind.Recommendation));

        Assert.Throws<DomainException>(s.C.CloseVoting);
        s.C.CloseRound(round.Id, Now);
        s.C.CloseVoting(); // control
        Assert.Equal(CompetitionStatus.Deciding, s.C.Status);
    }

    [Fact]
    public void CountingRound_TwoRecommendationRounds_IsTheLatestOpened()
    {
        var s = AtSpeeches();
        var first = Round(s, new RoundSettings(RoundKind.Recommendation));
        s.C.CloseRound(first.Id, Now);
        Round(s, new RoundSettings(RoundKind.Evaluation, Incumbents: [s.Liu.Id]));
        Assert.Same(first, s.C.CountingRound);

        var second = Round(s, new RoundSettings(RoundKind.Recommendation, IsSigned: false));

        Assert.Same(second, s.C.CountingRound);
    }
}
