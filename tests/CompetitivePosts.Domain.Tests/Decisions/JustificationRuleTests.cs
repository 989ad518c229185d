using CompetitivePosts.Domain.Decisions;
using CompetitivePosts.Domain.Tally;

namespace CompetitivePosts.Domain.Tests.Decisions;

public class JustificationRuleTests
{
    private static readonly Standing Top = new(1, "刘一", new Rational(9, 10), 1);
    private static readonly Standing Second = new(2, "陈二", new Rational(8, 10), 2);
    private static readonly Standing Third = new(3, "张三", new Rational(7, 10), 3);
    private static readonly Standing[] Applicants = [Top, Second, Third];

    [Fact]
    public void Evaluate_TopScorerAppointed_NeedsNoJustification()
    {
        var verdict = JustificationRule.Evaluate(Applicants, 1, Top.Score, new HashSet<int>());

        Assert.Equal(JustificationNeed.None, verdict.Need);
    }

    [Fact]
    public void Evaluate_LowerScorerAppointed_NeedsWrittenJustificationNamingThePassedOver()
    {
        var verdict = JustificationRule.Evaluate(Applicants, 3, Third.Score, new HashSet<int>());

        Assert.Equal(JustificationNeed.Written, verdict.Need);
        Assert.Equal([1, 2], verdict.PassedOver.Select(s => s.CadreId));
        Assert.Equal("刘一、陈二", verdict.PassedOverNames);
    }

    [Fact]
    public void Evaluate_EveryoneAboveAppointedElsewhere_SystemStatesTheReason()
    {
        var verdict = JustificationRule.Evaluate(Applicants, 3, Third.Score, new HashSet<int> { 1, 2 });

        Assert.Equal(JustificationNeed.PlacedElsewhere, verdict.Need);
    }

    [Fact]
    public void Evaluate_OnlySomeAboveAppointedElsewhere_StillNeedsWrittenJustification()
    {
        var verdict = JustificationRule.Evaluate(Applicants, 3, Third.Score, new HashSet<int> { 1 });

        Assert.Equal(JustificationNeed.Written, verdict.Need);
    }

    [Fact]
    public void Evaluate_TieAtTheTop_EitherTopScorerNeedsNoJustification()
    {
        Standing[] tied = [Top, Second with { Score = Top.Score, Rank = 1 }];

        Assert.Equal(JustificationNeed.None, JustificationRule.Evaluate(tied, 1, Top.Score, new HashSet<int>()).Need);
        Assert.Equal(JustificationNeed.None, JustificationRule.Evaluate(tied, 2, Top.Score, new HashSet<int>()).Need);
    }

    [Fact]
    public void Evaluate_PostWithoutApplicants_NeedsNoJustification()
    {
        var verdict = JustificationRule.Evaluate([], 9, new Rational(6, 10), new HashSet<int>());

        Assert.Equal(JustificationNeed.None, verdict.Need);
    }

    [Fact]
    public void Evaluate_ReassignedNonApplicantWithHigherScore_StillNeedsJustification()
    {
        // 服从调剂: a non-applicant is never "the top scorer among the post's applicants".
        var verdict = JustificationRule.Evaluate(Applicants, 9, new Rational(95, 100), new HashSet<int>());

        Assert.Equal(JustificationNeed.Written, verdict.Need);
        Assert.Equal([1], verdict.PassedOver.Select(s => s.CadreId));
    }
}
