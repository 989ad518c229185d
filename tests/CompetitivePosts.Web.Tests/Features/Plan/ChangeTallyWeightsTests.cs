using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Tally;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Features.Plan;
using CompetitivePosts.Web.Features.Tally;
using CompetitivePosts.Web.Features.Voting;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitivePosts.Web.Tests.Features.Plan;

/// <summary>The plan's category weights on the real database: stored and audited before the vote, refused after, used by the tally.</summary>
[Collection(AppTests.Name)]
public class ChangeTallyWeightsTests(AppFixture app)
{
    private async Task ChangeAsync(int competitionId, Actor actor, int a, int b, int c)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ChangeTallyWeights.Handler>()
            .HandleAsync(new ChangeTallyWeights.Command(competitionId, a, b, c), actor);
    }

    private async Task<Weights> StoredAsync(int competitionId)
    {
        await using var db = app.NewDb();
        var c = await db.Competitions.AsNoTracking().SingleAsync(x => x.Id == competitionId);
        return c.TallyWeights;
    }

    private async Task<Actor> OrganizerAsync() => Scenarios.Organizer(await app.DemoUnitIdAsync());

    [Fact]
    public async Task HandleAsync_BeforeTheFirstRound_StoresTheWeightsAndAuditsFromAndTo()
    {
        var s = await app.ArrangeAsync(CompetitionStatus.Speeches);
        var control = await app.ArrangeAsync(CompetitionStatus.Speeches);

        await ChangeAsync(s.CompetitionId, await OrganizerAsync(), 5, 3, 2);

        Assert.Equal(new Weights(5, 3, 2), await StoredAsync(s.CompetitionId));
        Assert.Equal(Weights.Baoding, await StoredAsync(control.CompetitionId));
        await using var db = app.NewDb();
        var entry = await db.AuditEntries.Where(e => e.CompetitionId == s.CompetitionId).OrderByDescending(e => e.Seq).FirstAsync();
        Assert.Equal(AuditActions.TallyWeightsChange, entry.Action);
        Assert.Contains("\"from\":\"4:3:3\"", entry.Detail, StringComparison.Ordinal);
        Assert.Contains("\"to\":\"5:3:2\"", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_AfterTheFirstRoundOpened_IsRefusedInChineseAndNothingChanges()
    {
        var s = await app.OpenForVotingAsync();
        var before = await DbSnapshot.TakeAsync(app);

        var organizer = await OrganizerAsync();

        var ex = await Assert.ThrowsAsync<DomainException>(() => ChangeAsync(s.CompetitionId, organizer, 1, 1, 1));

        Assert.Equal("The category weights are fixed once the first voting round has opened.", ex.MessageKey);
        Assert.Equal("第一轮投票开始后，类别权重不能再修改。", app.Chinese(ex.MessageKey));
        Assert.Equal(Weights.Baoding, await StoredAsync(s.CompetitionId));
        before.AssertUnchanged(await DbSnapshot.TakeAsync(app));
    }

    [Fact]
    public async Task HandleAsync_SeveralWrongFields_NamesEveryOneAndNothingChanges()
    {
        var s = await app.ArrangeAsync(CompetitionStatus.Speeches);
        var before = await DbSnapshot.TakeAsync(app);

        var organizer = await OrganizerAsync();

        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => ChangeAsync(s.CompetitionId, organizer, -1, 101, 3));
        var zero = await Assert.ThrowsAsync<InvalidInputException>(() => ChangeAsync(s.CompetitionId, organizer, 0, 0, 0));

        Assert.Equal([ChangeTallyWeights.FieldA, ChangeTallyWeights.FieldB], ex.Errors.Select(e => e.Field));
        Assert.Equal("每类权重须为 0 至 100 的整数。", app.Chinese(ex.Errors[0].Error.MessageKey, [.. ex.Errors[0].Error.Args]));
        Assert.Equal("At least one category weight must be above zero.", Assert.Single(zero.Errors).Error.MessageKey);
        Assert.Equal(Weights.Baoding, await StoredAsync(s.CompetitionId));
        before.AssertUnchanged(await DbSnapshot.TakeAsync(app));
    }

    [Fact]
    public async Task HandleAsync_OrganizerOfAnotherUnit_IsRefusedBeforeTheFormIsRead()
    {
        var s = await app.ArrangeAsync(CompetitionStatus.Speeches);
        var elsewhere = Scenarios.Organizer(await app.OtherUnitIdAsync());

        var ex = await Assert.ThrowsAsync<DomainException>(() => ChangeAsync(s.CompetitionId, elsewhere, 0, 0, 0));

        Assert.Equal("You may not manage this unit's competition.", ex.MessageKey);
        Assert.Equal(Weights.Baoding, await StoredAsync(s.CompetitionId));
    }

    [Fact]
    public async Task TallyQuery_PlanWeightsOnlyA_ScoresByTheCompetitionsWeights()
    {
        var s = await OpenWithWeightsAsync(1, 0, 0);
        var control = await app.OpenForVotingAsync();
        foreach (var v in new[] { s, control })
        {
            Assert.Equal(SubmitOutcome.Accepted, (await app.VoteAsync(v, "甲", ("乙", Choice.Agree), ("丙", Choice.Disagree))).Outcome);
            Assert.Equal(SubmitOutcome.Accepted, (await app.VoteAsync(v, "丙", ("乙", Choice.Disagree), ("丙", Choice.Agree))).Outcome);
        }

        using var scope = app.Services.CreateScope();
        var query = scope.ServiceProvider.GetRequiredService<TallyQuery>();
        var tally = await query.GetAsync(s.CompetitionId, Scenarios.Reviewer);
        var controlTally = await query.GetAsync(control.CompetitionId, Scenarios.Reviewer);

        // 1:0:0: only the A ballot counts. 乙: A 1/1 → 100%; 丙: A 0/1 → 0%. The control (4:3:3, no B ballot) gives 4/7 and 3/7.
        Rational Score(TallyView t, string name) => t.Posts.Single(p => p.PostName == "综合科科长").Candidates.Single(c => c.Name == name).Result.Score;
        Assert.Equal((new Rational(1, 1), Rational.Zero), (Score(tally, "乙"), Score(tally, "丙")));
        Assert.Equal((new Rational(4, 7), new Rational(3, 7)), (Score(controlTally, "乙"), Score(controlTally, "丙")));
    }

    /// <summary>The scenario of <see cref="Scenarios.OpenForVotingAsync"/>, with the weights set through the handler before the round opens.</summary>
    private async Task<VotingScenario> OpenWithWeightsAsync(int a, int b, int c)
    {
        var s = await app.ArrangeAsync(CompetitionStatus.Speeches);
        await ChangeAsync(s.CompetitionId, await OrganizerAsync(), a, b, c);
        await using var db = app.NewDb();
        var competition = await db.CompetitionAggregate.SingleAsync(x => x.Id == s.CompetitionId);
        competition.DrawSpeechOrder(CompetitivePosts.Domain.Speeches.SpeechGrouping.ByRank, DateTimeOffset.UtcNow);
        competition.IssueVoterRoll();
        var round = competition.CreateRound(new RoundSettings(RoundKind.Recommendation), DateTimeOffset.UtcNow);
        db.Audit(s.CompetitionId, Scenarios.Arranger, Scenarios.ArrangeAction);
        await db.SaveChangesAsync();
        competition.OpenRound(round.Id, DateTimeOffset.UtcNow);
        db.Audit(s.CompetitionId, Scenarios.Arranger, Scenarios.ArrangeAction);
        await db.SaveChangesAsync();
        var tokens = await Scenarios.IssueTokensAsync(db, round, competition.Voters);
        return new VotingScenario(s.CompetitionId, round.Id, competition.Cadres.ToDictionary(x => x.Name, x => x.Id),
            competition.Voters.ToDictionary(v => v.Name, v => v.Id), tokens);
    }
}
