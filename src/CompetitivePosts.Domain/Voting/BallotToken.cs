namespace CompetitivePosts.Domain.Voting;

/// <summary>
/// One voter's single-use ballot credential for one round. Only the SHA-256 of the token is kept:
/// the clear token exists on the printed slip (or in the kiosk tablet's address bar) and nowhere
/// else. A voter has at most one live token per round; printing again revokes the old one.
/// </summary>
public class BallotToken
{
    private BallotToken() { TokenHash = ""; }

    private BallotToken(int roundId, int voterId, VoterCategory category, string tokenHash, DateTimeOffset at, bool kiosk)
    {
        RoundId = roundId;
        VoterId = voterId;
        Category = category;
        TokenHash = tokenHash;
        IssuedAt = at;
        Kiosk = kiosk;
    }

    public long Id { get; private set; }

    public int RoundId { get; private set; }

    public int VoterId { get; private set; }

    /// <summary>
    /// The ballot kind the slip votes with: the voter's when it was issued, and their new one if it changes before the
    /// round opens. Kept on the slip so that a closed round's turnout per kind stays what it was when a voter's kind
    /// changes for a later round (a kind cannot change while a round is open).
    /// </summary>
    public VoterCategory Category { get; private set; }

    /// <summary>SHA-256 (hex) of the token; the token itself is never stored.</summary>
    public string TokenHash { get; private set; }

    public DateTimeOffset IssuedAt { get; private set; }

    /// <summary>Issued by an organizer's kiosk tablet rather than printed on a slip.</summary>
    public bool Kiosk { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    /// <summary>Set in the same transaction as the ballot; in an unsigned round this flag is all that is kept.</summary>
    public bool Used { get; private set; }

    /// <summary>When a signed round's ballot was cast; never set in an unsigned round, whose ballots carry no time.</summary>
    public DateTimeOffset? UsedAt { get; private set; }

    public bool IsLive => RevokedAt is null && !Used;

    /// <summary>A new token for a voter of a round that has not closed; the clear token is returned once.</summary>
    public static (BallotToken Token, string Clear) Issue(VotingRound round, Voter voter, DateTimeOffset at, bool kiosk)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(voter);
        round.EnsureAcceptsSlips();
        if (voter.IsExcluded)
        {
            throw new DomainException("{0} is excluded from the roll.", voter.Name);
        }

        var clear = SecretToken.New();
        return (new BallotToken(round.Id, voter.Id, voter.Category, SecretToken.Hash(clear), at, kiosk), clear);
    }

    /// <summary>A lost slip, a reprint, a kiosk ballot or an exclusion: the token stops working at once.</summary>
    public void Revoke(DateTimeOffset at)
    {
        if (Used)
        {
            throw new DomainException("This voter has already voted in this round.");
        }

        RevokedAt ??= at;
    }
}
