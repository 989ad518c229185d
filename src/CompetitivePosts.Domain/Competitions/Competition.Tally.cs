using CompetitivePosts.Domain.Voting;

namespace CompetitivePosts.Domain.Competitions;

/// <summary>The live tally's settings: what a round's projector may show, and when.</summary>
public partial class Competition
{
    /// <summary>
    /// Chooses what the projector of a recommendation round shows after the close, and whether it may show
    /// results while voting goes on. Allowed until the round closes: afterwards the projector already shows them.
    /// </summary>
    public void SetProjectorResults(int roundId, ProjectorResults results, bool duringVoting)
    {
        var round = FindRound(roundId);
        if (round.Kind != RoundKind.Recommendation)
        {
            throw new DomainException("Only a recommendation round is scored 4:3:3.");
        }

        if (round.Status == RoundStatus.Closed)
        {
            throw new DomainException("The round is closed; what its projector shows can no longer change.");
        }

        round.SetProjector(results, duringVoting);
    }
}
