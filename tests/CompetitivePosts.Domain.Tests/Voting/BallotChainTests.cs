using CompetitivePosts.Domain.Voting;

namespace CompetitivePosts.Domain.Tests.Voting;

public class BallotChainTests
{
    private static readonly DateTimeOffset At = new(2009, 6, 18, 16, 30, 0, TimeSpan.FromHours(8));

    private static SignedBallot Ballot() => new(7, 42, VoterCategory.B, "乙", [1, 2, 3], [1, 3], At);

    [Fact]
    public void ContentHash_PinnedBallot_MatchesAHashComputedWithPython()
    {
        // python3: json.dumps({category, choices, round, signature: sha256(b"\x01\x02\x03"), signedName, submittedAt, voter},
        //          ensure_ascii=False, separators=(",", ":"), sort_keys=True) → sha256 (see docs/adr/0017).
        var ballot = Ballot();

        Assert.Equal("dd39fd9410a14cd6bfcd1092d1ea6550f964544ff3a55e8dc26dc76f01228480", ballot.ContentHash);
        Assert.Equal("VMWZ-V50G-M56D-DFYD", ballot.Receipt);
        Assert.Equal("3150e19bfc6422e401c5809c71d0dddd43d9d5a56787e671698da5b6c3182d12", BallotChain.Link(BallotChain.Genesis, ballot.ContentHash));
    }

    [Theory]
    [InlineData("VMWZ-V50G-M56D-DFYD", "VMWZ-V50G-M56D-DFYD")]
    [InlineData("vmwz v50g m56d dfyd", "VMWZ-V50G-M56D-DFYD")]
    [InlineData("VMWZV5OGM56DDFYD", "VMWZ-V50G-M56D-DFYD")]
    [InlineData("VMWZ-V50G-M56D", null)]
    [InlineData("VMWZ-V50G-M56D-DFYU", null)]
    [InlineData("", null)]
    public void NormaliseReceipt_AsAPersonTypesIt_GivesTheCodeOrNull(string typed, string? expected) =>
        Assert.Equal(expected, BallotChain.NormaliseReceipt(typed));

    [Fact]
    public void Seal_ThreeBallots_EachCarriesTheChainHashOfThePreviousOne()
    {
        var links = BallotChain.Seal(0, BallotChain.Genesis, [(10, new string('a', 64)), (11, new string('b', 64)), (12, new string('c', 64))]);

        Assert.Equal([1L, 2L, 3L], links.Select(l => l.Seq));
        Assert.Equal(BallotChain.Genesis, links[0].PrevHash);
        Assert.Equal(links[0].ChainHash, links[1].PrevHash);
        Assert.Equal(links[1].ChainHash, links[2].PrevHash);
        Assert.Equal(BallotChain.Link(links[1].ChainHash, new string('c', 64)), links[2].ChainHash);

        // Sealing on from a head continues the same chain.
        var more = BallotChain.Seal(3, links[2].ChainHash, [(13, new string('d', 64))]);
        Assert.Equal((4L, links[2].ChainHash), (more[0].Seq, more[0].PrevHash));
    }

    [Fact]
    public void Verify_NoBallots_IsIntactOnlyWithAnEmptyHead()
    {
        Assert.True(BallotChain.Verify([], 0, BallotChain.Genesis, 0, 0).Intact);
        Assert.Equal(BallotChainBreak.Head, BallotChain.Verify([], 1, new string('a', 64), 1, 0).Break);
        Assert.Equal(BallotChainBreak.Count, BallotChain.Verify([], 0, BallotChain.Genesis, 1, 0).Break);
    }
}
