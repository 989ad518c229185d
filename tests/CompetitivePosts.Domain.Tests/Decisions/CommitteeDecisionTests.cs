using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Decisions;
using CompetitivePosts.Domain.Speeches;
using CompetitivePosts.Domain.Tally;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Domain.Tests.Competitions;
using static CompetitivePosts.Domain.Tests.Competitions.CompetitionBuilder;

namespace CompetitivePosts.Domain.Tests.Decisions;

/// <summary>
/// The committee decision and the justification rule (issue 8, Must show). Scores come from raw
/// counts of a real recommendation round: 100 ballots of category C, so a candidate's score is
/// exactly the agreeing share given.
/// </summary>
public class CommitteeDecisionTests
{
    private const string Reason = "该同志长期从事办公室综合文字工作，熟悉全面情况，更适合本岗位的工作需要。";

    /// <summary>
    /// 刘 and 张 apply for 办公室主任 (张 accepts reassignment), 陈 for 财务科科长; 赵书记 (a county
    /// leader, 刘's kin) sits on the committee with 王领导. Voting closed with the given percentages.
    /// </summary>
    private static (Scenario S, DecidingCounts Counts, Cadre Zhao) Deciding(int liu, int zhang, int chen, Action<Scenario>? arrange = null)
    {
        Cadre zhao = null!;
        var s = AtSpeeches(x =>
        {
            zhao = WithId(x.C.AddCadre(Eligible("赵书记", VoterCategory.A) with { IsCountyLeader = true, KinName = "刘科长" }, Now));
            arrange?.Invoke(x);
        });
        var round = WithId(s.C.CreateRound(new RoundSettings(RoundKind.Recommendation), Now));
        s.C.OpenRound(round.Id, Now);
        s.C.CloseRound(round.Id, Now);
        s.C.CloseVoting();
        var percent = new Dictionary<int, int> { [s.Liu.Id] = liu, [s.Zhang.Id] = zhang, [s.Chen.Id] = chen };
        var choices = round.Items.SelectMany(i => new[]
        {
            new ChoiceCount(i.Position, VoterCategory.C, (short)Choice.Agree, percent[i.CadreId]),
            new ChoiceCount(i.Position, VoterCategory.C, (short)Choice.Disagree, 100 - percent[i.CadreId]),
        }).ToList();
        // 104 slips issued for 100 ballots: the filed turnout is the round's slips, not the roll.
        var counts = new DecidingCounts(round.Id, new Dictionary<VoterCategory, int> { [VoterCategory.C] = 100 }, choices,
            new Dictionary<VoterCategory, int> { [VoterCategory.C] = 104 });
        return (s, counts, zhao);
    }

    private static Decision Appoint(Scenario s, DecidingCounts counts, Post post, Cadre who, JustificationCategory? category = null,
        string? reason = null) =>
        s.C.Decide(new DecisionInput(post.Id, 1, who.Id, category, reason), counts, Now);

    private static void Meeting(Scenario s, Cadre zhao) =>
        s.C.RecordMeeting(new DateOnly(2009, 6, 5), [s.Leader.Id, zhao.Id], "党委会纪要〔2009〕5号");

    private static readonly AuditHead Head = new(7, new string('a', 64));

    [Fact]
    public void Decide_TopScorer_NeedsNoJustification()
    {
        var (s, counts, _) = Deciding(liu: 70, zhang: 90, chen: 80);

        var d = Appoint(s, counts, s.Office, s.Zhang, JustificationCategory.Other, Reason);

        Assert.Null(d.Justification);
        Assert.Null(d.Category);
        Assert.Empty(d.Placements);
    }

    [Fact]
    public void Decide_SecondWhileFirstAppointedElsewhere_SystemWritesWhoWentWhere()
    {
        var (s, counts, _) = Deciding(liu: 70, zhang: 90, chen: 80);
        // 张 accepted reassignment and goes to finance over 陈, with a written reason there.
        Appoint(s, counts, s.Finance, s.Zhang, JustificationCategory.ProfessionalRequirement, Reason);

        var d = Appoint(s, counts, s.Office, s.Liu);

        Assert.Null(d.Justification);
        Assert.Equal([new Placement(s.Zhang.Id, "张干部", "财务科科长")], d.Placements);
    }

    [Fact]
    public void SubmitFiling_SystemReasonNoLongerHolds_IsRefusedAndNothingIsFiled()
    {
        var (s, counts, zhao) = Deciding(liu: 70, zhang: 90, chen: 80);
        Meeting(s, zhao);
        Appoint(s, counts, s.Finance, s.Zhang, JustificationCategory.ProfessionalRequirement, Reason);
        var office = s.C.Decide(new DecisionInput(s.Office.Id, 1, s.Liu.Id, Recused: [zhao.Id]), counts, Now);
        Assert.Single(office.Placements);
        // Finance changes its mind: 张 is now placed nowhere, so passing him over at the office needs a written reason.
        Appoint(s, counts, s.Finance, s.Chen);

        var ex = Assert.Throws<DomainException>(() => s.C.SubmitFiling(counts, Head, Now));

        Assert.Contains("no longer holds", ex.MessageKey, StringComparison.Ordinal);
        Assert.Equal(CompetitionStatus.Deciding, s.C.Status);
        Assert.Empty(s.C.Filings);
    }

    [Fact]
    public void Decide_SecondWhileFirstGotNothing_NeedsAWrittenJustification()
    {
        var (s, counts, _) = Deciding(liu: 70, zhang: 90, chen: 80);

        var none = Assert.Throws<DomainException>(() => Appoint(s, counts, s.Office, s.Liu));
        var dot = Assert.Throws<DomainException>(() => Appoint(s, counts, s.Office, s.Liu, JustificationCategory.WorkNeeds, "。"));
        var padded = Assert.Throws<DomainException>(() =>
            Appoint(s, counts, s.Office, s.Liu, JustificationCategory.WorkNeeds, "工作需要。。。。。。。。。。。。。。。。。。。。"));
        var d = Appoint(s, counts, s.Office, s.Liu, JustificationCategory.WorkNeeds, Reason);

        Assert.Contains("category", none.MessageKey, StringComparison.Ordinal);
        Assert.Contains("at least", dot.MessageKey, StringComparison.Ordinal);
        Assert.Contains("at least", padded.MessageKey, StringComparison.Ordinal);
        Assert.Equal(JustificationCategory.WorkNeeds, d.Category);
        Assert.Equal(Reason, d.Justification);
        Assert.Single(s.C.Decisions);
    }

    [Fact]
    public void Decide_TiedAtTheTop_EitherNeedsNoJustification()
    {
        var (s, counts, _) = Deciding(liu: 80, zhang: 80, chen: 60);
        var standings = s.C.StandingsFor(s.Office.Id, s.C.Score(counts));

        var d = Appoint(s, counts, s.Office, s.Liu);

        Assert.Equal([1, 1], standings.Select(x => x.Rank));
        Assert.Null(d.Justification);
        Assert.Equal(JustificationNeed.None, s.C.PreviewDecision(s.Office.Id, 1, s.Zhang.Id, counts).Need);
        Assert.Equal(JustificationNeed.Written, s.C.PreviewDecision(s.Finance.Id, 1, s.Zhang.Id, counts).Need);
    }

    [Fact]
    public void Decide_BelowMinimum_IsRefused()
    {
        var (s, counts, _) = Deciding(liu: 40, zhang: 45, chen: 80);

        var ex = Assert.Throws<DomainException>(() => Appoint(s, counts, s.Office, s.Zhang));

        Assert.Contains("below the minimum", ex.MessageKey, StringComparison.Ordinal);
        Assert.Empty(s.C.Decisions);
    }

    [Fact]
    public void Decide_OneCadreForTwoPosts_IsRefused()
    {
        var (s, counts, _) = Deciding(liu: 70, zhang: 90, chen: 80);
        Appoint(s, counts, s.Office, s.Zhang);

        var ex = Assert.Throws<DomainException>(() => Appoint(s, counts, s.Finance, s.Zhang, JustificationCategory.Other, Reason));

        Assert.Contains("already appointed", ex.MessageKey, StringComparison.Ordinal);
        Assert.Single(s.C.Decisions);
    }

    [Fact]
    public void SubmitFiling_PostWithNoEligibleApplicantLeftVacant_FilesAndIsAccepted()
    {
        var (s, counts, zhao) = Deciding(liu: 70, zhang: 90, chen: 30);
        Meeting(s, zhao);
        Assert.Throws<DomainException>(() => Appoint(s, counts, s.Finance, s.Chen));
        Assert.False(s.C.HasEligibleApplicant(s.Finance.Id, counts));
        Assert.True(s.C.HasEligibleApplicant(s.Office.Id, counts));
        s.C.Decide(new DecisionInput(s.Office.Id, 1, s.Zhang.Id, Recused: [zhao.Id]), counts, Now);
        s.C.Decide(new DecisionInput(s.Finance.Id, 1, null, VacancyReason: "无符合条件的人选（均未达到最低得票率）"), counts, Now);

        var filing = s.C.SubmitFiling(counts, Head, Now);
        s.C.AcceptFiling("组织部", null, Now);

        var doc = FilingDocument.Parse(filing.Document);
        Assert.Equal(CompetitionStatus.Accepted, s.C.Status);
        Assert.Equal(2, s.C.AcceptedVerdicts.Count);
        Assert.Equal("无符合条件的人选（均未达到最低得票率）", doc.Decisions.Single(d => d.PostId == s.Finance.Id).VacancyReason);
        Assert.Equal(FilingDocument.HashOf(filing.Document), filing.Sha256);
        Assert.Equal(Head, doc.AuditHead);
        Assert.Equal([(VoterCategory.A, 0, 0), (VoterCategory.B, 0, 0), (VoterCategory.C, 104, 100)],
            doc.Tally.Turnout.Select(t => (t.Category, t.Voters, t.Ballots)));
    }

    [Fact]
    public void Decide_KinMemberCounted_IsRefusedUntilRecused()
    {
        var (s, counts, zhao) = Deciding(liu: 70, zhang: 90, chen: 80);
        Meeting(s, zhao);

        var ex = Assert.Throws<DomainException>(() => Appoint(s, counts, s.Office, s.Zhang));
        var d = s.C.Decide(new DecisionInput(s.Office.Id, 1, s.Zhang.Id, Recused: [zhao.Id]), counts, Now);

        Assert.Contains("must be recused", ex.MessageKey, StringComparison.Ordinal);
        Assert.Equal([zhao.Id], d.RecusedIds);
    }

    [Fact]
    public void ReviewFiling_OneDecisionRefused_GoesBackAndOnlyTheAcceptedCountsAfterResubmission()
    {
        var (s, counts, zhao) = Deciding(liu: 70, zhang: 90, chen: 80);
        Meeting(s, zhao);
        s.C.Decide(new DecisionInput(s.Office.Id, 1, s.Liu.Id, JustificationCategory.WorkNeeds, Reason, Recused: [zhao.Id]), counts, Now);
        Appoint(s, counts, s.Finance, s.Chen);
        var v1 = s.C.SubmitFiling(counts, Head, Now);

        var missing = Assert.Throws<DomainException>(() => s.C.ReviewFiling(1,
            [new DecisionReview(s.Office.Id, 1, false, "  "), new DecisionReview(s.Finance.Id, 1, true)], "组织部", null, Now));
        s.C.ReviewFiling(1, [new DecisionReview(s.Office.Id, 1, false, "理由不充分"), new DecisionReview(s.Finance.Id, 1, true)], "组织部", null, Now);
        var refusedStatus = s.C.Status;
        s.C.Decide(new DecisionInput(s.Office.Id, 1, s.Zhang.Id, Recused: [zhao.Id]), counts, Now);
        var v2 = s.C.SubmitFiling(counts, Head, Now);

        Assert.Contains("reason", missing.MessageKey, StringComparison.Ordinal);
        Assert.Equal(CompetitionStatus.Deciding, refusedStatus);
        Assert.Equal(FilingStatus.Refused, v1.Status);
        Assert.Equal("刘科长", FilingDocument.Parse(v1.Document).Decisions.First(d => d.PostId == s.Office.Id).AppointeeName);
        Assert.Equal("张干部", FilingDocument.Parse(v2.Document).Decisions.First(d => d.PostId == s.Office.Id).AppointeeName);
        Assert.Equal([s.Finance.Id], s.C.AcceptedVerdicts.Select(v => v.PostId));
    }

    [Fact]
    public void Score_CountsOfAnotherRound_AreRefused()
    {
        var (s, counts, _) = Deciding(liu: 70, zhang: 90, chen: 80);

        Assert.Throws<DomainException>(() => s.C.Score(counts with { RoundId = counts.RoundId + 1000 }));
    }

    [Fact]
    public void Decide_NonApplicantWithoutReassignment_IsRefused()
    {
        var (s, counts, _) = Deciding(liu: 90, zhang: 70, chen: 60);

        var ex = Assert.Throws<DomainException>(() => Appoint(s, counts, s.Finance, s.Liu, JustificationCategory.Other, Reason));

        Assert.Contains("reassignment", ex.MessageKey, StringComparison.Ordinal);
    }

    [Fact]
    public void SubmitFiling_PostWithApplicantsUndecided_IsRefused()
    {
        var (s, counts, zhao) = Deciding(liu: 70, zhang: 90, chen: 80);
        Meeting(s, zhao);
        s.C.Decide(new DecisionInput(s.Office.Id, 1, s.Zhang.Id, Recused: [zhao.Id]), counts, Now);

        var ex = Assert.Throws<DomainException>(() => s.C.SubmitFiling(counts, Head, Now));

        Assert.Equal("财务科科长", ex.Args[0]);
        Assert.Equal(CompetitionStatus.Deciding, s.C.Status);
    }

    [Fact]
    public void SubmitFiling_WithoutMeeting_IsRefused()
    {
        var (s, counts, _) = Deciding(liu: 70, zhang: 90, chen: 80);
        Appoint(s, counts, s.Office, s.Zhang);
        Appoint(s, counts, s.Finance, s.Chen);

        var ex = Assert.Throws<DomainException>(() => s.C.SubmitFiling(counts, Head, Now));

        Assert.Contains("meeting", ex.MessageKey, StringComparison.Ordinal);
        Assert.Empty(s.C.Filings);
    }

    [Fact]
    public void RefuseFiling_WithoutReason_IsRefusedAndStaysFiled()
    {
        var (s, counts, zhao) = Deciding(liu: 70, zhang: 90, chen: 80);
        Meeting(s, zhao);
        s.C.Decide(new DecisionInput(s.Office.Id, 1, s.Zhang.Id, Recused: [zhao.Id]), counts, Now);
        Appoint(s, counts, s.Finance, s.Chen);
        s.C.SubmitFiling(counts, Head, Now);

        Assert.Throws<DomainException>(() => s.C.RefuseFiling("组织部", " ", Now));
        Assert.Equal(CompetitionStatus.Filed, s.C.Status);
        Assert.Throws<DomainException>(() => Appoint(s, counts, s.Finance, s.Chen));
    }

    [Fact]
    public void AcceptFiling_BeforeFiling_IsRefused()
    {
        var (s, _, _) = Deciding(liu: 70, zhang: 90, chen: 80);

        Assert.Throws<DomainException>(() => s.C.AcceptFiling("组织部", null, Now));
    }

    [Fact]
    public void Decide_ReassignedWhileTheOnlyApplicantIsBelowTheMinimum_NeedsNoJustification()
    {
        // 陈, the only applicant for 财务科科长, scored 30% and cannot be appointed; 张 (服从调剂, 60%) passes nobody over.
        var (s, counts, _) = Deciding(liu: 70, zhang: 60, chen: 30);

        var d = Appoint(s, counts, s.Finance, s.Zhang);

        Assert.Null(d.Justification);
        Assert.Empty(d.Placements);
    }

    [Fact]
    public void Decide_ReassignedWhileTheOnlyApplicantReachedTheMinimum_NeedsAWrittenJustification()
    {
        // control of the above: 陈 at 50% could be appointed, and applicants come first.
        var (s, counts, _) = Deciding(liu: 70, zhang: 60, chen: 50);

        var ex = Assert.Throws<DomainException>(() => Appoint(s, counts, s.Finance, s.Zhang));

        Assert.Contains("choose the category", ex.MessageKey, StringComparison.Ordinal);
        Assert.Null(s.C.Decisions.SingleOrDefault(x => x.PostId == s.Finance.Id)?.AppointeeId);
    }

    [Fact]
    public void Decide_ReassignedToAPostWhoseRequirementsTheyMiss_IsRefused()
    {
        // 财务科科长 now asks for a postgraduate degree: 张 (本科) does not meet it; 陈 applied under an override.
        var (s, counts, _) = Deciding(liu: 70, zhang: 60, chen: 50, x =>
        {
            x.C.UpdatePost(x.Finance.Id, new PostDetails { Name = "财务科科长", MinimumEducation = EducationLevel.Postgraduate }, x.Chen.Id);
            x.C.OverrideEligibility(x.Chen.Id, x.Finance.Id, "经组织部同意放宽学历要求", Now);
        });

        var ex = Assert.Throws<DomainException>(() => Appoint(s, counts, s.Finance, s.Zhang, JustificationCategory.WorkNeeds, Reason));

        Assert.Equal("{0} does not meet the requirements of {1} and cannot be reassigned to it.", ex.MessageKey);
        Assert.DoesNotContain(s.C.Decisions, x => x.AppointeeId == s.Zhang.Id);
        // control: 陈, who applied, is appointed to the same post.
        Assert.Equal(s.Chen.Id, Appoint(s, counts, s.Finance, s.Chen).AppointeeId);
    }
}
