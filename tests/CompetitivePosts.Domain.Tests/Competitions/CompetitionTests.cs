using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Decisions;
using CompetitivePosts.Domain.Eligibility;
using CompetitivePosts.Domain.Speeches;
using CompetitivePosts.Domain.Tally;
using static CompetitivePosts.Domain.Tests.Competitions.CompetitionBuilder;

namespace CompetitivePosts.Domain.Tests.Competitions;

public class CompetitionTests
{
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
}
