using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Decisions;
using CompetitivePosts.Domain.Notice;
using CompetitivePosts.Domain.Outcomes;
using CompetitivePosts.Domain.Tally;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Domain.Tests.Competitions;
using static CompetitivePosts.Domain.Tests.Competitions.CompetitionBuilder;

namespace CompetitivePosts.Domain.Tests.Notice;

public class PublicNoticeTests
{
    private static readonly DateOnly Monday = ChinaDate.Of(Now); // 2009-06-01

    /// <summary>
    /// The one place these tests reach the committee's decision and the filing: 张 appointed 办公室主任
    /// (刘, its holder, not chosen), 陈 kept 财务科科长; filed and accepted.
    /// </summary>
    private static Scenario Accepted()
    {
        var s = AtSpeeches();
        var round = WithId(s.C.CreateRound(new RoundSettings(RoundKind.Recommendation), Now));
        s.C.OpenRound(round.Id, Now);
        s.C.CloseRound(round.Id, Now);
        s.C.CloseVoting();
        // 100 C ballots: 张 90 %, 刘 70 % on the office; 陈 80 % on finance. Both appointees top their posts.
        var percent = new Dictionary<int, int> { [s.Zhang.Id] = 90, [s.Liu.Id] = 70, [s.Chen.Id] = 80 };
        var counts = new DecidingCounts(round.Id, new Dictionary<VoterCategory, int> { [VoterCategory.C] = 100 },
            [.. round.Items.SelectMany(i => new[]
            {
                new ChoiceCount(i.Position, VoterCategory.C, (short)Choice.Agree, percent[i.CadreId]),
                new ChoiceCount(i.Position, VoterCategory.C, (short)Choice.Disagree, 100 - percent[i.CadreId]),
            })], new Dictionary<VoterCategory, int> { [VoterCategory.C] = 100 });
        s.C.RecordMeeting(new DateOnly(2009, 5, 29), [s.Leader.Id], "党委会纪要〔2009〕5号");
        s.C.Decide(new DecisionInput(s.Office.Id, 1, s.Zhang.Id), counts, Now);
        s.C.Decide(new DecisionInput(s.Finance.Id, 1, s.Chen.Id), counts, Now);
        s.C.SubmitFiling(counts, new AuditHead(7, new string('a', 64)), Now);
        s.C.AcceptFiling("组织部", null, Now);
        return s;
    }

    private static PublicNotice Publish(Scenario s, int workingDays = 5) => s.C.PublishNotice(
        [new NoticeAppointee(s.Office.Id, 1, s.Zhang.Id), new NoticeAppointee(s.Finance.Id, 1, s.Chen.Id)],
        Monday, workingDays, WorkingDayCalendar.WeekdaysOnly, "组织部 0312-1234567", Now);

    [Fact]
    public void PublishNotice_FiveWorkingDaysFromMonday_EndsFridayAndListsAppointees()
    {
        var s = Accepted();
        var notice = Publish(s);
        Assert.Equal(new DateOnly(2009, 6, 5), notice.EndsOn);
        Assert.Equal(["张干部", "陈科长"], notice.Entries.Select(e => e.CadreName));
    }

    [Fact]
    public void PublishNotice_FewerThanFiveWorkingDays_IsRefused()
    {
        var ex = Assert.Throws<DomainException>(() => Publish(Accepted(), 4));
        Assert.Equal("A notice runs for at least {0} working days.", ex.MessageKey);
    }

    [Fact]
    public void PublishNotice_BeforeFilingAccepted_IsRefused()
    {
        var s = AtSpeeches();
        Assert.Throws<DomainException>(() => Publish(s));
    }

    [Fact]
    public void PublishNotice_SameCadreTwice_IsRefused()
    {
        var s = Accepted();
        Assert.Throws<DomainException>(() => s.C.PublishNotice(
            [new NoticeAppointee(s.Office.Id, 1, s.Zhang.Id), new NoticeAppointee(s.Finance.Id, 1, s.Zhang.Id)],
            Monday, 5, WorkingDayCalendar.WeekdaysOnly, "组织部", Now));
    }

    [Fact]
    public void Close_OnTheLastDayInChina_IsRefusedAndAfterMidnightSucceeds()
    {
        var notice = Publish(Accepted());
        var lastMinute = new DateTimeOffset(2009, 6, 5, 23, 59, 0, TimeSpan.FromHours(8));
        Assert.Throws<DomainException>(() => notice.Close("公示期满，无异议。", lastMinute));
        notice.Close("公示期满，无异议。", lastMinute.AddMinutes(1));
        Assert.True(notice.IsClosed);
    }

    [Fact]
    public void Close_WithUnhandledObjection_IsRefused()
    {
        var s = Accepted();
        var notice = Publish(s);
        notice.RecordObjection(Monday.AddDays(1), "反映其工作作风问题", s.Zhang.Id, Now.AddDays(1));
        var ex = Assert.Throws<DomainException>(() => notice.Close("公示期满", Now.AddDays(7)));
        Assert.Equal("Handle every objection before closing the notice: {0}.", ex.MessageKey);
    }

    [Fact]
    public void TakeUpPosts_AfterUpheldObjection_LeavesThatPostVacantAndSeatsTheRest()
    {
        var s = Accepted();
        var notice = Publish(s);
        var o = notice.RecordObjection(Monday.AddDays(1), "反映其工作作风问题", s.Zhang.Id, Now.AddDays(1));
        notice.HandleObjection(o.Number, "经调查核实，反映问题属实。", ObjectionResult.Upheld, Now.AddDays(2));
        Assert.Throws<DomainException>(() => s.C.TakeUpPosts(notice, Now.AddDays(7)));
        notice.Close("公示期满；张干部因反映问题属实不予任职。", Now.AddDays(7));

        s.C.TakeUpPosts(notice, Now.AddDays(7));

        Assert.Null(s.Office.HolderId);
        Assert.Equal(s.Chen.Id, s.Finance.HolderId);
        Assert.NotNull(s.C.AppointedAt);
        Assert.Throws<DomainException>(() => s.C.TakeUpPosts(notice, Now.AddDays(8)));
    }

    [Fact]
    public void HoldersNow_BeforeAndAfterTheNotice_FollowsTheClosedNoticeNotTheCaller()
    {
        var s = Accepted();
        var notice = Publish(s);
        Assert.Empty(s.C.HoldersNow(null)[s.Office.Id]);
        var o = notice.RecordObjection(Monday.AddDays(1), "反映其工作作风问题", s.Zhang.Id, Now.AddDays(1));
        notice.HandleObjection(o.Number, "经调查核实，反映问题属实。", ObjectionResult.Upheld, Now.AddDays(2));
        notice.Close("公示期满；张干部因反映问题属实不予任职。", Now.AddDays(7));
        s.C.TakeUpPosts(notice, Now.AddDays(7));

        var holders = s.C.HoldersNow(notice);

        Assert.Empty(holders[s.Office.Id]);
        Assert.Equal([s.Chen.Id], holders[s.Finance.Id].Select(c => c.Id));
        // Once the appointments are final, the answer needs the closed notice.
        Assert.Throws<DomainException>(() => s.C.HoldersNow(null));
    }

    [Fact]
    public void Outcomes_AfterTheNotice_ClassifiesFromTheSnapshot()
    {
        var s = Accepted();
        var notice = Publish(s);
        notice.Close("公示期满，无异议。", Now.AddDays(7));
        var results = s.C.Outcomes(notice, new Dictionary<int, Rational>());

        var byName = results.ToDictionary(r => r.Facts.Name);
        Assert.Equal((Outcome.Dropped, DropCause.NotChosen), (byName["刘科长"].Outcome, byName["刘科长"].Cause));
        Assert.Equal(Outcome.Retained, byName["陈科长"].Outcome);
        Assert.Equal(Outcome.Promoted, byName["张干部"].Outcome);
        // The leader kept the excluded post and is left out; 李 neither held nor registered.
        Assert.DoesNotContain("王领导", byName.Keys);
        Assert.DoesNotContain("李干部", byName.Keys);
        var f = s.C.OutcomeFigures(results);
        Assert.Equal((2, 1, 1, 1, 2), (f.Posts, f.Retained, f.Promoted, f.Dropped, f.PrincipalsBefore));
    }
}
