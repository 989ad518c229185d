using CompetitivePosts.Domain.Decisions;
using CompetitivePosts.Domain.Tally;

namespace CompetitivePosts.Domain.Tests.Decisions;

public class JustificationRuleTests
{
    private static readonly Standing Top = new(1, "刘一", new Rational(9, 10), 1);
    private static readonly Standing Second = new(2, "陈二", new Rational(8, 10), 2);
    private static readonly Standing Third = new(3, "张三", new Rational(7, 10), 3);
    private static readonly Standing[] Applicants = [Top, Second, Third];
    private static readonly HashSet<int> None = [];

    private static Dictionary<int, string> Placed(params int[] ids) => ids.ToDictionary(id => id, id => $"岗位{id}");

    [Fact]
    public void Evaluate_TopScorerAppointed_NeedsNoJustification()
    {
        var verdict = JustificationRule.Evaluate(Applicants, 1, Top.Score, None, Placed());

        Assert.Equal(JustificationNeed.None, verdict.Need);
    }

    [Fact]
    public void Evaluate_LowerScorerAppointed_NeedsWrittenJustificationNamingThePassedOver()
    {
        var verdict = JustificationRule.Evaluate(Applicants, 3, Third.Score, None, Placed());

        Assert.Equal(JustificationNeed.Written, verdict.Need);
        Assert.Equal([1, 2], verdict.PassedOver.Select(s => s.CadreId));
        Assert.Equal("刘一、陈二", verdict.PassedOverNames);
    }

    [Fact]
    public void Evaluate_EveryoneAboveAppointedElsewhere_SystemStatesTheReason()
    {
        var verdict = JustificationRule.Evaluate(Applicants, 3, Third.Score, None, Placed(1, 2));

        Assert.Equal(JustificationNeed.PlacedElsewhere, verdict.Need);
        Assert.Equal([new Placement(1, "刘一", "岗位1"), new Placement(2, "陈二", "岗位2")], verdict.Placements);
    }

    [Fact]
    public void Evaluate_HigherScorerWithdrew_SystemStatesTheWithdrawal()
    {
        Standing[] withdrew = [Top with { Withdrawn = true }, Second, Third];

        var verdict = JustificationRule.Evaluate(withdrew, 2, Second.Score, None, Placed());

        Assert.Equal(JustificationNeed.PlacedElsewhere, verdict.Need);
        Assert.Equal([new Placement(1, "刘一", null)], verdict.Placements);
    }

    [Fact]
    public void Evaluate_TwoSeatsTopTwoAppointed_SecondSeatNeedsNoJustification()
    {
        // 职数 2: 刘一 holds seat 1 of the same post, so 陈二 on seat 2 passes over nobody.
        var verdict = JustificationRule.Evaluate(Applicants, 2, Second.Score, new HashSet<int> { 1 }, Placed());

        Assert.Equal(JustificationNeed.None, verdict.Need);
    }

    [Theory]
    [InlineData("。")]
    [InlineData("                         ")]
    [InlineData("理由：。。。。。。。。。。。。。。。。。。。。。。。")]
    public void CheckWritten_TooShortOrOnlyPunctuation_IsRefused(string reason)
    {
        var ex = Assert.Throws<DomainException>(() => JustificationRule.CheckWritten(JustificationCategory.Other, reason, "刘一"));

        Assert.Contains("at least", ex.MessageKey, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckWritten_NoCategory_IsRefused()
    {
        Assert.Throws<DomainException>(() => JustificationRule.CheckWritten(null, "该同志熟悉业务工作，专业背景与岗位要求高度契合。", "刘一"));
    }

    [Fact]
    public void Evaluate_OnlySomeAboveAppointedElsewhere_StillNeedsWrittenJustification()
    {
        var verdict = JustificationRule.Evaluate(Applicants, 3, Third.Score, None, Placed(1));

        Assert.Equal(JustificationNeed.Written, verdict.Need);
    }

    [Fact]
    public void Evaluate_TieAtTheTop_EitherTopScorerNeedsNoJustification()
    {
        Standing[] tied = [Top, Second with { Score = Top.Score, Rank = 1 }];

        Assert.Equal(JustificationNeed.None, JustificationRule.Evaluate(tied, 1, Top.Score, None, Placed()).Need);
        Assert.Equal(JustificationNeed.None, JustificationRule.Evaluate(tied, 2, Top.Score, None, Placed()).Need);
    }

    [Fact]
    public void Evaluate_PostWithoutApplicants_NeedsNoJustification()
    {
        var verdict = JustificationRule.Evaluate([], 9, new Rational(6, 10), None, Placed());

        Assert.Equal(JustificationNeed.None, verdict.Need);
    }

    [Fact]
    public void Evaluate_ReassignedNonApplicantWithHigherScore_StillNeedsJustification()
    {
        // 服从调剂: a non-applicant is never "the top scorer among the post's applicants".
        var verdict = JustificationRule.Evaluate(Applicants, 9, new Rational(95, 100), None, Placed());

        Assert.Equal(JustificationNeed.Written, verdict.Need);
        Assert.Equal([1], verdict.PassedOver.Select(s => s.CadreId));
    }
}
