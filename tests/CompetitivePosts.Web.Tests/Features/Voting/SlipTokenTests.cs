using System.Text.Json;
using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Voting;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitivePosts.Web.Tests.Features.Voting;

/// <summary>Ballot tokens: hashes only, printed once, reprinted or revoked with the old one dead, kiosk ballots, all audited.</summary>
[Collection(AppTests.Name)]
public class SlipTokenTests(AppFixture app)
{
    private static T Get<T>(IServiceScope scope) where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    private async Task<BallotState> StateAsync(string token)
    {
        using var scope = app.Services.CreateScope();
        return (await Get<BallotSubmission>(scope).LoadAsync(token)).State;
    }

    private async Task<(string Action, string? Detail)> LastEntryAsync(int competitionId)
    {
        await using var db = app.NewDb();
        var e = await db.AuditEntries.Where(x => x.CompetitionId == competitionId).OrderByDescending(x => x.Seq).FirstAsync();
        return (e.Action, e.Detail);
    }

    /// <summary>A prepared round of the standard scenario, with no token issued yet.</summary>
    private async Task<(VotingScenario S, int RoundId)> NewRoundAsync(IServiceScope scope, RoundSettings? settings = null)
    {
        var s = await app.OpenForVotingAsync();
        var roundId = await Get<CreateRound>(scope).HandleAsync(s.CompetitionId, Organizer, settings ?? new RoundSettings(RoundKind.Recommendation));
        return (s, roundId);
    }

    private static Web.Features.Common.Actor Organizer => Scenarios.Organizer(1);

    [Fact]
    public async Task IssueAsync_AfterPrinting_NoTableOrColumnHoldsAClearToken()
    {
        using var scope = app.Services.CreateScope();
        var (s, roundId) = await NewRoundAsync(scope);

        var batch = await Get<PrintSlips>(scope).IssueAsync(s.CompetitionId, roundId, null, Organizer);

        Assert.Equal(4, batch.Slips.Count);
        Assert.All(batch.Slips, slip => Assert.True(slip.Token.Length >= 22)); // 16 random bytes, base64url: 128 bits
        await using var db = app.NewDb();
        var clear = batch.Slips.Select(x => x.Token).ToList();
        Assert.Empty(await DatabaseScan.FindAsync(db, clear, contains: true));
        // control: the scan does read the token table, where each token's hash is
        var hashes = clear.Select(SecretToken.Hash).ToList();
        Assert.Contains(("BallotTokens", "TokenHash"), await DatabaseScan.FindAsync(db, hashes));
        var (action, detail) = await LastEntryAsync(s.CompetitionId);
        Assert.Equal(AuditActions.SlipsPrint, action);
        Assert.Equal(["甲", "乙", "丙", "丁"], JsonDocument.Parse(detail!).RootElement.GetProperty("voters").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task IssueAsync_PrintingAgainForAVoter_RevokesTheOldTokenAndIsAudited()
    {
        using var scope = app.Services.CreateScope();
        var (s, roundId) = await NewRoundAsync(scope);
        await Get<RoundControl>(scope).OpenAsync(s.CompetitionId, Organizer, roundId);
        var first = (await Get<PrintSlips>(scope).IssueAsync(s.CompetitionId, roundId, null, Organizer)).Slips.Single(x => x.VoterName == "丙");
        Assert.Equal(BallotState.Open, await StateAsync(first.Token)); // control

        var second = (await Get<PrintSlips>(scope).IssueAsync(s.CompetitionId, roundId, [s.Voters["丙"]], Organizer)).Slips.Single();

        Assert.Equal(BallotState.Unknown, await StateAsync(first.Token));
        Assert.Equal(BallotState.Open, await StateAsync(second.Token));
        var (action, detail) = await LastEntryAsync(s.CompetitionId);
        Assert.Equal(AuditActions.SlipsPrint, action);
        Assert.Equal(1, JsonDocument.Parse(detail!).RootElement.GetProperty("replaced").GetInt32());

        await Get<PrintSlips>(scope).RevokeAsync(s.CompetitionId, roundId, s.Voters["丙"], Organizer);

        Assert.Equal(BallotState.Unknown, await StateAsync(second.Token));
        Assert.Equal(AuditActions.SlipRevoke, (await LastEntryAsync(s.CompetitionId)).Action);
    }

    [Fact]
    public async Task KioskAsync_OpensTheVotersBallotAndRetiresTheirPrintedSlip()
    {
        using var scope = app.Services.CreateScope();
        var (s, roundId) = await NewRoundAsync(scope);
        var printed = (await Get<PrintSlips>(scope).IssueAsync(s.CompetitionId, roundId, null, Organizer)).Slips.Single(x => x.VoterName == "甲");
        await Assert.ThrowsAsync<DomainException>(() => Get<PrintSlips>(scope).KioskAsync(s.CompetitionId, roundId, s.Voters["甲"], Organizer));
        await Get<RoundControl>(scope).OpenAsync(s.CompetitionId, Organizer, roundId);

        var kiosk = await Get<PrintSlips>(scope).KioskAsync(s.CompetitionId, roundId, s.Voters["甲"], Organizer);

        Assert.Equal(BallotState.Unknown, await StateAsync(printed.Token));
        Assert.Equal(BallotState.Open, await StateAsync(kiosk));
        var (action, detail) = await LastEntryAsync(s.CompetitionId);
        Assert.Equal(AuditActions.KioskBallot, action);
        Assert.Contains("甲", detail, StringComparison.Ordinal);
        Assert.Equal(SubmitOutcome.Accepted, (await app.SubmitAsync(kiosk, TestBallots.Fields([(s.Id("乙"), "Agree")], "甲"))).Outcome);
        // A voter who has voted gets no new ballot, neither printed nor on the kiosk.
        var again = await Assert.ThrowsAsync<DomainException>(() => Get<PrintSlips>(scope).KioskAsync(s.CompetitionId, roundId, s.Voters["甲"], Organizer));
        Assert.Equal("{0} has already voted in this round.", again.MessageKey);
    }

    [Fact]
    public async Task ExcludeAsync_RevokesTheVotersUnusedSlipAndKeepsTheReason()
    {
        using var scope = app.Services.CreateScope();
        var s = await app.OpenForVotingAsync();

        await Get<EditVoterRoll>(scope).ExcludeAsync(s.CompetitionId, Organizer, s.Voters["丁"], "病假");

        Assert.Equal(BallotState.Unknown, await StateAsync(s.Tokens["丁"]));
        Assert.Equal(BallotState.Open, await StateAsync(s.Tokens["丙"])); // control: another voter's slip still works
        var (action, detail) = await LastEntryAsync(s.CompetitionId);
        Assert.Equal(AuditActions.VoterExclude, action);
        Assert.Contains("病假", detail, StringComparison.Ordinal);
        Assert.Contains("\"slipsRevoked\":1", detail, StringComparison.Ordinal);
        await Assert.ThrowsAsync<DomainException>(() => Get<PrintSlips>(scope).IssueAsync(s.CompetitionId, s.RoundId, [s.Voters["丁"]], Organizer));
    }

    [Fact]
    public async Task IssueAsync_ClosedRound_IsRefusedAndItsTokensAreDead()
    {
        using var scope = app.Services.CreateScope();
        var s = await app.OpenForVotingAsync();
        Assert.Equal(BallotState.Open, await StateAsync(s.Tokens["乙"])); // control
        await Get<RoundControl>(scope).CloseAsync(s.CompetitionId, Organizer, s.RoundId);

        Assert.Equal(BallotState.Unknown, await StateAsync(s.Tokens["乙"]));
        var ex = await Assert.ThrowsAsync<DomainException>(() => Get<PrintSlips>(scope).IssueAsync(s.CompetitionId, s.RoundId, null, Organizer));
        Assert.Equal("Round {0} is closed: its slips can no longer be printed or revoked.", ex.MessageKey);
    }

    [Fact]
    public async Task IssueAsync_PreparedRoundAfterTheVotingEnded_IsRefusedAndNothingChanges()
    {
        using var scope = app.Services.CreateScope();
        var s = await app.OpenForVotingAsync();
        var prepared = await Get<CreateRound>(scope).HandleAsync(s.CompetitionId, Organizer, new RoundSettings(RoundKind.Recommendation));
        // control: while the voting stage lasts, the prepared round's slips print.
        Assert.NotEmpty((await Get<PrintSlips>(scope).IssueAsync(s.CompetitionId, prepared, [s.Voters["甲"]], Organizer)).Slips);
        await Get<RoundControl>(scope).CloseAsync(s.CompetitionId, Organizer, s.RoundId);
        await Get<VoterRollHandler>(scope).CloseAsync(s.CompetitionId, Organizer);
        var before = await app.SnapshotAsync(s.CompetitionId, prepared);

        var print = await Assert.ThrowsAsync<DomainException>(() => Get<PrintSlips>(scope).IssueAsync(s.CompetitionId, prepared, null, Organizer));
        var revoke = await Assert.ThrowsAsync<DomainException>(() => Get<PrintSlips>(scope).RevokeAsync(s.CompetitionId, prepared, s.Voters["甲"], Organizer));

        Assert.Equal("The voting has ended: round {0} will not open, so no slip is printed or revoked for it.", print.MessageKey);
        Assert.Equal(print.MessageKey, revoke.MessageKey);
        Assert.Equal(before, await app.SnapshotAsync(s.CompetitionId, prepared));
    }

    /// <summary>Two organizers both press "print for those who have none": the second prints nobody and stops no slip.</summary>
    [Fact]
    public async Task IssueMissingAsync_SecondOrganizerAfterTheFirst_StopsNoSlipAndSaysEveryoneHasOne()
    {
        using var scope = app.Services.CreateScope();
        var s = await app.OpenForVotingAsync();
        var slips = Get<PrintSlips>(scope);
        await slips.RevokeAsync(s.CompetitionId, s.RoundId, s.Voters["丙"], Organizer);
        await slips.RevokeAsync(s.CompetitionId, s.RoundId, s.Voters["丁"], Organizer);

        var first = await slips.IssueMissingAsync(s.CompetitionId, s.RoundId, Organizer);
        var before = await app.SnapshotAsync(s.CompetitionId, s.RoundId);
        var second = await Assert.ThrowsAsync<DomainException>(() => slips.IssueMissingAsync(s.CompetitionId, s.RoundId, Organizer));

        Assert.Equal(["丁", "丙"], first.Slips.Select(x => x.VoterName).Order(StringComparer.Ordinal));
        Assert.Equal("Everyone on the roll already has a slip for this round. To replace one, print again for that voter.", second.MessageKey);
        Assert.Equal(before, await app.SnapshotAsync(s.CompetitionId, s.RoundId));
        // control: the first batch's slips and the untouched ones still open their ballots.
        Assert.Equal(BallotState.Open, await StateAsync(first.Slips[0].Token));
        Assert.Equal(BallotState.Open, await StateAsync(s.Tokens["甲"]));
    }
}
