using System.Reflection;
using CompetitivePosts.Domain.Audit;

namespace CompetitivePosts.Domain.Tests.Audit;

public class AuditChainTests
{
    private static readonly DateTimeOffset T0 = new(2009, 6, 18, 9, 30, 5, TimeSpan.FromHours(8));
    private static readonly AuditWho Organizer = new("u1", "国资委人事处");

    /// <summary>A chain of <paramref name="count"/> entries with its head, as the application would append them.</summary>
    private static (List<AuditEntry> Entries, AuditHeadState Head) Chain(int count)
    {
        var entries = new List<AuditEntry>();
        AuditHeadState? head = null;
        for (var i = 0; i < count; i++)
        {
            var entry = AuditEntry.Next(head, 7, T0.AddMinutes(i), Organizer, "cadre.add", null,
                $$$"""{"Cadre#{{{i + 1}}}":{"Name":"干部{{{i + 1}}}"}}""", null);
            entries.Add(entry);
            head ??= new AuditHeadState(7, 0, AuditEntry.GenesisHash);
            head.MoveTo(entry);
        }

        return (entries, head!);
    }

    /// <summary>What a database administrator could do to a stored row.</summary>
    private static void Tamper(AuditEntry entry, string property, object? value) =>
        typeof(AuditEntry).GetProperty(property, BindingFlags.Public | BindingFlags.Instance)!.SetValue(entry, value);

    [Fact]
    public void ComputeHash_KnownEntry_MatchesSha256OfPreviousHashAndCanonicalJson()
    {
        // Pinned with Python: hashlib.sha256(bytes(32) + canonical.encode()).hexdigest().
        var entry = AuditEntry.Next(null, 7, new DateTimeOffset(2009, 6, 18, 1, 30, 5, TimeSpan.Zero).AddTicks(1_234_567), Organizer,
            "cadre.add", null, """{ "Cadre#3": { "Name": "王建国", "Category": "A" } }""", null);

        Assert.Equal(
            """{"action":"cadre.add","after":{"Cadre#3":{"Category":"A","Name":"王建国"}},"at":"2009-06-18T01:30:05.123456Z","before":null,"chain":7,"detail":null,"seq":1,"userId":"u1","userName":"国资委人事处"}""",
            entry.CanonicalContent());
        Assert.Equal("acafe529445abdb58068efd18c33d166947f2e0217ff7490deaf5537f106ebf1", entry.Hash);
        Assert.Equal(AuditEntry.GenesisHash, entry.PrevHash);
    }

    [Fact]
    public void Normalize_DifferentSpellingsOfOneValue_GiveOneText()
    {
        var a = CanonicalJson.Normalize("""{ "b": 1, "a": [2, {"d": "丁", "c": null}] }""");
        var b = CanonicalJson.Normalize("""{"a":[2,{"c":null,"d":"丁"}],"b":1}""");

        Assert.Equal("""{"a":[2,{"c":null,"d":"丁"}],"b":1}""", a);
        Assert.Equal(a, b);
        // Control: a different value gives a different text.
        Assert.NotEqual(a, CanonicalJson.Normalize("""{"a":[2,{"c":null,"d":"丁"}],"b":2}"""));
    }

    [Fact]
    public void Next_EachEntry_PointsAtThePreviousHash()
    {
        var (entries, _) = Chain(3);

        Assert.Equal([1L, 2L, 3L], entries.Select(e => e.Seq));
        Assert.Equal(entries[0].Hash, entries[1].PrevHash);
        Assert.Equal(entries[1].Hash, entries[2].PrevHash);
    }

    [Fact]
    public void Verify_UntouchedChain_IsIntact()
    {
        var (entries, head) = Chain(5);

        var result = AuditChain.Verify(7, entries, head);

        Assert.True(result.Intact);
        Assert.Equal(5, result.Entries);
    }

    [Fact]
    public void Verify_EmptyChainWithNoHead_IsIntact()
    {
        Assert.True(AuditChain.Verify(7, [], null).Intact);
    }

    [Theory]
    [InlineData(nameof(AuditEntry.After), """{"Cadre#3":{"Name":"别人"}}""")]
    [InlineData(nameof(AuditEntry.UserName), "另一个人")]
    [InlineData(nameof(AuditEntry.Action), "cadre.delete")]
    public void Verify_EditedEntry_NamesItAsEdited(string property, string value)
    {
        var (entries, head) = Chain(5);
        Tamper(entries[2], property, value);

        var result = AuditChain.Verify(7, entries, head);

        Assert.Equal(AuditBreak.Content, result.Break);
        Assert.Equal(3, result.AtSeq);
        Assert.Equal(entries[2].Hash, result.Found);
    }

    [Fact]
    public void Verify_EditedTimestamp_NamesItAsEdited()
    {
        var (entries, head) = Chain(5);
        Tamper(entries[1], nameof(AuditEntry.At), entries[1].At.AddSeconds(-1));

        Assert.Equal((AuditBreak.Content, 2L), Break(AuditChain.Verify(7, entries, head)));
    }

    [Fact]
    public void Verify_EditedEntryWithItsHashRecomputed_NamesTheNextEntry()
    {
        var (entries, head) = Chain(5);
        Tamper(entries[2], nameof(AuditEntry.After), """{"Cadre#3":{"Name":"别人"}}""");
        Tamper(entries[2], nameof(AuditEntry.Hash), entries[2].ComputeHash());

        var result = AuditChain.Verify(7, entries, head);

        Assert.Equal((AuditBreak.PreviousHash, 4L), Break(result));
        Assert.Equal(entries[2].Hash, result.Expected);
        Assert.Equal(entries[3].PrevHash, result.Found);
    }

    [Fact]
    public void Verify_DeletedMiddleEntry_NamesTheGap()
    {
        var (entries, head) = Chain(5);
        entries.RemoveAt(1);

        var result = AuditChain.Verify(7, entries, head);

        Assert.Equal((AuditBreak.Sequence, 3L), Break(result));
        Assert.Equal("2", result.Expected);
    }

    [Fact]
    public void Verify_DeletedNewestEntry_IsCaughtByTheHead()
    {
        var (entries, head) = Chain(5);
        entries.RemoveAt(4);

        var result = AuditChain.Verify(7, entries, head);

        Assert.Equal((AuditBreak.Head, 5L), Break(result));
    }

    [Fact]
    public void Verify_SwappedEntries_NamesTheFirstMovedOne()
    {
        var (entries, head) = Chain(5);
        // Renumber 2 and 3 so that reading by number gives them in the other order.
        Tamper(entries[1], nameof(AuditEntry.Seq), 3L);
        Tamper(entries[2], nameof(AuditEntry.Seq), 2L);
        var bySeq = entries.OrderBy(e => e.Seq).ToList();

        var result = AuditChain.Verify(7, bySeq, head);

        Assert.False(result.Intact);
        Assert.Equal(2, result.AtSeq);
    }

    [Fact]
    public void Verify_EntriesReadOutOfOrder_NamesTheSequenceBreak()
    {
        var (entries, head) = Chain(5);
        (entries[1], entries[2]) = (entries[2], entries[1]);

        Assert.Equal((AuditBreak.Sequence, 3L), Break(AuditChain.Verify(7, entries, head)));
    }

    private static (AuditBreak?, long?) Break(AuditVerification v) => (v.Break, v.AtSeq);
}
