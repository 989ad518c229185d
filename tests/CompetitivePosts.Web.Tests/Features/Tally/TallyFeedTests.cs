using System.Collections.Concurrent;
using CompetitivePosts.Domain;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Projector;
using CompetitivePosts.Web.Features.Tally;
using CompetitivePosts.Web.Features.Voting;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CompetitivePosts.Web.Tests.Features.Tally;

/// <summary>The feed keeps a round's issued slips between reads and counts them again on news of the slips (docs/adr/0033).</summary>
[Collection(AppTests.Name)]
public class TallyFeedTests(AppFixture app)
{
    [Fact]
    public async Task Watch_SlipRevokedVoterExcludedSlipReprinted_PushesEachNewIssuedCountWithoutTheReconciliation()
    {
        var s = await app.OpenForVotingAsync();
        var organizer = Scenarios.Organizer(await app.DemoUnitIdAsync());
        // A feed of its own whose five-second reconciliation never comes: only the notices can move its issued counts.
        using var feed = new TallyFeed(app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>(), app.Services.GetRequiredService<TallyNotifier>(),
            app.Services.GetRequiredService<ProjectorLinkNotifier>(), app.Services.GetRequiredService<SlipsNotifier>(),
            app.Services.GetRequiredService<IHubContext<TallyHub>>(), new NoReconciliationClock(), NullLogger<TallyFeed>.Instance);
        await feed.StartAsync(default);
        var snapshots = new ConcurrentQueue<TallySnapshot>();
        using var watch = feed.Watch(s.RoundId, s.CompetitionId, x =>
        {
            snapshots.Enqueue(x);
            return Task.CompletedTask;
        });

        var first = await WaitForAsync(snapshots, _ => true);
        Assert.Equal((1, 1, 2), Issued(first));

        // Control: a ballot moves the counts and leaves the issued slips as they were (taken from what was read).
        await app.VoteAsync(s, "甲", ("乙", Choice.Agree));
        var voted = await WaitForAsync(snapshots, x => x.Seq == 2);
        Assert.Equal((1, 1, 2), Issued(voted));

        using var scope = app.Services.CreateScope();
        var slips = scope.ServiceProvider.GetRequiredService<PrintSlips>();
        await slips.RevokeAsync(s.CompetitionId, s.RoundId, s.Voters["丁"], organizer);
        var revoked = await WaitForAsync(snapshots, x => Issued(x) == (1, 1, 1));

        await scope.ServiceProvider.GetRequiredService<EditVoterRoll>().ExcludeAsync(s.CompetitionId, organizer, s.Voters["丙"], "调离本单位");
        var excluded = await WaitForAsync(snapshots, x => Issued(x) == (1, 1, 0));

        await slips.IssueAsync(s.CompetitionId, s.RoundId, [s.Voters["丁"]], organizer);
        var reprinted = await WaitForAsync(snapshots, x => Issued(x) == (1, 1, 1));

        Assert.All([revoked, excluded, reprinted], x => Assert.Equal(2, x.Seq));
    }

    private static (int A, int B, int C) Issued(TallySnapshot x) =>
        (x.Issued.GetValueOrDefault(VoterCategory.A), x.Issued.GetValueOrDefault(VoterCategory.B), x.Issued.GetValueOrDefault(VoterCategory.C));

    private static Task<TallySnapshot> WaitForAsync(ConcurrentQueue<TallySnapshot> snapshots, Func<TallySnapshot, bool> match) =>
        Arrivals.LastMatchAsync(snapshots, match, x => "issued " + Issued(x));

    /// <summary>The system clock, except that a timer as long as the feed's reconciliation never fires.</summary>
    private sealed class NoReconciliationClock : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            dueTime >= TallyFeed.ReconcileInterval
                ? base.CreateTimer(callback, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan)
                : base.CreateTimer(callback, state, dueTime, period);
    }
}
