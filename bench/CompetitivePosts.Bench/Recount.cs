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
    private static readonly Actor Bench = new("压测", ActorRoles.Administrator, [], "bench");

    public static async Task<(int Ballots, int Candidates)> RunAsync(DbContextOptions<AppDbContext> options, int competitionId, int roundId)
    {
        var recount = new RecountTally(new PooledDbContextFactory<AppDbContext>(options), TimeProvider.System, NullLogger<RecountTally>.Instance);
        var result = await recount.RunAsync(competitionId, roundId, Bench);
        if (!result.Matches)
        {
            throw new InvalidOperationException("The recount differs from the live counts: " + string.Join("; ", result.Differences.Take(5)));
        }

        await using var db = new AppDbContext(options);
        var candidates = await db.VotingRounds.AsNoTracking().Where(r => r.Id == roundId).SelectMany(r => r.Items).CountAsync();
        return (result.Ballots, candidates);
    }
}
