namespace CompetitivePosts.Web.Features.Tally;

/// <summary>
/// One slice of a round's live counts, kept by a database trigger in the same transaction as each
/// ballot (docs/adr/0021). A round has up to <see cref="Shards"/> slices per ballot kind, chosen by
/// the writing connection, so concurrent submits rarely wait for the same row. <see cref="Counts"/>
/// is flat: index <c>line × <see cref="Stride"/> + choice</c> (choice 0 = unmarked).
/// </summary>
public sealed class TallyCountShard
{
    public const int Shards = 32;

    /// <summary>Slots per line: unmarked plus up to four choices (the grades of an evaluation).</summary>
    public const int Stride = 5;

    private TallyCountShard()
    {
        Category = "";
        Counts = [];
    }

    public int RoundId { get; private set; }

    public string Category { get; private set; }

    public short Shard { get; private set; }

    public int Ballots { get; private set; }

    public int[] Counts { get; private set; }
}
