using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Decisions;
using CompetitivePosts.Domain.Eligibility;
using CompetitivePosts.Domain.Speeches;
using CompetitivePosts.Domain.Tally;
using static CompetitivePosts.Domain.Tests.Competitions.CompetitionBuilder;

namespace CompetitivePosts.Domain.Tests.Competitions;

public class CompetitionTests
{
    private static Standing S(Cadre c, int percent, int rank) => new(c.Id, c.Name, new Rational(percent, 100), rank);

    /// <summary>Runs a scenario up to the party committee's decision.</summary>
    private static Scenario Deciding()
    {
        var s = AtSpeeches();
        s.C.OpenVoting();
        s.C.CloseVoting();
        return s;
    }

    /// <summary>Both posts decided for their top scorers and filed.</summary>
    private static Scenario Filed()
    {
        var s = Deciding();
        s.C.Decide(s.Office.Id, s.Zhang.Id, [S(s.Zhang, 90, 1)], new Rational(9, 10), null, Now);
        s.C.Decide(s.Finance.Id, s.Chen.Id, [S(s.Chen, 80, 1)], new Rational(8, 10), null, Now);
        s.C.SubmitFiling(Now);
        return s;
    }

    [Fact]
    public void ResetToZero_FromDraft_RecordsHoldersAndVacatesOnlyCompetedPosts()
    {
        var s = Standard();

        s.C.ResetToZero(Now);

        Assert.Equal(CompetitionStatus.Reset, s.C.Status);
        Assert.Equal(5, s.C.Snapshot.Count);
        Assert.Equal(3, s.C.Snapshot.Count(e => e.PostId is not null));
        Assert.True(s.C.Snapshot.Single(e => e.CadreId == s.Liu.Id) is { WasMiddlePrincipal: true, PostName: "办公室主任", PostLevel: PostLevel.Principal });
        Assert.Null(s.Office.HolderId);
        Assert.Null(s.Finance.HolderId);
        Assert.Equal(s.Leader.Id, s.Secret.HolderId);
    }

    [Fact]
    public void ResetToZero_Twice_IsRefused()
    {
        var s = Standard();
        s.C.ResetToZero(Now);

        var ex = Assert.Throws<DomainException>(() => s.C.ResetToZero(Now));

        Assert.Equal(5, s.C.Snapshot.Count);
        Assert.Contains("stage", ex.MessageKey, StringComparison.Ordinal);
    }

    [Fact]
    public void ResetToZero_OnlyExcludedPosts_IsRefused()
    {
        var c = new Competition(1, "x", Now);
        c.Post("保密室主任", excluded: PostExclusion.ImportantSecrets);

        Assert.Throws<DomainException>(() => c.ResetToZero(Now));
        Assert.Equal(CompetitionStatus.Draft, c.Status);
    }

    [Fact]
    public void Register_BeforeReset_IsRefused()
    {
        var s = Standard();

        Assert.Throws<DomainException>(() => s.C.Register(s.Zhang.Id, s.Office.Id, false));
    }

    [Fact]
    public void Eligibility_ExcludedPostAndLeader_GivesEveryReason()
    {
        var s = Standard();
        s.C.ResetToZero(Now);

        var reasons = s.C.Eligibility(s.Leader.Id, s.Secret.Id).Reasons.Select(r => r.Message.Key).ToList();

        Assert.Contains("This post is excluded from the competition.", reasons);
        Assert.Contains("Unit leaders at deputy-county level and above do not compete for section-level posts.", reasons);
        Assert.Contains("The cadre keeps an excluded post.", reasons);
        Assert.True(s.C.Eligibility(s.Zhang.Id, s.Office.Id).Eligible);
    }

    [Fact]
    public void Register_SamePostTwice_IsRefused()
    {
        var s = Standard();
        s.C.OpenForRegistration();
        s.C.Register(s.Zhang.Id, s.Office.Id, false);

        var ex = Assert.Throws<DomainException>(() => s.C.Register(s.Zhang.Id, s.Office.Id, false));

        Assert.Equal("The same post is chosen twice.", ex.MessageKey);
        Assert.Single(s.C.Applications);
    }

    [Fact]
    public void OpenVoting_WithoutSpeechOrder_IsRefused()
    {
        var s = Standard();
        s.C.OpenForRegistration();
        s.C.Register(s.Zhang.Id, s.Office.Id, false);
        s.C.Qualify();
        s.C.IssueVoterRoll();

        Assert.Throws<DomainException>(s.C.OpenVoting);
        Assert.Equal(CompetitionStatus.Speeches, s.C.Status);
    }

    [Fact]
    public void DrawSpeechOrder_Twice_IsRefusedAndFirstOrderStands()
    {
        var s = Standard();
        s.C.OpenForRegistration();
        s.C.Register(s.Zhang.Id, s.Office.Id, false);
        s.C.Register(s.Liu.Id, s.Office.Id, false);
        s.C.Qualify();
        s.C.DrawSpeechOrder(SpeechGrouping.None, Now);
        var first = s.C.SpeechSlots.Select(x => x.CadreId).ToList();
        var seed = s.C.DrawSeed;

        Assert.Throws<DomainException>(() => s.C.DrawSpeechOrder(SpeechGrouping.ByRank, Now));
        Assert.Equal(first, s.C.SpeechSlots.Select(x => x.CadreId));
        Assert.Equal(seed, s.C.DrawSeed);
        Assert.Equal(SpeechGrouping.None, s.C.SpeechGrouping);
    }

    [Fact]
    public void Register_BeyondTheLimitOfPosts_IsRefusedWithTheReason()
    {
        var s = Standard();
        var third = s.C.Post("综合科科长");
        s.C.OpenForRegistration();
        s.C.Register(s.Zhang.Id, s.Office.Id, false);
        s.C.Register(s.Zhang.Id, s.Finance.Id, false);

        var ex = Assert.Throws<DomainException>(() => s.C.Register(s.Zhang.Id, third.Id, false));

        Assert.Equal("A cadre may register for at most {0} posts.", ex.MessageKey);
        Assert.Equal(2, s.C.Applications.Count);
    }

    [Fact]
    public void IssueVoterRoll_CalledTwice_IssuesOneBallotPerCadre()
    {
        var s = Standard();
        s.C.OpenForRegistration();

        var first = s.C.IssueVoterRoll();
        var second = s.C.IssueVoterRoll();

        Assert.Equal(5, first);
        Assert.Equal(0, second);
        Assert.Equal(5, s.C.Voters.Select(v => v.CadreId).Distinct().Count());
    }

    [Fact]
    public void Decide_PassingOverTopScorerWithoutJustification_IsRefused()
    {
        var s = Deciding();
        Standing[] office = [S(s.Zhang, 90, 1), S(s.Liu, 70, 2)];

        var ex = Assert.Throws<DomainException>(() => s.C.Decide(s.Office.Id, s.Liu.Id, office, office[1].Score, "  ", Now));

        Assert.Contains("justification", ex.MessageKey, StringComparison.Ordinal);
        Assert.Empty(s.C.Decisions);
    }

    [Fact]
    public void Decide_PassingOverTopScorerWithJustification_IsRecorded()
    {
        var s = Deciding();
        Standing[] office = [S(s.Zhang, 90, 1), S(s.Liu, 70, 2)];

        var d = s.C.Decide(s.Office.Id, s.Liu.Id, office, office[1].Score, "熟悉办公室全面工作", Now);

        Assert.Equal("熟悉办公室全面工作", d.Justification);
        Assert.Null(d.SystemReason);
    }

    [Fact]
    public void Decide_TopScorerWithJustificationTyped_DropsTheUnneededText()
    {
        var s = Deciding();
        Standing[] office = [S(s.Zhang, 90, 1), S(s.Liu, 70, 2)];

        var d = s.C.Decide(s.Office.Id, s.Zhang.Id, office, office[0].Score, "不需要", Now);

        Assert.Null(d.Justification);
    }

    [Fact]
    public void Decide_TopScorerPlacedOnAnotherPost_SystemGivesTheReason()
    {
        var s = Deciding();
        Standing[] office = [S(s.Zhang, 90, 1), S(s.Liu, 70, 2)];
        Standing[] finance = [S(s.Chen, 80, 1)];
        // 张干部 accepted reassignment and goes to finance, passing over 陈科长 there with a reason.
        s.C.Decide(s.Finance.Id, s.Zhang.Id, finance, office[0].Score, "财务专业背景", Now);

        var d = s.C.Decide(s.Office.Id, s.Liu.Id, office, office[1].Score, null, Now);

        Assert.Equal("张干部", d.SystemReason);
    }

    [Fact]
    public void Decide_BelowMinimumScore_IsRefused()
    {
        var s = Deciding();
        Standing[] office = [S(s.Liu, 40, 1)];

        Assert.Throws<DomainException>(() => s.C.Decide(s.Office.Id, s.Liu.Id, office, office[0].Score, null, Now));
    }

    [Fact]
    public void Decide_SameCadreForTwoPosts_IsRefused()
    {
        var s = Deciding();
        Standing[] office = [S(s.Zhang, 90, 1)];
        s.C.Decide(s.Office.Id, s.Zhang.Id, office, office[0].Score, null, Now);

        Assert.Throws<DomainException>(() => s.C.Decide(s.Finance.Id, s.Zhang.Id, [S(s.Chen, 80, 1)], office[0].Score, "x", Now));
    }

    [Fact]
    public void Decide_NonApplicantWithoutReassignment_IsRefused()
    {
        var s = Deciding();

        Assert.Throws<DomainException>(() => s.C.Decide(s.Finance.Id, s.Liu.Id, [S(s.Chen, 80, 1)], new Rational(9, 10), "x", Now));
    }

    [Fact]
    public void SubmitFiling_PostWithApplicantsUndecided_IsRefused()
    {
        var s = Deciding();
        s.C.Decide(s.Office.Id, s.Zhang.Id, [S(s.Zhang, 90, 1)], new Rational(9, 10), null, Now);

        var ex = Assert.Throws<DomainException>(() => s.C.SubmitFiling(Now));

        Assert.Equal("财务科科长", ex.Args[0]);
        Assert.Equal(CompetitionStatus.Deciding, s.C.Status);
    }

    [Fact]
    public void RefuseFiling_ThenFileAgain_GoesBackToUnitAndVersionsTheFiling()
    {
        var s = Filed();

        s.C.RefuseFiling("组织部", "理由不充分", Now);
        Assert.Equal(CompetitionStatus.Deciding, s.C.Status);
        s.C.SubmitFiling(Now);
        s.C.AcceptFiling("组织部", null, Now);

        Assert.Equal(CompetitionStatus.Accepted, s.C.Status);
        Assert.Equal([FilingStatus.Refused, FilingStatus.Accepted], s.C.Filings.OrderBy(f => f.Version).Select(f => f.Status));
    }

    [Fact]
    public void RefuseFiling_WithoutReason_IsRefused()
    {
        var s = Filed();

        Assert.Throws<DomainException>(() => s.C.RefuseFiling("组织部", " ", Now));
        Assert.Equal(CompetitionStatus.Filed, s.C.Status);
    }

    [Fact]
    public void AcceptFiling_BeforeFiling_IsRefused()
    {
        var s = Deciding();

        Assert.Throws<DomainException>(() => s.C.AcceptFiling("组织部", null, Now));
    }
}
