using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Tally;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Web.Features.Voting;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitivePosts.Web.Tests.Features.Voting;

/// <summary>民主测评 of incumbents, tallied by grade per ballot kind from the stored ballots.</summary>
[Collection(AppTests.Name)]
public class EvaluationRoundTests(AppFixture app)
{
    [Fact]
    public async Task EvaluationRound_BallotsOfEveryKind_AreTalliedByGradePerCategory()
    {
        // 乙 held 综合科科长 before the reset: the one incumbent.
        var s = await app.OpenForVotingAsync(settings: new RoundSettings(RoundKind.Evaluation, IsSigned: false));
        foreach (var (voter, grade) in new[] { ("甲", "Excellent"), ("乙", "Competent"), ("丙", "Excellent"), ("丁", "BasicallyCompetent") })
        {
            Assert.Equal(SubmitOutcome.Accepted, (await app.SubmitAsync(s.Tokens[voter], TestBallots.Fields([(s.Id("乙"), grade)], null))).Outcome);
        }

        // A recommendation's choice is not a grade.
        var control = await app.OpenForVotingAsync(settings: new RoundSettings(RoundKind.Evaluation, IsSigned: false));
        Assert.Equal(SubmitOutcome.Invalid, (await app.SubmitAsync(control.Tokens["甲"], TestBallots.Fields([(control.Id("乙"), "Agree")], null))).Outcome);

        using var scope = app.Services.CreateScope();
        var view = await scope.ServiceProvider.GetRequiredService<RoundQuery>().GetAsync(s.CompetitionId, s.RoundId, Scenarios.Reviewer);

        var yi = Assert.Single(view.Evaluation!).Result;
        Assert.Equal("乙", yi.Item.Name);
        Assert.Equal("综合科科长", yi.Group);
        Assert.Equal(new GradeCounts(1, 0, 0, 0, 1), yi.ByCategory[VoterCategory.A]);
        Assert.Equal(new GradeCounts(0, 1, 0, 0, 1), yi.ByCategory[VoterCategory.B]);
        Assert.Equal(new GradeCounts(1, 0, 1, 0, 2), yi.ByCategory[VoterCategory.C]);
        Assert.Equal(new Rational(1, 2), yi.ByCategory[VoterCategory.C].Share(Grade.Excellent));
        Assert.Equal(new GradeCounts(2, 1, 1, 0, 4), yi.Total);
        Assert.Equal(4, view.TotalCast);
        // 优秀+称职 per kind: A 1/1, B 1/1, C 1/2; weighted 4:3:3 → 0.4 + 0.3 + 0.15.
        Assert.Equal(new Rational(17, 20), view.Evaluation![0].ExcellentOrCompetentRate);
    }
}
