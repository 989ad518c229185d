namespace CompetitivePosts.Domain.Voting;

/// <summary>
/// A signed recommendation ballot (署名推荐). One per voter: the database holds a unique index on
/// <see cref="VoterId"/>, so a second submit fails even if two requests race.
/// </summary>
public class Ballot
{
    private readonly List<BallotMark> _marks = [];

    private Ballot() { SignedName = ""; }

    public Ballot(int competitionId, Voter voter, string signedName, IReadOnlyDictionary<int, Choice> marks,
        IReadOnlyCollection<int> candidateIds, DateTimeOffset submittedAt)
    {
        ArgumentNullException.ThrowIfNull(voter);
        ArgumentNullException.ThrowIfNull(marks);
        ArgumentNullException.ThrowIfNull(candidateIds);
        CompetitionId = competitionId;
        VoterId = voter.Id;
        Category = voter.Category;
        SignedName = Guard.Required(signedName, "Please sign the ballot with your name.", 50);
        if (!string.Equals(SignedName, voter.Name, StringComparison.Ordinal))
        {
            throw new DomainException("The signature must be the voter's own name as printed on the roll.");
        }

        foreach (var candidateId in candidateIds)
        {
            // An unmarked candidate counts as an abstention: the ballot stays valid.
            var choice = marks.TryGetValue(candidateId, out var c) ? c : Choice.Abstain;
            _marks.Add(new BallotMark(candidateId, choice));
        }

        if (marks.Keys.Any(id => !candidateIds.Contains(id)))
        {
            throw new DomainException("The ballot marks someone who is not a candidate.");
        }

        SubmittedAt = submittedAt;
    }

    public long Id { get; private set; }

    public int CompetitionId { get; private set; }

    public int VoterId { get; private set; }

    public VoterCategory Category { get; private set; }

    public string SignedName { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }

    public IReadOnlyList<BallotMark> Marks => _marks;
}

public class BallotMark
{
    private BallotMark() { }

    internal BallotMark(int candidateId, Choice choice)
    {
        CandidateId = candidateId;
        Choice = choice;
    }

    public long Id { get; private set; }

    public long BallotId { get; private set; }

    /// <summary>The cadre marked: the ballot asks once per candidate, not per post (DESIGN.md §2).</summary>
    public int CandidateId { get; private set; }

    public Choice Choice { get; private set; }
}
