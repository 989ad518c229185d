using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Web.Features.Voting;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitivePosts.Web.Tests.Features.Voting;

/// <summary>
/// A submit after its page load on the same instance reads nothing before its own statement (docs/adr/0035): the page
/// load's facts of the slip stand in for a second lookup, and the statement alone decides whether the slip is still live
/// and unused and the round still open. What was refused leaves the ballots as they were.
/// </summary>
[Collection(AppTests.Name)]
public class BallotAfterPageLoadTests(AppFixture app)
{
    [Fact]
    public async Task SubmitAsync_AfterItsPageLoad_DoesNotLookTheSlipUpAgain()
    {
        var s = await app.OpenForVotingAsync();
        using var scope = app.Services.CreateScope();
        var ballots = scope.ServiceProvider.GetRequiredService<BallotSubmission>();
        Assert.Equal(BallotState.Open, (await ballots.LoadAsync(s.Tokens["甲"])).State);
        // From here a lookup by the slip's hash finds nothing; only the page load's facts can lead the submit to it.
        await HideAsync(s.Tokens["甲"]);
        await HideAsync(s.Tokens["乙"]);

        var loaded = await ballots.SubmitAsync(s.Tokens["甲"], Post(s, "甲"));
        var notLoaded = await ballots.SubmitAsync(s.Tokens["乙"], Post(s, "乙"));

        Assert.Equal(SubmitOutcome.Accepted, loaded.Outcome);
        Assert.Equal(SubmitOutcome.Unknown, notLoaded.Outcome);
        Assert.Equal(1, await BallotsAsync(s.RoundId));
    }

    [Fact]
    public async Task SubmitAsync_SlipUsedElsewhereAfterItsPageLoad_SaysAlreadyVotedAndStoresNothing()
    {
        var s = await app.OpenForVotingAsync();
        using var scope = app.Services.CreateScope();
        var ballots = scope.ServiceProvider.GetRequiredService<BallotSubmission>();
        await ballots.LoadAsync(s.Tokens["甲"]);
        await ballots.LoadAsync(s.Tokens["丙"]);
        // Another instance took 甲's slip meanwhile (this instance never heard of it); 丙's slip is untouched (control).
        await using (var db = app.NewDb())
        {
            var hash = SecretToken.Hash(s.Tokens["甲"]);
            Assert.Equal(1, await db.Database.ExecuteSqlAsync($"""UPDATE "BallotTokens" SET "Used" = TRUE WHERE "TokenHash" = {hash}"""));
        }

        var before = await BallotsAsync(s.RoundId);

        var unsigned = await ballots.SubmitAsync(s.Tokens["甲"], Post(s, "甲") with { SignedName = null, SignatureDataUrl = null });
        var valid = await ballots.SubmitAsync(s.Tokens["甲"], Post(s, "甲"));
        var controlUnsigned = await ballots.SubmitAsync(s.Tokens["丙"], Post(s, "丙") with { SignedName = null, SignatureDataUrl = null });

        // A used slip is said to be used, not that the ballot on it lacks a signature.
        Assert.Equal(SubmitOutcome.AlreadyVoted, unsigned.Outcome);
        Assert.Equal(SubmitOutcome.AlreadyVoted, valid.Outcome);
        Assert.Equal(SubmitOutcome.Invalid, controlUnsigned.Outcome);
        Assert.Equal(0, before);
        Assert.Equal(before, await BallotsAsync(s.RoundId));
    }

    [Fact]
    public async Task SubmitAsync_SlipRevokedOrRoundClosedAfterItsPageLoad_IsRefusedAndStoresNothing()
    {
        var s = await app.OpenForVotingAsync();
        var organizer = Scenarios.Organizer(await app.DemoUnitIdAsync());
        using var scope = app.Services.CreateScope();
        var ballots = scope.ServiceProvider.GetRequiredService<BallotSubmission>();
        foreach (var voter in new[] { "甲", "乙", "丙" })
        {
            await ballots.LoadAsync(s.Tokens[voter]);
        }

        await scope.ServiceProvider.GetRequiredService<PrintSlips>().RevokeAsync(s.CompetitionId, s.RoundId, s.Voters["甲"], organizer);
        var revoked = await ballots.SubmitAsync(s.Tokens["甲"], Post(s, "甲"));
        var control = await ballots.SubmitAsync(s.Tokens["乙"], Post(s, "乙"));
        await scope.ServiceProvider.GetRequiredService<RoundControl>().CloseAsync(s.CompetitionId, organizer, s.RoundId);
        var closed = await ballots.SubmitAsync(s.Tokens["丙"], Post(s, "丙"));

        Assert.Equal(SubmitOutcome.Unknown, revoked.Outcome);
        Assert.Equal(SubmitOutcome.Accepted, control.Outcome);
        Assert.Equal(SubmitOutcome.Unknown, closed.Outcome);
        Assert.Equal(1, await BallotsAsync(s.RoundId));
        await using var db = app.NewDb();
        Assert.False(await db.BallotTokens.AnyAsync(t => t.RoundId == s.RoundId && t.Used && t.VoterId != s.Voters["乙"]));
    }

    private static List<KeyValuePair<string, string>> Fields(VotingScenario s, string voter) =>
        TestBallots.Fields([(s.Id("乙"), nameof(Choice.Agree)), (s.Id("丙"), nameof(Choice.Disagree))], voter);

    private static BallotPost Post(VotingScenario s, string voter) => BallotForm.Parse(Fields(s, voter));

    private async Task HideAsync(string token)
    {
        await using var db = app.NewDb();
        var hash = SecretToken.Hash(token);
        var hidden = new string([.. hash.Reverse()]);
        Assert.Equal(1, await db.Database.ExecuteSqlAsync($"""UPDATE "BallotTokens" SET "TokenHash" = {hidden} WHERE "TokenHash" = {hash}"""));
    }

    private async Task<int> BallotsAsync(int roundId)
    {
        await using var db = app.NewDb();
        return await db.SignedBallots.CountAsync(b => b.RoundId == roundId);
    }
}
