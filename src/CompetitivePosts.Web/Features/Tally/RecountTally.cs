using CompetitivePosts.Domain;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Tally;

/// <summary>What a recount found: the ballots counted and every figure where the live counts differ (none, when all is well).</summary>
public sealed record RecountResult(int RoundId, int Ballots, IReadOnlyList<string> Differences, DateTimeOffset At)
{
    public bool Matches => Differences.Count == 0;
}

/// <summary>
/// Recounts a round from its stored ballots and compares the result with the live counts, both read in one
/// snapshot of the database. A difference is an error: shown, logged and kept on the audit trail.
/// </summary>
public sealed class RecountTally(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, ILogger<RecountTally> log)
{
    public async Task<RecountResult> RunAsync(int competitionId, int roundId, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unitId = await db.Competitions.AsNoTracking().Where(c => c.Id == competitionId).Select(c => (int?)c.UnitId).FirstOrDefaultAsync(ct)
            ?? throw new DomainException("No such competition.");
        actor.EnsureCanManage(unitId);
        if (!await db.VotingRounds.AnyAsync(r => r.Id == roundId && r.CompetitionId == competitionId, ct))
        {
            throw new DomainException("No such round in this competition.");
        }

        // Both countings see the same committed ballots, however many arrive meanwhile.
        var (recount, live) = await db.InOneSnapshotAsync(async () => (await RoundCounts.LoadAsync(db, roundId, ct), await RoundCounts.LoadLiveAsync(db, roundId, ct)), ct);

        var differences = recount.Differences(live);
        if (differences.Count > 0)
        {
            log.LogError("Recount of round {RoundId} differs from the live counts in {Count} figures: {Differences}",
                roundId, differences.Count, string.Join("; ", differences));
        }

        db.Audit(competitionId, actor.Who, AuditActions.TallyRecount,
            new { roundId, ballots = recount.Total, matches = differences.Count == 0, differences });
        await db.SaveChangesAsync(ct);
        return new RecountResult(roundId, recount.Total, differences, clock.GetUtcNow());
    }
}

/// <summary>Sets what a round's projector shows (after the close; during voting only if chosen).</summary>
public sealed class SetTallyProjector(IDbContextFactory<AppDbContext> dbFactory, TallyNotifier notifier)
{
    public async Task RunAsync(int competitionId, int roundId, ProjectorResults results, bool duringVoting, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await dbFactory.ChangeCompetitionAsync(competitionId, actor, AuditActions.TallyProjector,
            c =>
            {
                c.SetProjectorResults(roundId, results, duringVoting);
                return true;
            }, new { roundId, results, duringVoting }, ct);
        await notifier.PublishAsync(competitionId);
    }
}
