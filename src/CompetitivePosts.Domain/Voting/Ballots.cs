using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CompetitivePosts.Domain.Audit;

namespace CompetitivePosts.Domain.Voting;

/// <summary>
/// A ballot of a signed round (署名): the voter, the typed name, the drawn signature as a PNG, the
/// choices in the round's order, and the time. <see cref="ContentHash"/> covers all of it and gives
/// the voter's receipt code; a sealer later links the round's ballots into a chain
/// (<see cref="Seq"/>, <see cref="PrevHash"/>, <see cref="ChainHash"/>, see <see cref="BallotChain"/>).
/// </summary>
public class SignedBallot
{
    private SignedBallot()
    {
        SignedName = "";
        Signature = [];
        Choices = [];
        ContentHash = "";
        Receipt = "";
    }

    public SignedBallot(int roundId, int voterId, VoterCategory category, string signedName, byte[] signature, short[] choices, DateTimeOffset submittedAt)
    {
        RoundId = roundId;
        VoterId = voterId;
        Category = category;
        SignedName = signedName;
        Signature = signature;
        Choices = choices;
        SubmittedAt = BallotChain.Truncate(submittedAt);
        ContentHash = ComputeContentHash();
        Receipt = BallotChain.Receipt(ContentHash);
    }

    public long Id { get; private set; }

    public int RoundId { get; private set; }

    public int VoterId { get; private set; }

    public VoterCategory Category { get; private set; }

    public string SignedName { get; private set; }

    /// <summary>The drawn signature, a PNG checked by <see cref="SignatureImage"/>.</summary>
    public byte[] Signature { get; private set; }

    /// <summary>One number per line of the round's ballot, in its order (see <see cref="VotingRound.Read"/>).</summary>
    public short[] Choices { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }

    /// <summary>SHA-256 (hex) of <see cref="CanonicalContent"/>.</summary>
    public string ContentHash { get; private set; }

    /// <summary>The code the voter is shown, taken from <see cref="ContentHash"/>.</summary>
    public string Receipt { get; private set; }

    /// <summary>1, 2, 3 … in the round's chain; null until the sealer reaches it.</summary>
    public long? Seq { get; private set; }

    public string? PrevHash { get; private set; }

    public string? ChainHash { get; private set; }

    /// <summary>What the content hash covers: every field the voter gave and the time, with the signature as its SHA-256.</summary>
    public string CanonicalContent() => CanonicalJson.Write(new JsonObject
    {
        ["category"] = Category.ToString(),
        ["choices"] = new JsonArray([.. Choices.Select(c => (JsonNode)c)]),
        ["round"] = RoundId,
        ["signature"] = Convert.ToHexStringLower(SHA256.HashData(Signature)),
        ["signedName"] = SignedName,
        ["submittedAt"] = SubmittedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        ["voter"] = VoterId,
    });

    public string ComputeContentHash() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalContent())));
}

/// <summary>
/// A ballot of an unsigned round (无记名). It holds what the tally needs and nothing that leads
/// back to its voter: no voter, token or time, and a random key rather than a sequence.
/// </summary>
public class UnsignedBallot
{
    private UnsignedBallot() { Choices = []; }

    public UnsignedBallot(int roundId, VoterCategory category, short[] choices)
    {
        Id = Guid.NewGuid();
        RoundId = roundId;
        Category = category;
        Choices = choices;
    }

    /// <summary>Random (version 4), so the key says nothing about when the ballot was cast.</summary>
    public Guid Id { get; private set; }

    public int RoundId { get; private set; }

    /// <summary>The ballot kind: the tally weighs by it. It is the only thing the ballot says about its voter.</summary>
    public VoterCategory Category { get; private set; }

    public short[] Choices { get; private set; }
}
