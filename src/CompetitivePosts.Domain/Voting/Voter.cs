using CompetitivePosts.Domain.Competitions;

namespace CompetitivePosts.Domain.Voting;

/// <summary>
/// A line of the voter roll. Cadres come from the reset-to-zero snapshot, so the ballot kind is
/// what the cadre was before the reset (A: 副县级以上; B: 中层正职 before the reset; C: everyone
/// else). The organizer may change a kind with a reason, add an outside voter, and exclude a
/// voter with a reason. Tokens are not kept here: see <see cref="BallotToken"/>.
/// </summary>
public class Voter
{
    public const int NoteLength = 100;

    private Voter() { Name = ""; }

    internal Voter(SnapshotEntry entry)
    {
        CadreId = entry.CadreId;
        Name = entry.CadreName;
        RollCategory = CategoryOf(entry);
        Category = RollCategory;
    }

    internal Voter(string name, VoterCategory category, string note)
    {
        Name = name;
        RollCategory = category;
        Category = category;
        Note = note;
    }

    public int Id { get; private set; }

    public int CompetitionId { get; private set; }

    /// <summary>The cadre on the roster; null for an outside voter.</summary>
    public int? CadreId { get; private set; }

    public string Name { get; private set; }

    /// <summary>The kind the snapshot gives, or the one chosen when an outside voter was added.</summary>
    public VoterCategory RollCategory { get; private set; }

    /// <summary>The kind this voter's ballots count under.</summary>
    public VoterCategory Category { get; private set; }

    /// <summary>Why <see cref="Category"/> differs from <see cref="RollCategory"/>.</summary>
    public string? CategoryReason { get; private set; }

    /// <summary>Who an outside voter is (for example 市委组织部派驻干部).</summary>
    public string? Note { get; private set; }

    public DateTimeOffset? ExcludedAt { get; private set; }

    public string? ExclusionReason { get; private set; }

    public bool IsOutside => CadreId is null;

    public bool IsExcluded => ExcludedAt is not null;

    public bool IsOverridden => Category != RollCategory;

    /// <summary>A = 副县级以上, B = 中层正职 before the reset, C = everyone else; taken from the snapshot, not from today's roster.</summary>
    public static VoterCategory CategoryOf(SnapshotEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.WasCountyLeader ? VoterCategory.A : entry.WasMiddlePrincipal ? VoterCategory.B : VoterCategory.C;
    }

    internal void SetCategory(VoterCategory category, string? reason)
    {
        Category = category;
        CategoryReason = category == RollCategory ? null : reason;
    }

    internal void Exclude(string reason, DateTimeOffset at)
    {
        ExcludedAt = at;
        ExclusionReason = reason;
    }

    internal void Reinstate()
    {
        ExcludedAt = null;
        ExclusionReason = null;
    }
}
