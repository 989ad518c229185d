using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Speeches;
using static CompetitivePosts.Domain.Tests.Competitions.CompetitionBuilder;

namespace CompetitivePosts.Domain.Tests.Competitions;

/// <summary>The reset and its undo, corrections after it, registration with preferences, withdrawal and qualification review.</summary>
public class RegistrationAndReviewTests
{
    [Fact]
    public void UndoReset_BeforeRegistrationOpens_GivesEveryHolderTheirPostBack()
    {
        var s = Standard();
        s.C.ResetToZero(Now);
        Assert.Null(s.Office.HolderId);

        s.C.UndoReset();

        Assert.Equal(CompetitionStatus.Draft, s.C.Status);
        Assert.Equal(s.Liu.Id, s.Office.HolderId);
        Assert.Equal(s.Chen.Id, s.Finance.HolderId);
        Assert.Empty(s.C.Snapshot);
        Assert.Null(s.C.ResetAt);
    }

    [Fact]
    public void UndoReset_AfterRegistrationOpened_IsRefused()
    {
        var s = Standard();
        s.C.OpenForRegistration();

        Assert.Throws<DomainException>(s.C.UndoReset);
        Assert.Equal(5, s.C.Snapshot.Count);
        Assert.Null(s.Office.HolderId);
    }

    [Fact]
    public void AddCadre_AfterTheReset_NeedsAReasonAndGetsASnapshotRowOfItsOwn()
    {
        var s = Standard();
        s.C.OpenForRegistration();

        var ex = Assert.Throws<DomainException>(() => s.C.AddCadre(Eligible("赵遗漏"), Now));
        var added = s.C.AddCadre(Eligible("赵遗漏"), Now, "归零前漏录");

        Assert.Equal("A correction after the reset needs a reason.", ex.MessageKey);
        Assert.Equal(6, s.C.Cadres.Count);
        Assert.True(s.C.Snapshot.Single(e => e.CadreId == added.Id) is { AddedAfterReset: true, PostId: null });
    }

    [Fact]
    public void UpdateCadre_AfterTheReset_ChangesTheCadreButNotTheSnapshot()
    {
        var s = Standard();
        s.C.OpenForRegistration();

        s.C.UpdateCadre(s.Zhang.Id, Eligible("张干部", VoterCategory.B), Now, "类别录错");

        Assert.Equal(VoterCategory.B, s.Zhang.Category);
        Assert.Equal(VoterCategory.C, s.C.Snapshot.Single(e => e.CadreId == s.Zhang.Id).Category);
    }

    [Fact]
    public void UpdateCadre_OnceVotingIsOpen_IsRefused()
    {
        var s = Standard();
        s.C.OpenForRegistration();
        s.C.Register(s.Zhang.Id, s.Office.Id, false);
        s.C.Qualify();
        s.C.DrawSpeechOrder(SpeechGrouping.ByRank, Now);
        s.C.IssueVoterRoll();
        s.C.UpdateCadre(s.Li.Id, Eligible("李干部") with { Ethnicity = "回族" }, Now, "民族录错"); // control: allowed before the vote
        s.C.OpenVoting();

        Assert.Throws<DomainException>(() => s.C.UpdateCadre(s.Li.Id, Eligible("李干部"), Now, "再改"));
        Assert.Equal("回族", s.Li.Ethnicity);
    }

    [Fact]
    public void Register_TwoPreferences_KeepsTheirOrderAndTheReassignmentAnswer()
    {
        var s = Standard();
        s.C.OpenForRegistration();

        s.C.Register(s.Zhang.Id, [s.Finance.Id, s.Office.Id], acceptsReassignment: true, "竞职材料", Now);
        s.C.Register(s.Li.Id, [s.Office.Id], acceptsReassignment: false, null, Now);

        var zhang = s.C.Applications.Where(a => a.CadreId == s.Zhang.Id).OrderBy(a => a.Preference).Select(a => a.PostId);
        Assert.Equal([s.Finance.Id, s.Office.Id], zhang);
        Assert.True(s.C.Registrations.Single(r => r.CadreId == s.Zhang.Id).AcceptsReassignment);
        Assert.False(s.C.Registrations.Single(r => r.CadreId == s.Li.Id).AcceptsReassignment);
    }

    [Fact]
    public void Register_Edited_SwapsPreferencesAndKeepsOneRegistration()
    {
        var s = Standard();
        s.C.OpenForRegistration();
        s.C.Register(s.Zhang.Id, [s.Finance.Id, s.Office.Id], true, null, Now);

        s.C.Register(s.Zhang.Id, [s.Office.Id], false, "改为只报一个", Now);

        Assert.Single(s.C.Registrations);
        Assert.Equal(s.Office.Id, s.C.Applications.Single().PostId);
        Assert.Equal(1, s.C.Applications.Single().Preference);
        Assert.NotNull(s.C.Registrations.Single().ChangedAt);
    }

    [Fact]
    public void Register_IneligiblePost_IsRefusedUnlessOverriddenWithAReason()
    {
        var s = Standard();
        var old = s.C.Cadre("老干部");
        s.C.UpdateCadre(old.Id, Eligible("老干部") with { BirthDate = new DateOnly(1950, 1, 1) }, Now);
        s.C.OpenForRegistration();

        var ex = Assert.Throws<DomainException>(() => s.C.Register(old.Id, [s.Office.Id], false, null, Now));
        s.C.OverrideEligibility(old.Id, s.Office.Id, "经党委研究同意放宽年龄", Now);
        s.C.Register(old.Id, [s.Office.Id], false, null, Now);

        Assert.Equal("{0} is not eligible for {1}.", ex.MessageKey);
        Assert.True(s.C.Eligibility(old.Id, s.Office.Id) is { Overridden: true, Eligible: true, OverrideReason: "经党委研究同意放宽年龄" });
        Assert.Single(s.C.Applications);
    }

    [Fact]
    public void Candidates_AreApprovedAndNotWithdrawn()
    {
        var s = Standard();
        s.C.OpenForRegistration();
        s.C.Register(s.Zhang.Id, s.Office.Id, false);
        s.C.Register(s.Li.Id, s.Office.Id, false);
        s.C.Register(s.Chen.Id, s.Finance.Id, false);
        s.C.Withdraw(s.Chen.Id, "个人原因", Now, byCadre: true);
        s.C.CloseRegistration();
        AssignIds(s.C);

        s.C.Approve(s.C.Applications.Single(a => a.CadreId == s.Zhang.Id).Id, Now);
        s.C.Reject(s.C.Applications.Single(a => a.CadreId == s.Li.Id).Id, "竞职材料不实", Now);
        s.C.PublishQualifiedList(Now);

        Assert.Equal([s.Zhang.Id], s.C.Candidates.Select(c => c.Id));
        Assert.Equal(CompetitionStatus.Speeches, s.C.Status);
        Assert.True(s.C.Registrations.Single(r => r.CadreId == s.Chen.Id) is { IsWithdrawn: true, WithdrawnByCadre: true });
    }

    [Fact]
    public void PublishQualifiedList_WithRegistrationsStillPending_IsRefused()
    {
        var s = Standard();
        s.C.OpenForRegistration();
        s.C.Register(s.Zhang.Id, s.Office.Id, false);
        s.C.CloseRegistration();

        var ex = Assert.Throws<DomainException>(() => s.C.PublishQualifiedList(Now));
        s.C.ApproveAllEligible(Now);
        s.C.PublishQualifiedList(Now); // control: publishes once nothing is pending

        Assert.Equal("{0} registrations are still waiting for review.", ex.MessageKey);
        Assert.NotNull(s.C.QualifiedListPublishedAt);
    }

    [Fact]
    public void Reject_AfterPublication_NeedsAReasonAndStaysPossibleUntilTheDraw()
    {
        var s = Standard();
        s.C.OpenForRegistration();
        s.C.Register(s.Zhang.Id, s.Office.Id, false);
        s.C.Register(s.Li.Id, s.Office.Id, false);
        s.C.Qualify();
        var li = s.C.Applications.Single(a => a.CadreId == s.Li.Id);

        Assert.Throws<DomainException>(() => s.C.Approve(li.Id, Now));
        s.C.Reject(li.Id, "举报查实，取消资格", Now);
        s.C.DrawSpeechOrder(SpeechGrouping.ByRank, Now);

        Assert.Throws<DomainException>(() => s.C.Approve(li.Id, Now, "复核后恢复"));
        Assert.Equal([s.Zhang.Id], s.C.Candidates.Select(c => c.Id));
        Assert.Single(s.C.SpeechSlots);
    }

    [Fact]
    public void ImportCadres_ReimportWithThreeChangedRows_ChangesThoseAndAddsNone()
    {
        var c = new Competition(1, "导入", Now);
        var rows = Enumerable.Range(1, 10).Select(i => Eligible("干部" + i) with { BirthDate = new DateOnly(1970, 1, i) }).ToList();
        var first = c.ImportCadres(rows, Now);
        rows[2] = rows[2] with { Education = EducationLevel.Postgraduate };
        rows[5] = rows[5] with { Department = "财务科" };
        rows[8] = rows[8] with { IsMiddlePrincipal = true };

        var second = c.ImportCadres(rows, Now);

        Assert.Equal(new ImportCounts(10, 0, 0), first);
        Assert.Equal(new ImportCounts(0, 3, 7), second);
        Assert.Equal(10, c.Cadres.Count);
        Assert.Equal(VoterCategory.B, c.Cadres.Single(x => x.Name == "干部9").Category);
    }

    [Fact]
    public void PlanCadreImport_SameNameWithAnotherBirthDate_IsAProblemNotANewCadre()
    {
        var c = new Competition(1, "导入", Now);
        c.ImportCadres([Eligible("王伟")], Now);

        var plan = c.PlanCadreImport([Eligible("王伟") with { BirthDate = new DateOnly(1980, 1, 1) }, Eligible("李娜")], Now, [2, 3]);

        Assert.Equal(2, plan.Problems.Single().Row);
        Assert.Equal(new ImportCounts(1, 0, 0), plan.Counts); // control: the other row would be added
    }
}
