using System.Security.Cryptography;
using System.Text;

namespace CompetitivePosts.Domain.Voting;

public enum BallotChainBreak
{
    /// <summary>A number is missing or out of place: a ballot was deleted, inserted or renumbered.</summary>
    Sequence,

    /// <summary>A ballot does not carry the hash of the ballot before it.</summary>
    PreviousHash,

    /// <summary>A ballot's content no longer hashes to its content hash, or its chain hash does not follow: it was edited.</summary>
    Content,

    /// <summary>The chain ends before (or after) its recorded head: newest ballots were deleted.</summary>
    Head,

    /// <summary>The round has more used tokens than ballots, or the other way round.</summary>
    Count,
}

/// <summary>The verdict on one round's ballot chain: intact, or the first ballot where it breaks.</summary>
/// <summary>What sealing gives one ballot.</summary>
public sealed record SealedLink(long BallotId, long Seq, string PrevHash, string ChainHash);

public sealed record BallotChainVerification(int Ballots, BallotChainBreak? Break, long? AtSeq, long? BallotId)
{
    public bool Intact => Break is null;
}

/// <summary>
/// The per-round chain of signed ballots, kept apart from the audit trail (docs/adr/0017).
/// A ballot is inserted with its own content hash; the sealer later gives it
/// <c>Seq</c> and <c>PrevHash</c> = the chain hash of the round's previous ballot, and
/// <c>ChainHash = SHA-256(PrevHash ‖ ContentHash)</c> over the 32 bytes of each. So submits never
/// wait for one another, and after sealing every ballot carries the hash of the one before.
/// </summary>
public static class BallotChain
{
    public static readonly string Genesis = new('0', 64);

    // Crockford's base32: no I, L, O or U, so a receipt read aloud or copied by hand is unambiguous.
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string Link(string prevHash, string contentHash)
    {
        ArgumentNullException.ThrowIfNull(prevHash);
        ArgumentNullException.ThrowIfNull(contentHash);
        return Convert.ToHexStringLower(SHA256.HashData([.. Convert.FromHexString(prevHash), .. Convert.FromHexString(contentHash)]));
    }

    /// <summary>PostgreSQL keeps microseconds: a time that went in must hash the same when it comes back.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }

    /// <summary>The first 80 bits of the content hash in base32, as XXXX-XXXX-XXXX-XXXX.</summary>
    public static string Receipt(string contentHash)
    {
        var bytes = Convert.FromHexString(contentHash);
        var text = new StringBuilder(19);
        ulong buffer = 0;
        var bits = 0;
        for (var i = 0; i < 10; i++)
        {
            buffer = (buffer << 8) | bytes[i];
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                if (text.Length is 4 or 9 or 14)
                {
                    text.Append('-');
                }

                text.Append(Alphabet[(int)((buffer >> bits) & 31)]);
            }
        }

        return text.ToString();
    }

    /// <summary>A receipt as a person may type it (lower case, spaces, O for 0, I or L for 1), or null when it cannot be one.</summary>
    public static string? NormaliseReceipt(string? input)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > 40)
        {
            return null;
        }

        var chars = new StringBuilder(16);
        foreach (var c in input.ToUpperInvariant())
        {
            var d = c switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                _ => c,
            };
            if (d is '-' or ' ' or '\t')
            {
                continue;
            }

            if (!Alphabet.Contains(d, StringComparison.Ordinal))
            {
                return null;
            }

            chars.Append(d);
        }

        if (chars.Length != 16)
        {
            return null;
        }

        return string.Join('-', Enumerable.Range(0, 4).Select(i => chars.ToString(i * 4, 4)));
    }

    /// <summary>
    /// Links unsealed ballots (id and content hash, in the order given) after the last sealed one
    /// (<paramref name="headSeq"/>, <paramref name="headHash"/>): each gets the next number, the
    /// previous chain hash, and its own chain hash. The last of them is the new head.
    /// </summary>
    public static IReadOnlyList<SealedLink> Seal(long headSeq, string headHash, IEnumerable<(long Id, string ContentHash)> unsealed)
    {
        ArgumentNullException.ThrowIfNull(unsealed);
        var links = new List<SealedLink>();
        var (seq, hash) = (headSeq, headHash);
        foreach (var (id, content) in unsealed)
        {
            var next = Link(hash, content);
            links.Add(new SealedLink(id, ++seq, hash, next));
            hash = next;
        }

        return links;
    }

    /// <summary>
    /// Recomputes a round's chain oldest first: numbers 1, 2, 3 …, each previous hash, each content
    /// and chain hash; then the recorded head; then that every used token has its ballot.
    /// </summary>
    public static BallotChainVerification Verify(IEnumerable<SignedBallot> sealedBySeq, long headSeq, string headHash, int usedTokens, int unsealed)
    {
        ArgumentNullException.ThrowIfNull(sealedBySeq);
        var expected = 1L;
        var prev = Genesis;
        var count = 0;
        foreach (var ballot in sealedBySeq)
        {
            count++;
            if (ballot.Seq != expected)
            {
                return new(count, BallotChainBreak.Sequence, expected, ballot.Id);
            }

            if (!string.Equals(ballot.PrevHash, prev, StringComparison.Ordinal))
            {
                return new(count, BallotChainBreak.PreviousHash, expected, ballot.Id);
            }

            if (!string.Equals(ballot.ComputeContentHash(), ballot.ContentHash, StringComparison.Ordinal)
                || !string.Equals(Link(prev, ballot.ContentHash), ballot.ChainHash, StringComparison.Ordinal))
            {
                return new(count, BallotChainBreak.Content, expected, ballot.Id);
            }

            prev = ballot.ChainHash!;
            expected++;
        }

        if (headSeq != expected - 1 || !string.Equals(headHash, prev, StringComparison.Ordinal))
        {
            return new(count, BallotChainBreak.Head, expected, null);
        }

        if (usedTokens != count + unsealed)
        {
            return new(count + unsealed, BallotChainBreak.Count, null, null);
        }

        return new(count + unsealed, null, null, null);
    }
}

/// <summary>
/// Where a round's sealed chain ends, moved by the sealer in the same transaction as the ballots it
/// seals, so that deleting the newest sealed ballots, which leaves a shorter chain intact in itself, is caught.
/// </summary>
public class BallotChainHead
{
    private BallotChainHead() { Hash = BallotChain.Genesis; }

    public BallotChainHead(int roundId)
    {
        RoundId = roundId;
        Hash = BallotChain.Genesis;
    }

    public int RoundId { get; private set; }

    public long Seq { get; private set; }

    public string Hash { get; private set; }

    public void MoveTo(long seq, string hash)
    {
        Seq = seq;
        Hash = hash;
    }
}
