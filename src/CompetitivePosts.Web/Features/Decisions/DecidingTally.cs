using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Decisions;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Tally;

namespace CompetitivePosts.Web.Features.Decisions;

/// <summary>
/// The one seam between the tally and the decisions: the deciding round's raw counts, read from the
/// stored ballots in one query (a recount is exact by definition). The aggregate scores them itself
/// (<see cref="Competition.Score"/>); the live counts of the tally issue may replace this read later.
/// </summary>
internal static class DecidingTally
{
    public static async Task<DecidingCounts> LoadAsync(AppDbContext db, Competition competition, CancellationToken ct)
    {
        var round = competition.DecidingRound ?? throw new DomainException("There is no closed recommendation round to decide from.");
        // The deciding round is closed: its ballots and slips no longer change (ADR 0036), so two reads agree.
        var counts = await RoundCounts.LoadAsync(db, round.Id, ct);
        return new DecidingCounts(round.Id, counts.Ballots, counts.Choices, await TallyQuery.IssuedAsync(db, round.Id, ct));
    }
}
