using CompetitivePosts.Domain.Tally;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Tally;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Bench;

/// <summary>
/// Measure (4) goes through this one method: the app's count of a round from its stored ballots
/// (<see cref="RoundCounts"/>, one unnest pass) and the domain's 4:3:3 computation. When the recount
/// action of issue 7b lands, the lead swaps its call in here.
/// </summary>
internal static class Recount
{
    public static async Task<(int Ballots, int Candidates)> RunAsync(DbContextOptions<AppDbContext> options, int competitionId, int roundId)
    {
        await using var db = new AppDbContext(options);
        var competition = await db.CompetitionAggregate.AsNoTracking().SingleAsync(c => c.Id == competitionId);
        var round = competition.FindRound(roundId);
        var counts = await RoundCounts.LoadAsync(db, roundId, default);
        var results = TallyCalculator.Compute(competition.Candidates.Select(c => c.Id), counts.Ballots, RoundTally.Marks(round, counts.Choices));
        return (counts.Total, results.Count);
    }
}
