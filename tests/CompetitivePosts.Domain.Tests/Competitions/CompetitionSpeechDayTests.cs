using CompetitivePosts.Domain.Speeches;
using static CompetitivePosts.Domain.Tests.Competitions.CompetitionBuilder;

namespace CompetitivePosts.Domain.Tests.Competitions;

public class CompetitionSpeechDayTests
{
    private static DateTimeOffset T(int seconds) => Now.AddSeconds(seconds);

    [Fact]
    public void StartPauseResume_ClockCountsOnlyTheTimeItRan()
    {
        var s = SpeechScenario.Drawn();
        var first = s.C.Order()[0];

        s.C.StartSpeech(T(0));
        s.C.PauseSpeech(T(60));
        var paused = s.C.SpeechLiveAt(T(90));
        s.C.ResumeSpeech(T(100));
        var live = s.C.SpeechLiveAt(T(130));

        Assert.Equal((SpeechPhase.Paused, TimeSpan.FromSeconds(60)), (paused.Phase, paused.Elapsed));
        Assert.Equal(SpeechPhase.Running, live.Phase);
        Assert.Equal(first, live.CurrentCadreId);
        Assert.Equal(TimeSpan.FromSeconds(90), live.Elapsed);
        Assert.Equal(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(90), live.Remaining);
        Assert.Equal(SpeechSlotStatus.Speaking, s.C.Slot(first).Status);
    }

    [Fact]
    public void SpeechLiveAt_PastTheSpeechLength_RemainingGoesNegativeForTheOverrun()
    {
        var s = SpeechScenario.Drawn();
        s.C.StartSpeech(T(0));

        Assert.Equal(TimeSpan.FromSeconds(-75), s.C.SpeechLiveAt(T(375)).Remaining);
    }

    [Fact]
    public void NextSpeaker_EndsTheTurnAndCallsTheNextWithAFreshClock()
    {
        var s = SpeechScenario.Drawn();
        var order = s.C.Order();
        s.C.StartSpeech(T(0));

        s.C.NextSpeaker(T(290));
        var live = s.C.SpeechLiveAt(T(300));

        Assert.Equal(SpeechSlotStatus.Done, s.C.Slot(order[0]).Status);
        Assert.Equal(T(290), s.C.Slot(order[0]).FinishedAt);
        Assert.Equal((SpeechPhase.Ready, order[1], order[2]), (live.Phase, live.CurrentCadreId, live.NextCadreId));
        Assert.Equal(TimeSpan.Zero, live.Elapsed);
        Assert.Equal(1, live.Finished);
    }

    [Fact]
    public void NextSpeaker_CalledCandidateHasNotStarted_IsRefused()
    {
        var s = SpeechScenario.Drawn();
        s.C.NextSpeaker(T(0)); // calls the first

        Assert.Throws<DomainException>(() => s.C.NextSpeaker(T(10)));
        Assert.Equal(SpeechPhase.Ready, s.C.SpeechProgress!.Phase);
    }

    [Fact]
    public void NextSpeaker_AfterTheLastTurn_FinishesTheMeeting()
    {
        var s = SpeechScenario.Drawn();
        for (var i = 0; i < 4; i++)
        {
            s.C.StartSpeech(T(i * 400));
            s.C.NextSpeaker(T((i * 400) + 300));
        }

        Assert.Equal(SpeechPhase.Finished, s.C.SpeechProgress!.Phase);
        Assert.All(s.C.SpeechSlots, x => Assert.Equal(SpeechSlotStatus.Done, x.Status));
        Assert.Throws<DomainException>(() => s.C.StartSpeech(T(2000)));
    }

    [Fact]
    public void MarkAbsent_SkipPolicy_CalledCandidateLosesTheTurnAndTheNextIsCalled()
    {
        var s = SpeechScenario.Drawn(absent: AbsentPolicy.Skip);
        var order = s.C.Order();
        s.C.NextSpeaker(T(0));

        s.C.MarkAbsent(order[0]);

        Assert.Equal(SpeechSlotStatus.Absent, s.C.Slot(order[0]).Status);
        Assert.Equal(order, s.C.Order()); // nobody moved
        Assert.Equal((SpeechPhase.Ready, order[1]), (s.C.SpeechProgress!.Phase, s.C.SpeechProgress.CurrentCadreId));
    }

    [Fact]
    public void MarkAbsent_MoveToEndPolicy_GoesToTheEndOnceThenLosesTheTurn()
    {
        var s = SpeechScenario.Drawn(absent: AbsentPolicy.MoveToEnd);
        var order = s.C.Order();
        s.C.NextSpeaker(T(0));

        s.C.MarkAbsent(order[0]);

        Assert.Equal([order[1], order[2], order[3], order[0]], s.C.Order());
        Assert.Equal(SpeechSlotStatus.Waiting, s.C.Slot(order[0]).Status);
        Assert.True(s.C.Slot(order[0]).MovedToEnd);
        Assert.Equal(order[1], s.C.SpeechProgress!.CurrentCadreId);

        for (var i = 1; i < 4; i++)
        {
            s.C.StartSpeech(T(i * 400));
            s.C.NextSpeaker(T((i * 400) + 300));
        }

        // Called again at the end, still absent: now the turn is lost and the meeting is over.
        Assert.Equal(order[0], s.C.SpeechProgress.CurrentCadreId);
        s.C.MarkAbsent(order[0]);
        Assert.Equal(SpeechSlotStatus.Absent, s.C.Slot(order[0]).Status);
        Assert.Equal(SpeechPhase.Finished, s.C.SpeechProgress.Phase);
    }

    [Fact]
    public void MarkAbsent_SpeakerWhoHasStarted_IsRefused()
    {
        var s = SpeechScenario.Drawn();
        var first = s.C.Order()[0];
        s.C.StartSpeech(T(0));

        Assert.Throws<DomainException>(() => s.C.MarkAbsent(first));
        Assert.Equal(SpeechSlotStatus.Speaking, s.C.Slot(first).Status);
    }

    [Fact]
    public void WithdrawSpeaker_WithoutReasonIsRefused_WithReasonLeavesTheOrderAndCallsTheNext()
    {
        var s = SpeechScenario.Drawn();
        var order = s.C.Order();
        s.C.NextSpeaker(T(0));

        Assert.Throws<DomainException>(() => s.C.WithdrawSpeaker(order[0], "", Now));
        Assert.Equal(SpeechSlotStatus.Waiting, s.C.Slot(order[0]).Status);

        s.C.WithdrawSpeaker(order[0], "身体原因，本人申请放弃", Now);

        Assert.Equal(SpeechSlotStatus.Withdrawn, s.C.Slot(order[0]).Status);
        Assert.Equal("身体原因，本人申请放弃", s.C.Slot(order[0]).StatusReason);
        Assert.Equal(order[1], s.C.SpeechProgress!.CurrentCadreId);
        // The same withdrawal as in registration: off the ballots too (control: the next one stays).
        Assert.DoesNotContain(s.C.Candidates, c => c.Id == order[0]);
        Assert.Contains(s.C.Candidates, c => c.Id == order[1]);
        Assert.True(s.C.Registrations.Single(r => r.CadreId == order[0]).IsWithdrawn);
    }

    [Fact]
    public void Withdraw_InRegistrationAfterTheDraw_TakesTheCandidateOutOfTheSpeechOrder()
    {
        var s = SpeechScenario.Drawn();
        var order = s.C.Order();

        s.C.Withdraw(order[2], "本人书面申请放弃", Now, byCadre: true);

        Assert.Equal(SpeechSlotStatus.Withdrawn, s.C.Slot(order[2]).Status);
        Assert.Equal(SpeechSlotStatus.Waiting, s.C.Slot(order[1]).Status);
        Assert.DoesNotContain(s.C.Candidates, c => c.Id == order[2]);
    }

    [Fact]
    public void StartQuestions_TimesTheQuestionsWhenThePlanHasThem()
    {
        var none = SpeechScenario.Drawn(questions: 0);
        none.C.StartSpeech(T(0));
        Assert.Throws<DomainException>(() => none.C.StartQuestions(T(300)));

        var s = SpeechScenario.Drawn(questions: 3);
        s.C.StartSpeech(T(0));
        s.C.StartQuestions(T(280));
        var live = s.C.SpeechLiveAt(T(340));

        Assert.Equal((SpeechSegment.Questions, TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(60)), (live.Segment, live.Duration, live.Elapsed));
    }

    [Fact]
    public void SpeechDay_BeforeTheDrawOrAfterVotingOpens_IsRefused()
    {
        var (s, _) = SpeechScenario.Registered();
        Assert.Throws<DomainException>(() => s.C.StartSpeech(T(0)));

        s.C.DrawSpeechOrder(SpeechGrouping.ByRank, SpeechScenario.Seed, Now);
        s.C.IssueVoterRoll();
        s.C.OpenVoting();
        Assert.Throws<DomainException>(() => s.C.StartSpeech(T(0)));
    }
}
