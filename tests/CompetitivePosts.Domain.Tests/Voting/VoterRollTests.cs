using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Tests.Competitions;
using CompetitivePosts.Domain.Voting;
using static CompetitivePosts.Domain.Tests.Competitions.CompetitionBuilder;

namespace CompetitivePosts.Domain.Tests.Voting;

public class VoterRollTests
{
    [Fact]
    public void IssueVoterRoll_CategoryCorrectedAfterTheReset_KeepsTheKindFromTheSnapshot()
    {
        var s = Standard();
        s.C.OpenForRegistration();
        // 刘 was a middle-level principal at the reset; the roster is corrected afterwards.
        s.C.UpdateCadre(s.Liu.Id, Eligible("刘科长", VoterCategory.C), Now, "录入错误");
        s.C.UpdateCadre(s.Zhang.Id, Eligible("张干部", VoterCategory.B), Now, "录入错误");

        s.C.IssueVoterRoll();

        var roll = s.C.Voters.ToDictionary(v => v.Name);
        Assert.Equal(VoterCategory.B, roll["刘科长"].Category);
        Assert.Equal(VoterCategory.C, roll["张干部"].Category);
        Assert.Equal(VoterCategory.A, roll["王领导"].Category);
        Assert.Equal(VoterCategory.C, s.Liu.Category); // control: the roster itself did change
    }

    [Fact]
    public void IssueVoterRoll_BeforeTheReset_IsRefused()
    {
        var s = Standard();

        Assert.Throws<DomainException>(() => s.C.IssueVoterRoll());
        Assert.Empty(s.C.Voters);
    }

    [Fact]
    public void RollChanges_NeedReasonsAndKeepThem()
    {
        var s = Standard();
        s.C.OpenForRegistration();
        s.C.IssueVoterRoll();
        AssignIds(s.C);
        var zhang = s.C.Voters.Single(v => v.CadreId == s.Zhang.Id);

        Assert.Throws<DomainException>(() => s.C.OverrideVoterCategory(zhang.Id, VoterCategory.B, " "));
        Assert.Throws<DomainException>(() => s.C.ExcludeVoter(zhang.Id, "", Now));
        Assert.Throws<DomainException>(() => s.C.AddOutsideVoter("赵书记", VoterCategory.A, ""));
        Assert.Throws<DomainException>(() => s.C.AddOutsideVoter("张干部", VoterCategory.A, "重名"));
        s.C.OverrideVoterCategory(zhang.Id, VoterCategory.B, "兼任");
        s.C.ExcludeVoter(zhang.Id, "病假", Now);
        var outside = s.C.AddOutsideVoter("赵书记", VoterCategory.A, "派驻");

        Assert.Equal((VoterCategory.B, VoterCategory.C, "兼任", true, "病假"),
            (zhang.Category, zhang.RollCategory, zhang.CategoryReason, zhang.IsExcluded, zhang.ExclusionReason));
        Assert.True(outside.IsOutside);
        s.C.OverrideVoterCategory(zhang.Id, VoterCategory.C, "恢复");
        Assert.Null(zhang.CategoryReason); // back to the snapshot's kind: no change left to explain
    }
}
