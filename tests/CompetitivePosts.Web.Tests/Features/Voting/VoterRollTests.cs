using System.Text.Json;
using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Tally;
using CompetitivePosts.Web.Features.Voting;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitivePosts.Web.Tests.Features.Voting;

/// <summary>The roll's changes by the organizer: each with its reason on the audit trail, and none while it would change a vote.</summary>
[Collection(AppTests.Name)]
public class VoterRollTests(AppFixture app)
{
    private static T Get<T>(IServiceScope scope) where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    private static Web.Features.Common.Actor Organizer => Scenarios.Organizer(1);

    [Fact]
    public async Task RollChanges_OverrideOutsideVoterExcludeAndReinstate_AreEachAuditedWithTheirReason()
    {
        using var scope = app.Services.CreateScope();
        var s = await app.OpenForVotingAsync();
        await Get<RoundControl>(scope).CloseAsync(s.CompetitionId, Organizer, s.RoundId);
        var roll = Get<EditVoterRoll>(scope);

        await roll.OverrideCategoryAsync(s.CompetitionId, Organizer, s.Voters["丙"], VoterCategory.B, "兼任支部书记，按中层正职投票");
        var outside = await roll.AddOutsideAsync(s.CompetitionId, Organizer, "赵书记", VoterCategory.A, "市委组织部派驻");
        await roll.ExcludeAsync(s.CompetitionId, Organizer, s.Voters["丁"], "外出学习");
        await roll.ReinstateAsync(s.CompetitionId, Organizer, s.Voters["丁"], "已返回");

        await using var db = app.NewDb();
        var voters = await db.Voters.Where(v => v.CompetitionId == s.CompetitionId).ToDictionaryAsync(v => v.Name);
        Assert.Equal((VoterCategory.B, VoterCategory.C, "兼任支部书记，按中层正职投票"), (voters["丙"].Category, voters["丙"].RollCategory, voters["丙"].CategoryReason));
        Assert.Equal((VoterCategory.A, true, outside), (voters["赵书记"].Category, voters["赵书记"].IsOutside, voters["赵书记"].Id));
        Assert.False(voters["丁"].IsExcluded);
        var entries = await db.AuditEntries.Where(e => e.CompetitionId == s.CompetitionId).OrderBy(e => e.Seq).ToListAsync();
        var last = entries.TakeLast(4).ToList();
        Assert.Equal([AuditActions.VoterCategoryOverride, AuditActions.VoterAddOutside, AuditActions.VoterExclude, AuditActions.VoterReinstate],
            last.Select(e => e.Action));
        Assert.Contains("兼任支部书记", last[0].Detail, StringComparison.Ordinal);
        Assert.Equal("C", JsonDocument.Parse(last[0].Detail!).RootElement.GetProperty("from").GetString());
        Assert.Contains("市委组织部派驻", last[1].Detail, StringComparison.Ordinal);
        Assert.Contains("外出学习", last[2].Detail, StringComparison.Ordinal);
        Assert.Contains("已返回", last[3].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OverrideCategoryAsync_WhileARoundIsOpen_IsRefusedAndChangesNothing()
    {
        using var scope = app.Services.CreateScope();
        var s = await app.OpenForVotingAsync();
        var roll = Get<EditVoterRoll>(scope);
        var head = await HeadAsync(s.CompetitionId);

        var ex = await Assert.ThrowsAsync<DomainException>(() => roll.OverrideCategoryAsync(s.CompetitionId, Organizer, s.Voters["丙"], VoterCategory.A, "理由"));

        Assert.Equal("Ballot kinds cannot change while a round is open.", ex.MessageKey);
        Assert.Equal(head, await HeadAsync(s.CompetitionId));
        await Get<RoundControl>(scope).CloseAsync(s.CompetitionId, Organizer, s.RoundId);
        await roll.OverrideCategoryAsync(s.CompetitionId, Organizer, s.Voters["丙"], VoterCategory.A, "理由"); // control: allowed between rounds
        await using var db = app.NewDb();
        Assert.Equal(VoterCategory.A, (await db.Voters.SingleAsync(v => v.Id == s.Voters["丙"])).Category);
    }

    [Fact]
    public async Task AddOutsideAsync_NameAlreadyOnTheRoll_IsRefusedInChineseAndSavesNothing()
    {
        using var scope = app.Services.CreateScope();
        var s = await app.OpenForVotingAsync();
        var head = await HeadAsync(s.CompetitionId);

        var ex = await Assert.ThrowsAsync<DomainException>(() => Get<EditVoterRoll>(scope).AddOutsideAsync(s.CompetitionId, Organizer, "甲", VoterCategory.A, "重名"));

        Assert.Equal("There is already a voter named {0} on the roll.", ex.MessageKey);
        Assert.Equal(head, await HeadAsync(s.CompetitionId));
        await using var db = app.NewDb();
        Assert.Equal(4, await db.Voters.CountAsync(v => v.CompetitionId == s.CompetitionId));
    }

    [Fact]
    public async Task ExcludeAndOverride_AfterTheRoundClosed_LeaveItsTurnoutAndSlipsAsTheyWere()
    {
        using var scope = app.Services.CreateScope();
        var s = await app.OpenForVotingAsync();
        Assert.Equal(SubmitOutcome.Accepted, (await app.VoteAsync(s, "丙", ("乙", Choice.Agree))).Outcome);
        Assert.Equal(SubmitOutcome.Accepted, (await app.VoteAsync(s, "甲", ("乙", Choice.Agree))).Outcome);
        var control = Get<RoundControl>(scope);
        await control.CloseAsync(s.CompetitionId, Organizer, s.RoundId);
        var second = await Get<CreateRound>(scope).HandleAsync(s.CompetitionId, Organizer, new RoundSettings(RoundKind.Recommendation));
        await Get<PrintSlips>(scope).IssueAsync(s.CompetitionId, second, null, Organizer);
        var before = await TurnoutAsync(scope, s.CompetitionId, s.RoundId);
        Assert.Equal([(VoterCategory.A, 1, 1), (VoterCategory.B, 1, 0), (VoterCategory.C, 2, 1)], before.Tally);
        var home = Get<Web.Features.Competitions.CompetitionsHandler>(scope);
        Assert.Equal((2, 4), await HomeTurnoutAsync(home, s.CompetitionId));
        Assert.Equal(["乙", "丁"], before.NotVoted);

        // 丁 did not vote in round 1 and leaves; 丙 voted with a C ballot and votes with a B one from round 2 on.
        var roll = Get<EditVoterRoll>(scope);
        await roll.ExcludeAsync(s.CompetitionId, Organizer, s.Voters["丁"], "外出学习");
        await roll.OverrideCategoryAsync(s.CompetitionId, Organizer, s.Voters["丙"], VoterCategory.B, "兼任支部书记");

        var after = await TurnoutAsync(scope, s.CompetitionId, s.RoundId);
        Assert.Equal(before.Tally, after.Tally);
        Assert.Equal(before.Round, after.Round);
        Assert.Equal(VoterCategory.C, after.Voters["丙"]);
        Assert.Equal((2, 4), await HomeTurnoutAsync(home, s.CompetitionId)); // the home list's 投票 column too
        Assert.Equal(["乙", "丁"], after.NotVoted); // 丁 held a slip at the close and did not vote, excluded or not
        await using var db = app.NewDb();
        Assert.True(await db.BallotTokens.AnyAsync(t => t.RoundId == s.RoundId && t.VoterId == s.Voters["丁"] && t.RevokedAt == null));
        // Control: round 2 has not opened, so its slips follow the roll.
        var next = await TurnoutAsync(scope, s.CompetitionId, second);
        Assert.Equal([(VoterCategory.A, 1, 0), (VoterCategory.B, 2, 0), (VoterCategory.C, 0, 0)], next.Tally);
        Assert.Equal(VoterCategory.B, next.Voters["丙"]);
        Assert.False(await db.BallotTokens.AnyAsync(t => t.RoundId == second && t.VoterId == s.Voters["丁"] && t.RevokedAt == null));
    }

    public static TheoryData<string> RacingChanges =>
        ["override while the round opens", "end the voting while the round opens", "exclude while slips are printed", "print while a voter is excluded"];

    /// <summary>
    /// Two organizers at once: the other's change is saved but not yet committed when this one starts. This one must wait
    /// and then see it (refuse a kind change in a round now open, or the end of the voting; revoke the slip just printed; print none for the voter
    /// just excluded), not act on what it read before.
    /// </summary>
    [Theory]
    [MemberData(nameof(RacingChanges))]
    public async Task Change_WhileAnotherOrganizersChangeCommits_SeesIt(string race)
    {
        using var scope = app.Services.CreateScope();
        var s = await app.OpenForVotingAsync("并发-" + Guid.NewGuid().ToString("N")[..6]);
        await Get<RoundControl>(scope).CloseAsync(s.CompetitionId, Organizer, s.RoundId);
        var second = await Get<CreateRound>(scope).HandleAsync(s.CompetitionId, Organizer, new RoundSettings(RoundKind.Recommendation));

        await using var other = app.NewDb();
        await using var otherTransaction = await other.Database.BeginTransactionAsync();
        var c = await other.CompetitionAggregate.FirstAsync(x => x.Id == s.CompetitionId);
        var now = DateTimeOffset.UtcNow;
        switch (race)
        {
            case "override while the round opens" or "end the voting while the round opens":
                c.OpenRound(second, now);
                other.Audit(s.CompetitionId, Scenarios.Arranger, AuditActions.RoundOpen);
                break;
            case "exclude while slips are printed":
                other.BallotTokens.Add(BallotToken.Issue(c.FindRound(second), c.FindVoter(s.Voters["丁"]), now, kiosk: false).Token);
                other.Audit(s.CompetitionId, Scenarios.Arranger, AuditActions.SlipsPrint);
                break;
            default:
                c.ExcludeVoter(s.Voters["丁"], "外出学习", now);
                other.Audit(s.CompetitionId, Scenarios.Arranger, AuditActions.VoterExclude);
                break;
        }

        await other.SaveChangesAsync();
        Task task = race switch
        {
            "override while the round opens" => Get<EditVoterRoll>(scope).OverrideCategoryAsync(s.CompetitionId, Organizer, s.Voters["丙"], VoterCategory.A, "理由"),
            "end the voting while the round opens" => Get<VoterRollHandler>(scope).CloseAsync(s.CompetitionId, Organizer),
            "exclude while slips are printed" => Get<EditVoterRoll>(scope).ExcludeAsync(s.CompetitionId, Organizer, s.Voters["丁"], "外出学习"),
            _ => Get<PrintSlips>(scope).IssueAsync(s.CompetitionId, second, null, Organizer),
        };
        await WaitUntilBlockedAsync(s.CompetitionId, task);
        await otherTransaction.CommitAsync();

        await using var db = app.NewDb();
        switch (race)
        {
            case "override while the round opens":
                var ex = await Assert.ThrowsAsync<DomainException>(() => task);
                Assert.Equal("Ballot kinds cannot change while a round is open.", ex.MessageKey);
                Assert.Equal(VoterCategory.C, (await db.Voters.SingleAsync(v => v.Id == s.Voters["丙"])).Category);
                break;
            case "end the voting while the round opens":
                var open = await Assert.ThrowsAsync<DomainException>(() => task);
                Assert.Equal("Close every open round before ending the voting.", open.MessageKey);
                Assert.Equal(CompetitionStatus.Voting, await db.Competitions.Where(x => x.Id == s.CompetitionId).Select(x => x.Status).SingleAsync());
                break;
            case "exclude while slips are printed":
                await task;
                Assert.False(await db.BallotTokens.AnyAsync(t => t.RoundId == second && t.VoterId == s.Voters["丁"] && t.RevokedAt == null));
                break;
            default:
                await task;
                var slips = await db.BallotTokens.Where(t => t.RoundId == second && t.RevokedAt == null).Select(t => t.VoterId).ToListAsync();
                Assert.Equal(3, slips.Count); // control: everyone else got one
                Assert.DoesNotContain(s.Voters["丁"], slips);
                break;
        }
    }

    /// <summary>Until <paramref name="task"/> waits for the competition's lock, as PostgreSQL's own lock table shows.</summary>
    private async Task WaitUntilBlockedAsync(int competitionId, Task task)
    {
        await using var watcher = app.NewDb();
        for (var i = 0; i < 600 && !task.IsCompleted; i++)
        {
            var waiting = await watcher.Database.SqlQuery<int>($"""
                SELECT count(*)::int AS "Value" FROM pg_locks
                WHERE locktype = 'advisory' AND NOT granted AND classid::bigint = {(long)AppDbContext.AuditLockClass} AND objid::bigint = {(long)competitionId}
                """).SingleAsync();
            if (waiting > 0)
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail(task.IsCompleted ? "the change finished while another organizer's change was uncommitted" : "the change never waited");
    }

    private static async Task<(int Ballots, int Voters)> HomeTurnoutAsync(Web.Features.Competitions.CompetitionsHandler home, int competitionId)
    {
        var item = (await home.ListAsync(Organizer)).Single(c => c.Id == competitionId);
        return (item.Ballots, item.Voters);
    }

    private static async Task<(List<(VoterCategory, int, int)> Tally, List<(VoterCategory, int, int)> Round, Dictionary<string, VoterCategory> Voters,
        List<string> NotVoted)> TurnoutAsync(IServiceScope scope, int competitionId, int roundId)
    {
        var tally = await Get<TallyQuery>(scope).GetAsync(competitionId, Organizer, roundId);
        var round = await Get<RoundQuery>(scope).GetAsync(competitionId, roundId, Organizer);
        return (tally.Turnout.Select(t => (t.Category, t.Voters, t.Ballots)).ToList(),
            round.Turnout.Select(t => (t.Category, t.Issued, t.Cast)).ToList(),
            round.Voters.ToDictionary(v => v.Name, v => v.Category),
            round.NotVoted.Select(v => v.Name).ToList());
    }

    private async Task<string> HeadAsync(int competitionId)
    {
        await using var db = app.NewDb();
        return await db.AuditHeads.Where(h => h.CompetitionId == competitionId).Select(h => h.Seq + ":" + h.Hash).SingleAsync();
    }
}
