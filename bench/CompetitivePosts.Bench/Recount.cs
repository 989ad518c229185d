using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Features.Tally;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace CompetitivePosts.Bench;

/// <summary>
/// Measure (4) goes through this one method: the tally page's own recount action (<see cref="RecountTally"/>),
/// which counts the round from its stored ballots, reads the trigger-kept live counts in the same snapshot,
/// compares them and writes the audit entry.
/// </summary>
internal static class Recount
{
    public static async Task<(int Ballots, int Candidates)> RunAsync(DbContextOptions<AppDbContext> options, int competitionId, int roundId)
    {
        var result = await CompareAsync(options, competitionId, roundId);
        if (!result.Matches)
        {
            throw new InvalidOperationException("The recount differs from the live counts: " + string.Join("; ", result.Differences.Take(5)));
        }

        await using var db = new AppDbContext(options);
        var candidates = await db.VotingRounds.AsNoTracking().Where(r => r.Id == roundId).SelectMany(r => r.Items).CountAsync();
        return (result.Ballots, candidates);
    }

    /// <summary>The recount as the tally page runs it, its differences from the live counts returned rather than thrown.</summary>
    public static async Task<RecountResult> CompareAsync(DbContextOptions<AppDbContext> options, int competitionId, int roundId)
    {
        int unitId;
        await using (var db0 = new AppDbContext(options))
        {
            unitId = await db0.Competitions.AsNoTracking().Where(c => c.Id == competitionId).Select(c => c.UnitId).SingleAsync();
        }

        // The recount is the unit organizer's action (administrators do not manage units' competitions).
        var organizer = new Actor("压测", ActorRoles.Organizer, [unitId], "bench");
        var recount = new RecountTally(new PooledDbContextFactory<AppDbContext>(options), TimeProvider.System, NullLogger<RecountTally>.Instance);
        return await recount.RunAsync(competitionId, roundId, organizer);
    }
}
