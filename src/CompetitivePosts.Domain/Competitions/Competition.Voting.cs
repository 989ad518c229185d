using CompetitivePosts.Domain.Voting;

namespace CompetitivePosts.Domain.Competitions;

/// <summary>The voter roll and opening and closing the vote.</summary>
public partial class Competition
{
    /// <summary>Everyone on the roster votes, with the ballot kind of their category.</summary>
    public int IssueVoterRoll()
    {
        EnsureStatus(CompetitionStatus.Registration, CompetitionStatus.Review, CompetitionStatus.Speeches);
        var issued = 0;
        foreach (var cadre in _cadres.Where(c => _voters.All(v => v.CadreId != c.Id)))
        {
            _voters.Add(new Voter(cadre));
            issued++;
        }

        return issued;
    }

    public void OpenVoting()
    {
        EnsureStatus(CompetitionStatus.Speeches);
        if (_speechSlots.Count == 0)
        {
            throw new DomainException("Draw the speech order before voting.");
        }

        if (_voters.Count == 0)
        {
            throw new DomainException("Issue the voter roll before voting.");
        }

        Status = CompetitionStatus.Voting;
    }

    public void EnsureVotingOpen()
    {
        if (Status != CompetitionStatus.Voting)
        {
            throw new DomainException("Voting is not open.");
        }
    }

    public void CloseVoting()
    {
        EnsureStatus(CompetitionStatus.Voting);
        Status = CompetitionStatus.Deciding;
    }
}
