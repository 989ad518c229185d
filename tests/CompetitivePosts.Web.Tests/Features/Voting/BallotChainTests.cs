using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Web.Features.Voting;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CompetitivePosts.Web.Tests.Features.Voting;

/// <summary>The signed round's ballot chain (sealed after the fact, verified from the stored ballots) and the receipt check.</summary>
[Collection(AppTests.Name)]
public class BallotChainTests(AppFixture app)
{
    private async Task<(VotingScenario S, List<string> Receipts)> VotedAsync()
    {
        var s = await app.OpenForVotingAsync();
        var receipts = new List<string>();
        foreach (var voter in new[] { "甲", "乙", "丙" })
        {
            receipts.Add((await app.VoteAsync(s, voter, ("乙", Choice.Agree), ("丙", Choice.Disagree))).Receipt!);
        }

        return (s, receipts);
    }

    private async Task<BallotChainVerification> VerifyAsync(int roundId)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<BallotChainService>().VerifyAsync(roundId);
    }

    private async Task SealAsync(int roundId)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<BallotChainService>().SealAsync(roundId);
    }

    private async Task TamperAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(app.Postgres.ConnectionString("competitiveposts"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task SealAsync_BallotsSealed_TellsTheCompetitionsRoundPagesAndNothingWhenNoneWere()
    {
        var s = await app.OpenForVotingAsync();
        var other = await app.OpenForVotingAsync();
        var notices = 0;
        var otherNotices = 0;
        var notifier = app.Services.GetRequiredService<ChainNotifier>();
        using var subscription = notifier.Subscribe(s.CompetitionId, _ => { Interlocked.Increment(ref notices); return Task.CompletedTask; });
        using var otherSubscription = notifier.Subscribe(other.CompetitionId, _ => { Interlocked.Increment(ref otherNotices); return Task.CompletedTask; });

        await app.VoteAsync(s, "甲", ("乙", Choice.Agree));
        await SealAsync(s.RoundId);

        // The background sealer may have taken the ballot first: then its news may come just after the call above returns.
        for (var i = 0; i < 200 && Volatile.Read(ref notices) == 0; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(1, Volatile.Read(ref notices)); // one ballot, sealed by one pass: one notice
        Assert.Equal(0, Volatile.Read(ref otherNotices)); // control: another competition hears nothing
        await SealAsync(s.RoundId); // nothing left to seal
        Assert.Equal(1, Volatile.Read(ref notices));
    }

    [Fact]
    public async Task SealAsync_SignedRound_EachBallotCarriesTheHashOfThePreviousOneAndTheChainVerifies()
    {
        var (s, _) = await VotedAsync();

        await SealAsync(s.RoundId);

        await using var db = app.NewDb();
        var ballots = await db.SignedBallots.Where(b => b.RoundId == s.RoundId).OrderBy(b => b.Seq).ToListAsync();
        Assert.Equal([1L, 2L, 3L], ballots.Select(b => b.Seq!.Value));
        Assert.Equal(BallotChain.Genesis, ballots[0].PrevHash);
        Assert.Equal(ballots[0].ChainHash, ballots[1].PrevHash);
        Assert.Equal(ballots[1].ChainHash, ballots[2].PrevHash);
        var head = await db.BallotChainHeads.SingleAsync(h => h.RoundId == s.RoundId);
        Assert.Equal((3L, ballots[2].ChainHash), (head.Seq, head.Hash));
        var verdict = await VerifyAsync(s.RoundId);
        Assert.True(verdict.Intact);
        Assert.Equal(3, verdict.Ballots);
    }

    [Fact]
    public async Task VerifyAsync_BallotVotedAndSealedBetweenItsReads_SeesOneMomentAndFindsTheChainIntact()
    {
        var s = await app.OpenForVotingAsync();
        await app.VoteAsync(s, "甲", ("乙", Choice.Agree));
        await app.VoteAsync(s, "乙", ("丙", Choice.Agree));
        await SealAsync(s.RoundId);
        // After the sealed ballots are read and before the head is: one more ballot, sealed (the sealer runs every 2 s).
        var change = new ChangeBetweenReads("SignedBallots", async () =>
        {
            await app.VoteAsync(s, "丙", ("乙", Choice.Disagree));
            await SealAsync(s.RoundId);
        });
        await using var db = change.Context(app);

        var during = await BallotChainService.VerifyAsync(db, s.RoundId);

        Assert.True(change.Happened);
        Assert.True(during.Intact, during.Break?.ToString());
        Assert.Equal(2, during.Ballots);
        // Control: read again afterwards, the third ballot is in the chain.
        var after = await VerifyAsync(s.RoundId);
        Assert.True(after.Intact);
        Assert.Equal(3, after.Ballots);
    }

    /// <summary>
    /// The round page's "sealed, waiting" line: a ballot committed while the page reads must not be counted in one figure
    /// and then (sealed meanwhile by the 2 s sealer) in neither, or in both.
    /// </summary>
    [Fact]
    public async Task RoundQuery_BallotCastBetweenItsReads_CountsSealedAndWaitingAsOfOneMoment()
    {
        var (s, _) = await VotedAsync();
        var change = new ChangeBetweenReads("SignedBallots", async () => await app.VoteAsync(s, "丁", ("乙", Choice.Agree)));
        var control = await app.OpenForVotingAsync(settings: new RoundSettings(RoundKind.Recommendation, IsSigned: false));
        await app.SubmitAsync(control.Tokens["甲"], TestBallots.Fields([(control.Id("乙"), "Agree")], null));

        var during = await new RoundQuery(change.Factory(app)).GetAsync(s.CompetitionId, s.RoundId, Scenarios.Reviewer);

        Assert.True(change.Happened);
        Assert.Equal(3, during.Round.Cast);
        Assert.Equal(3, during.Sealed + during.Unsealed);
        // Control: read again after a pass of the sealer, all four ballots are sealed; an unsigned round has no seals.
        await SealAsync(s.RoundId);
        using var scope = app.Services.CreateScope();
        var rounds = scope.ServiceProvider.GetRequiredService<RoundQuery>();
        var after = await rounds.GetAsync(s.CompetitionId, s.RoundId, Scenarios.Reviewer);
        Assert.Equal((4, 0), (after.Sealed, after.Unsealed));
        var unsigned = await rounds.GetAsync(control.CompetitionId, control.RoundId, Scenarios.Reviewer);
        Assert.Equal((0, 0, 1), (unsigned.Sealed, unsigned.Unsealed, unsigned.Round.Cast));
    }

    [Theory]
    [InlineData("content", BallotChainBreak.Content)]
    [InlineData("newest", BallotChainBreak.Head)]
    [InlineData("used slip without its ballot", BallotChainBreak.Count)]
    public async Task VerifyAsync_ChangedOrDeletedBallot_IsCaught(string tamper, BallotChainBreak expected)
    {
        var (s, _) = await VotedAsync();
        await SealAsync(s.RoundId);

        Assert.True((await VerifyAsync(s.RoundId)).Intact); // control: intact before the tampering
        var round = s.RoundId;
        await TamperAsync(tamper switch
        {
            // A database administrator turns an agree into a disagree.
            "content" => $"""UPDATE "SignedBallots" SET "Choices" = ARRAY[2, 2]::smallint[] WHERE "RoundId" = {round} AND "Seq" = 2""",
            "newest" => $"""DELETE FROM "SignedBallots" WHERE "RoundId" = {round} AND "Seq" = 3""",
            // What a ballot deleted before the sealer reached it leaves behind: a used slip with no ballot.
            _ => $"""UPDATE "BallotTokens" SET "Used" = TRUE WHERE "RoundId" = {round} AND "VoterId" = {s.Voters["丁"]}""",
        });

        var verdict = await VerifyAsync(s.RoundId);

        Assert.False(verdict.Intact);
        Assert.Equal(expected, verdict.Break);
    }

    [Fact]
    public async Task CheckReceipt_CodeOfACountedBallot_SaysCountedInItsRoundAndNothingElse()
    {
        var (s, receipts) = await VotedAsync();
        using var scope = app.Services.CreateScope();
        var check = scope.ServiceProvider.GetRequiredService<CheckReceipt>();

        var counted = await check.HandleAsync(receipts[1]);
        var typed = await check.HandleAsync(receipts[1].Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant());
        var other = await check.HandleAsync("0000-0000-0000-0000");
        var garbage = await check.HandleAsync("不是回执");

        Assert.Equal(ReceiptVerdict.Counted, counted.Verdict);
        Assert.Equal(1, counted.RoundNumber);
        Assert.Equal(receipts[1], counted.Code);
        Assert.Equal(counted, typed);
        Assert.Equal(ReceiptVerdict.NotFound, other.Verdict);
        Assert.Equal(ReceiptVerdict.Malformed, garbage.Verdict);
        Assert.Equal(3, receipts.Distinct().Count());
    }
}
