namespace CompetitivePosts.Domain.Audit;

public enum AuditBreak
{
    /// <summary>An entry number is missing or out of place: an entry was deleted, inserted or renumbered.</summary>
    Sequence,

    /// <summary>The entry does not point at the previous entry's hash.</summary>
    PreviousHash,

    /// <summary>The entry's content no longer hashes to its stored hash: it was edited.</summary>
    Content,

    /// <summary>The chain ends before (or after) where its recorded head says: newest entries were deleted.</summary>
    Head,
}

/// <summary>The verdict on one chain: intact, or the first entry where it breaks and what was expected there.</summary>
public sealed record AuditVerification(int CompetitionId, int Entries, AuditBreak? Break, long? AtSeq, long? EntryId, string? Expected, string? Found)
{
    public bool Intact => Break is null;
}

/// <summary>Recomputes a chain from its stored entries, oldest first, and names the first entry that does not hold.</summary>
public static class AuditChain
{
    public static AuditVerification Verify(int competitionId, IEnumerable<AuditEntry> entriesBySeq, AuditHeadState? head)
    {
        ArgumentNullException.ThrowIfNull(entriesBySeq);
        var expectedSeq = 1L;
        var prev = AuditEntry.GenesisHash;
        var count = 0;
        foreach (var entry in entriesBySeq)
        {
            count++;
            if (entry.Seq != expectedSeq)
            {
                return Broken(AuditBreak.Sequence, entry, expectedSeq.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    entry.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (!string.Equals(entry.PrevHash, prev, StringComparison.Ordinal))
            {
                return Broken(AuditBreak.PreviousHash, entry, prev, entry.PrevHash);
            }

            var computed = entry.ComputeHash();
            if (!string.Equals(computed, entry.Hash, StringComparison.Ordinal))
            {
                return Broken(AuditBreak.Content, entry, computed, entry.Hash);
            }

            prev = entry.Hash;
            expectedSeq++;
        }

        var lastSeq = expectedSeq - 1;
        var headSeq = head?.Seq ?? 0;
        var headHash = head?.Hash ?? AuditEntry.GenesisHash;
        if (headSeq != lastSeq || !string.Equals(headHash, prev, StringComparison.Ordinal))
        {
            return new AuditVerification(competitionId, count, AuditBreak.Head, lastSeq + 1, null,
                $"{headSeq}:{headHash}", $"{lastSeq}:{prev}");
        }

        return new AuditVerification(competitionId, count, null, null, null, null, null);

        AuditVerification Broken(AuditBreak kind, AuditEntry at, string expected, string found) =>
            new(competitionId, count, kind, at.Seq, at.Id, expected, found);
    }
}
