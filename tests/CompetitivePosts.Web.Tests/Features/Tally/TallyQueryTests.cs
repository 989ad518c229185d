using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Tally;
using CompetitivePosts.Web.Features.Tally;
using CompetitivePosts.Web.Features.Voting;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitivePosts.Web.Tests.Features.Tally;

[Collection(AppTests.Name)]
public class TallyQueryTests(AppFixture app)
{
    private async Task VoteAsync(VotingScenario s, string voter, Choice forYi, Choice forBing)
    {
        var result = await app.VoteAsync(s, voter, ("乙", forYi), ("丙", forBing));
        Assert.Equal(SubmitOutcome.Accepted, result.Outcome);
    }

    private async Task<TallyView> TallyAsync(VotingScenario s)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<TallyQuery>().GetAsync(s.CompetitionId, Scenarios.Reviewer);
    }

    [Fact]
    public async Task GetAsync_BallotsInTwoCompetitions_CountsOnlyItsOwn()
    {
        var s = await app.OpenForVotingAsync();
        var control = await app.OpenForVotingAsync();
        await VoteAsync(s, "甲", Choice.Agree, Choice.Disagree);
        await VoteAsync(s, "丙", Choice.Disagree, Choice.Agree);
        await VoteAsync(control, "乙", Choice.Agree, Choice.Agree);

        var tally = await TallyAsync(s);
        var controlTally = await TallyAsync(control);

        Assert.Equal(2, tally.TotalBallots);
        Assert.Equal(1, controlTally.TotalBallots);
        var post = tally.Posts.Single(p => p.PostName == "综合科科长");
        // No B ballot, so weights 4:3 remain. 乙: A 1/1, C 0/1 → 4/7. 丙: A 0/1, C 1/1 → 3/7.
        var yi = post.Candidates.Single(c => c.Name == "乙");
        var bing = post.Candidates.Single(c => c.Name == "丙");
        Assert.Equal(new Rational(4, 7), yi.Result.Score);
        Assert.Equal(new Rational(3, 7), bing.Result.Score);
        Assert.Equal((1, 2), (yi.Rank, bing.Rank));
        Assert.Equal(new CategoryCounts(0, 1, 0, 1), yi.Result.Counts[VoterCategory.C]);
    }

    [Fact]
    public async Task GetAsync_NoBallotYet_ShowsTurnoutOfZeroPerCategory()
    {
        var s = await app.OpenForVotingAsync();

        var tally = await TallyAsync(s);

        Assert.Equal([(VoterCategory.A, 1, 0), (VoterCategory.B, 1, 0), (VoterCategory.C, 2, 0)],
            tally.Turnout.Select(t => (t.Category, t.Voters, t.Ballots)));
        Assert.Empty(tally.Posts.Single(p => p.PostName == "综合科副科长").Candidates);
    }

    [Fact]
    public async Task TallyHub_BallotCommitted_NotifiesClientsThatJoinedTheCompetition()
    {
        var s = await app.OpenForVotingAsync();
        var other = await app.OpenForVotingAsync();
        using var organizer = await WebSession.SignInAsync(app, "organizer");
        await using var connection = app.Connect(organizer);
        var received = new List<int>();
        var got = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<int>(TallyHub.TallyChanged, id =>
        {
            lock (received)
            {
                received.Add(id);
            }

            got.TrySetResult(id);
        });
        await connection.StartAsync();
        await connection.InvokeAsync(nameof(TallyHub.Join), s.CompetitionId);

        await VoteAsync(other, "甲", Choice.Agree, Choice.Agree);
        await VoteAsync(s, "甲", Choice.Agree, Choice.Agree);

        Assert.Equal(s.CompetitionId, await got.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        lock (received)
        {
            Assert.DoesNotContain(other.CompetitionId, received);
        }
    }

    [Fact]
    public async Task TallyHub_AnonymousOrOtherUnitsOrganizer_IsRefusedAndHearsNothing()
    {
        var s = await app.OpenForVotingAsync();
        await app.EnsureOtherOrganizerAsync();
        using var outsider = await WebSession.SignInAsync(app, TestAccounts.OtherOrganizer);
        using var organizer = await WebSession.SignInAsync(app, "organizer");
        await using var anonymous = app.Connect(null);
        await using var foreign = app.Connect(outsider);
        await using var own = app.Connect(organizer);
        var heard = new List<string>();
        var ownHeard = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        anonymous.On<int>(TallyHub.TallyChanged, _ => { lock (heard) { heard.Add("anonymous"); } });
        foreign.On<int>(TallyHub.TallyChanged, _ => { lock (heard) { heard.Add("foreign"); } });
        own.On<int>(TallyHub.TallyChanged, id => ownHeard.TrySetResult(id));
        await anonymous.StartAsync();
        await foreign.StartAsync();
        await own.StartAsync();

        var refusedAnonymous = await Assert.ThrowsAsync<HubException>(() => anonymous.InvokeAsync(nameof(TallyHub.Join), s.CompetitionId));
        var refusedForeign = await Assert.ThrowsAsync<HubException>(() => foreign.InvokeAsync(nameof(TallyHub.Join), s.CompetitionId));
        await own.InvokeAsync(nameof(TallyHub.Join), s.CompetitionId);
        await VoteAsync(s, "甲", Choice.Agree, Choice.Agree);

        // control: the unit's own organizer hears the ballot, so the others were not merely too slow.
        Assert.Equal(s.CompetitionId, await ownHeard.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        await Task.Delay(300);
        lock (heard)
        {
            Assert.Empty(heard);
        }

        Assert.Contains("unauthorized", refusedAnonymous.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("unauthorized", refusedForeign.Message, StringComparison.OrdinalIgnoreCase);
    }
}
