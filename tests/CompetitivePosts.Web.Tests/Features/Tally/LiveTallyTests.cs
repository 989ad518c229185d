using System.Collections.Concurrent;
using System.Diagnostics;
using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Tally;
using CompetitivePosts.Web.Features.Voting;
using CompetitivePosts.Web.Tests.Features.Voting;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CompetitivePosts.Web.Tests.Features.Tally;

/// <summary>The live counts (trigger-kept, pushed by the feed) against the recount from the stored ballots (docs/adr/0021).</summary>
[Collection(AppTests.Name)]
public class LiveTallyTests(AppFixture app, ITestOutputHelper output)
{
    private static readonly Choice?[] Options = [Choice.Agree, Choice.Disagree, Choice.Abstain, null];

    [Fact]
    public async Task LiveCounts_500BallotsSubmittedConcurrently_EqualTheRecountAndTheBallotsCastExactly()
    {
        var s = await app.OpenForVotingAsync();
        var control = await app.OpenForVotingAsync();
        var outside = await app.AddVotersAsync(s, 496);
        var tokens = s.Tokens.Concat(outside).ToList();
        Assert.Equal(500, tokens.Count);
        var random = new Random(7);
        var ballots = tokens.Select(t => (Voter: t.Key, Token: t.Value, Yi: Options[random.Next(4)], Bing: Options[random.Next(4)])).ToList();

        using var organizer = await WebSession.SignInAsync(app, "organizer");
        await using var hub = app.Connect(organizer);
        var pushes = new ConcurrentQueue<TallyPushDto>();
        hub.On<TallyPushDto>(TallyHub.Updated, p => pushes.Enqueue(p));
        await hub.StartAsync();
        var joined = await hub.InvokeAsync<TallyPushDto>(nameof(TallyHub.JoinRound), s.CompetitionId, s.RoundId);
        Assert.Equal(0, joined.Seq);
        await app.VoteAsync(control, "甲", ("乙", Choice.Agree));

        var wall = Stopwatch.StartNew();
        var outcomes = await Task.WhenAll(ballots.Select(b => Task.Run(() => app.SubmitAsync(b.Token, TestBallots.Fields(
            new[] { ("乙", b.Yi), ("丙", b.Bing) }.Where(m => m.Item2 is not null).Select(m => (s.Id(m.Item1), m.Item2!.Value.ToString())), b.Voter)))));
        wall.Stop();
        Assert.All(outcomes, o => Assert.Equal(SubmitOutcome.Accepted, o.Outcome));

        await using (var db = app.NewDb())
        {
            var live = await RoundCounts.LoadLiveAsync(db, s.RoundId, default);
            var recount = await RoundCounts.LoadAsync(db, s.RoundId, default);
            Assert.Empty(recount.Differences(live));
            Assert.Equal(500, live.Total);
            // Against what was cast, so that two equally wrong countings cannot pass.
            foreach (var (name, pick) in new (string, Func<(string Voter, string Token, Choice? Yi, Choice? Bing), Choice?>)[] { ("乙", b => b.Yi), ("丙", b => b.Bing) })
            {
                var position = await PositionAsync(s.RoundId, s.Id(name));
                foreach (var choice in Enum.GetValues<Choice>())
                {
                    // An unmarked line of a recommendation is stored as 弃权 (VotingRound.Unmarked).
                    var cast = ballots.Count(b => (pick(b) ?? Choice.Abstain) == choice);
                    Assert.Equal(cast, live.Choices.Where(c => c.Position == position && c.Choice == (short)choice).Sum(c => c.Count));
                }
            }

            // control: the other competition's ballot is counted in its own round only.
            Assert.Equal(1, (await RoundCounts.LoadLiveAsync(db, control.RoundId, default)).Total);
        }

        var last = await WaitForAsync(pushes, p => p.Seq == 1000);
        var seqs = pushes.Select(p => p.Seq).ToList();
        output.WriteLine($"500 ballots in {wall.ElapsedMilliseconds} ms; {seqs.Count} pushes to one hub client; last seq {last.Seq}");
        Assert.True(seqs.Count < 100, $"pushes are coalesced, not one per ballot: {seqs.Count}");
        Assert.Equal(seqs.Order(), seqs);
        Assert.Equal(500, last.Turnout.Sum(t => t.Ballots));

        using var scope = app.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<RecountTally>()
            .RunAsync(s.CompetitionId, s.RoundId, Scenarios.Organizer(await app.DemoUnitIdAsync()));
        Assert.True(result.Matches);
        Assert.Equal(500, result.Ballots);
        await using var check = app.NewDb();
        Assert.Equal(1, await check.AuditEntries.CountAsync(e => e.CompetitionId == s.CompetitionId && e.Action == AuditActions.TallyRecount));
    }

    [Fact]
    public async Task Recount_LiveCountsTamperedWith_ReportsEveryDifferenceAndLogsIt()
    {
        var s = await app.OpenForVotingAsync();
        await app.VoteAsync(s, "甲", ("乙", Choice.Agree), ("丙", Choice.Disagree));
        await app.VoteAsync(s, "丁", ("乙", Choice.Disagree));
        await using (var db = app.NewDb())
        {
            // As if a counter had been lost: one 同意 of a kind-A ballot goes missing from the live slices.
            var shard = await db.Set<TallyCountShard>().Where(x => x.RoundId == s.RoundId && x.Category == "A").FirstAsync();
            var agreeSlot = Enumerable.Range(0, shard.Counts.Length).First(i => shard.Counts[i] == 1 && i % TallyCountShard.Stride == (int)Choice.Agree);
            await db.Database.ExecuteSqlAsync($"""
                UPDATE "TallyCounts" SET "Counts"[{agreeSlot + 1}] = 0 WHERE "RoundId" = {s.RoundId} AND "Category" = 'A' AND "Shard" = {shard.Shard}
                """);
        }

        using var scope = app.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<RecountTally>()
            .RunAsync(s.CompetitionId, s.RoundId, Scenarios.Organizer(await app.DemoUnitIdAsync()));

        Assert.False(result.Matches);
        Assert.Equal(["A · line " + (await PositionAsync(s.RoundId, s.Id("乙")) + 1) + " · choice 1: 1 ≠ 0"], result.Differences);
    }

    [Fact]
    public async Task JoinRound_AnonymousOrOtherUnitsOrganizer_IsRefusedAndReceivesNoCounts()
    {
        var s = await app.OpenForVotingAsync();
        await app.EnsureOtherOrganizerAsync();
        using var outsider = await WebSession.SignInAsync(app, TestAccounts.OtherOrganizer);
        using var organizer = await WebSession.SignInAsync(app, "organizer");
        await using var anonymous = app.Connect(null);
        await using var foreign = app.Connect(outsider);
        await using var own = app.Connect(organizer);
        var heard = new ConcurrentQueue<string>();
        var ownHeard = new TaskCompletionSource<TallyPushDto>(TaskCreationOptions.RunContinuationsAsynchronously);
        anonymous.On<TallyPushDto>(TallyHub.Updated, _ => heard.Enqueue("anonymous"));
        foreign.On<TallyPushDto>(TallyHub.Updated, _ => heard.Enqueue("foreign"));
        own.On<TallyPushDto>(TallyHub.Updated, p => { if (p.Seq > 0) { ownHeard.TrySetResult(p); } });
        await Task.WhenAll(anonymous.StartAsync(), foreign.StartAsync(), own.StartAsync());

        var refusedAnonymous = await Assert.ThrowsAsync<HubException>(() => anonymous.InvokeAsync<TallyPushDto>(nameof(TallyHub.JoinRound), s.CompetitionId, s.RoundId));
        var refusedForeign = await Assert.ThrowsAsync<HubException>(() => foreign.InvokeAsync<TallyPushDto>(nameof(TallyHub.JoinRound), s.CompetitionId, s.RoundId));
        await own.InvokeAsync<TallyPushDto>(nameof(TallyHub.JoinRound), s.CompetitionId, s.RoundId);
        await app.VoteAsync(s, "甲", ("乙", Choice.Agree));

        // control: the unit's own organizer gets the counts, so the others were not merely too slow.
        var push = await ownHeard.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(push.Lines);
        await Task.Delay(600);
        Assert.Empty(heard);
        Assert.Contains("unauthorized", refusedAnonymous.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("unauthorized", refusedForeign.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task WatchAsProjector_RoundOpenThenClosed_PushesTurnoutNeverCountsAndResultsDueOnlyAfterTheClose()
    {
        var s = await app.OpenForVotingAsync();
        var organizer = Scenarios.Organizer(await app.DemoUnitIdAsync());
        string token;
        using (var scope = app.Services.CreateScope())
        {
            token = (await scope.ServiceProvider.GetRequiredService<Web.Features.Projector.ProjectorLinks>()
                .IssueAsync(s.CompetitionId, Web.Features.Projector.ProjectorPurposes.Tally, s.RoundId, TimeSpan.FromHours(1), organizer)).Token;
        }

        await using var projector = new HubConnectionBuilder().WithUrl(new Uri(app.BaseUri, "hubs/tally")).Build();
        var pushes = new ConcurrentQueue<TallyPushDto>();
        projector.On<TallyPushDto>(TallyHub.Updated, p => pushes.Enqueue(p));
        await projector.StartAsync();
        var first = await projector.InvokeAsync<TallyPushDto>(nameof(TallyHub.WatchAsProjector), token);
        await app.VoteAsync(s, "甲", ("乙", Choice.Agree));
        var open = await WaitForAsync(pushes, p => p.Seq == 2);
        var html = await new HttpClient { BaseAddress = app.BaseUri }.GetStringAsync($"projector/tally/{token}");

        Assert.Null(first.Lines);
        Assert.Null(open.Lines);
        Assert.False(open.Results);
        Assert.Equal(1, open.Turnout.Single(t => t.Category == "A").Ballots);
        Assert.Contains("data-testid=\"tp-waiting\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("tp-candidate", html, StringComparison.Ordinal);
        Assert.DoesNotContain("tp-results", html, StringComparison.Ordinal);

        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<RoundControl>().CloseAsync(s.CompetitionId, organizer, s.RoundId);
        }

        var closed = await WaitForAsync(pushes, p => p.Status == nameof(RoundStatus.Closed));
        var after = await new HttpClient { BaseAddress = app.BaseUri }.GetStringAsync($"projector/tally/{token}");
        // Results are due, but come with the projector's own page (the plan may show the qualified only), never as counts.
        Assert.Null(closed.Lines);
        Assert.True(closed.Results);
        Assert.Equal(3, closed.Seq);
        Assert.Contains("tp-candidate", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchAsProjector_EvaluationRoundClosed_PushesTurnoutWithoutGradesWhileTheOrganizerGetsThem()
    {
        var s = await app.OpenForVotingAsync(settings: new RoundSettings(RoundKind.Evaluation, IsSigned: false));
        var organizer = Scenarios.Organizer(await app.DemoUnitIdAsync());
        string token;
        using (var scope = app.Services.CreateScope())
        {
            token = (await scope.ServiceProvider.GetRequiredService<Web.Features.Projector.ProjectorLinks>()
                .IssueAsync(s.CompetitionId, Web.Features.Projector.ProjectorPurposes.Tally, s.RoundId, TimeSpan.FromHours(1), organizer)).Token;
        }

        using var session = await WebSession.SignInAsync(app, "organizer");
        await using var own = app.Connect(session);
        await using var projector = new HubConnectionBuilder().WithUrl(new Uri(app.BaseUri, "hubs/tally")).Build();
        var (ownPushes, projectorPushes) = (new ConcurrentQueue<TallyPushDto>(), new ConcurrentQueue<TallyPushDto>());
        own.On<TallyPushDto>(TallyHub.Updated, p => ownPushes.Enqueue(p));
        projector.On<TallyPushDto>(TallyHub.Updated, p => projectorPushes.Enqueue(p));
        await Task.WhenAll(own.StartAsync(), projector.StartAsync());
        await own.InvokeAsync<TallyPushDto>(nameof(TallyHub.JoinRound), s.CompetitionId, s.RoundId);
        await projector.InvokeAsync<TallyPushDto>(nameof(TallyHub.WatchAsProjector), token);
        await app.GradeAsync(s, "甲", ("乙", Grade.Excellent));
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<RoundControl>().CloseAsync(s.CompetitionId, organizer, s.RoundId);
        }

        var closed = await WaitForAsync(projectorPushes, p => p.Status == nameof(RoundStatus.Closed));
        var ownClosed = await WaitForAsync(ownPushes, p => p.Status == nameof(RoundStatus.Closed));
        var html = await new HttpClient { BaseAddress = app.BaseUri }.GetStringAsync($"projector/tally/{token}");

        Assert.Equal(3, closed.Seq);
        Assert.Equal(nameof(RoundKind.Evaluation), closed.Kind);
        Assert.Equal(1, closed.Turnout.Single(t => t.Category == "A").Ballots);
        Assert.False(closed.Results);
        Assert.Null(closed.Lines);
        Assert.DoesNotContain("tp-results", html, StringComparison.Ordinal);
        Assert.Contains("tp-waiting", html, StringComparison.Ordinal);
        // control: the same push to the unit's organizer carries the grade, so the projector's had it withheld.
        var line = Assert.Single(ownClosed.Lines!, l => l.Category == "A");
        Assert.Equal(1, line.Counts[(int)Grade.Excellent]);
    }

    /// <summary>The hub and the recount take a round of any kind now, but still only with the competition it belongs to.</summary>
    [Fact]
    public async Task JoinRoundAndRecount_RoundOfAnotherCompetition_AreRefusedAndAuditNothing()
    {
        var own = await app.OpenForVotingAsync();
        var other = await app.OpenForVotingAsync(settings: new RoundSettings(RoundKind.Evaluation, IsSigned: false));
        var organizer = Scenarios.Organizer(await app.DemoUnitIdAsync());
        using var session = await WebSession.SignInAsync(app, "organizer");
        await using var hub = app.Connect(session);
        await hub.StartAsync();
        using var scope = app.Services.CreateScope();
        var recount = scope.ServiceProvider.GetRequiredService<RecountTally>();
        int Audited(int competitionId)
        {
            using var db = app.NewDb();
            return db.AuditEntries.Count(e => e.CompetitionId == competitionId);
        }

        var (ownBefore, otherBefore) = (Audited(own.CompetitionId), Audited(other.CompetitionId));

        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<TallyPushDto>(nameof(TallyHub.JoinRound), own.CompetitionId, other.RoundId));
        var refused = await Assert.ThrowsAsync<DomainException>(() => recount.RunAsync(own.CompetitionId, other.RoundId, organizer));
        Assert.Equal(ownBefore, Audited(own.CompetitionId));
        Assert.Equal("No such round in this competition.", refused.MessageKey);
        // control: the same round with its own competition is followed and recounted (and that recount is audited).
        var joined = await hub.InvokeAsync<TallyPushDto>(nameof(TallyHub.JoinRound), other.CompetitionId, other.RoundId);
        Assert.Equal(nameof(RoundKind.Evaluation), joined.Kind);
        Assert.True((await recount.RunAsync(other.CompetitionId, other.RoundId, organizer)).Matches);
        Assert.Equal(otherBefore + 1, Audited(other.CompetitionId));
    }

    [Fact]
    public async Task Recount_EvaluationRoundGradeLostFromTheLiveCounts_ReportsTheDifference()
    {
        var s = await app.OpenForVotingAsync(settings: new RoundSettings(RoundKind.Evaluation, IsSigned: false));
        await app.GradeAsync(s, "甲", ("乙", Grade.Competent));
        await app.GradeAsync(s, "丁", ("乙", Grade.Incompetent));
        var organizer = Scenarios.Organizer(await app.DemoUnitIdAsync());
        using var scope = app.Services.CreateScope();
        var recount = scope.ServiceProvider.GetRequiredService<RecountTally>();
        var before = await recount.RunAsync(s.CompetitionId, s.RoundId, organizer);
        await using (var db = app.NewDb())
        {
            var shard = await db.Set<TallyCountShard>().Where(x => x.RoundId == s.RoundId && x.Category == "C").FirstAsync();
            var slot = Enumerable.Range(0, shard.Counts.Length).First(i => shard.Counts[i] == 1 && i % TallyCountShard.Stride == (int)Grade.Incompetent);
            await db.Database.ExecuteSqlAsync($"""
                UPDATE "TallyCounts" SET "Counts"[{slot + 1}] = 0 WHERE "RoundId" = {s.RoundId} AND "Category" = 'C' AND "Shard" = {shard.Shard}
                """);
        }

        var after = await recount.RunAsync(s.CompetitionId, s.RoundId, organizer);

        Assert.True(before.Matches, string.Join("; ", before.Differences));
        Assert.Equal(2, before.Ballots);
        Assert.False(after.Matches);
        Assert.Equal(["C · line " + (await PositionAsync(s.RoundId, s.Id("乙")) + 1) + " · choice 4: 1 ≠ 0"], after.Differences);
    }

    private static Task<TallyPushDto> WaitForAsync(ConcurrentQueue<TallyPushDto> pushes, Func<TallyPushDto, bool> match) =>
        Arrivals.LastMatchAsync(pushes, match, p => "seq " + p.Seq);

    private async Task<int> PositionAsync(int roundId, int cadreId)
    {
        await using var db = app.NewDb();
        var round = await db.VotingRounds.AsNoTracking().SingleAsync(r => r.Id == roundId);
        return round.Items.Single(i => i.CadreId == cadreId).Position;
    }
}
