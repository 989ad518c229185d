using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Tally;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Tally;

namespace CompetitivePosts.Web.Features.Outcomes;

/// <summary>
/// The one place the outcome reports read the tally: each candidate's weighted score in the round the
/// committee decided on, computed from the stored ballots' raw counts. The competition compares it
/// with its own minimum score to tell 落岗 for a low score from 落岗 by the committee's choice.
/// </summary>
internal static class OutcomeScores
{
    public static async Task<IReadOnlyDictionary<int, Rational>> LoadAsync(AppDbContext db, Competition competition, CancellationToken ct)
    {
        // The deciding round, which may be other than the one the live tally follows (Competition.CountingRound): the
        // decisions page marked a candidate below the minimum from it, and the causes of 落岗 must agree with that.
        var tally = await TallyQuery.ComputeAsync(db, competition, ct, competition.DecidingRound?.Id);
        return tally.ByCandidate.ToDictionary(kv => kv.Key, kv => kv.Value.Score);
    }
}
