using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Tally;
using CompetitivePosts.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Tally;

/// <summary>A round's committed ballots, summed in PostgreSQL: ballots per category, and per line, category and choice.</summary>
public sealed record RoundCounts(IReadOnlyDictionary<VoterCategory, int> Ballots, IReadOnlyList<ChoiceCount> Choices)
{
    public static RoundCounts None { get; } = new(new Dictionary<VoterCategory, int>(), []);

    public int Total => Ballots.Values.Sum();

    /// <summary>
    /// Signed and unsigned ballots store their choices as one smallint[] in the round's order, so a
    /// count is one pass of unnest over the round's rows (docs/adr/0016).
    /// </summary>
    public static async Task<RoundCounts> LoadAsync(AppDbContext db, int roundId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Database.SqlQuery<CountRow>($"""
            SELECT b."Category", (o.pos - 1)::int AS "Position", o.val AS "Choice", count(*)::int AS "Count"
            FROM (SELECT "Category", "Choices" FROM "SignedBallots" WHERE "RoundId" = {roundId}
                  UNION ALL
                  SELECT "Category", "Choices" FROM "UnsignedBallots" WHERE "RoundId" = {roundId}) AS b,
                 unnest(b."Choices") WITH ORDINALITY AS o(val, pos)
            GROUP BY 1, 2, 3
            """).ToListAsync(ct);
        var ballots = await db.Database.SqlQuery<BallotRow>($"""
            SELECT "Category", count(*)::int AS "Count"
            FROM (SELECT "Category" FROM "SignedBallots" WHERE "RoundId" = {roundId}
                  UNION ALL
                  SELECT "Category" FROM "UnsignedBallots" WHERE "RoundId" = {roundId}) AS b
            GROUP BY 1
            """).ToListAsync(ct);
        return new RoundCounts(
            ballots.ToDictionary(b => Enum.Parse<VoterCategory>(b.Category), b => b.Count),
            [.. rows.Select(r => new ChoiceCount(r.Position, Enum.Parse<VoterCategory>(r.Category), r.Choice, r.Count))]);
    }

    /// <summary>
    /// The live counts: the trigger-kept slices of the round (docs/adr/0021), summed here. Reads a few rows
    /// per ballot kind, never the marks; equal to <see cref="LoadAsync"/> by construction, which the recount checks.
    /// </summary>
    public static async Task<RoundCounts> LoadLiveAsync(AppDbContext db, int roundId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var shards = await db.Set<TallyCountShard>().AsNoTracking().Where(s => s.RoundId == roundId).ToListAsync(ct);
        return FromShards(shards);
    }

    internal static RoundCounts FromShards(IEnumerable<TallyCountShard> shards)
    {
        var ballots = new Dictionary<VoterCategory, int>();
        var sums = new Dictionary<(VoterCategory Category, int Slot), int>();
        foreach (var shard in shards)
        {
            var category = Enum.Parse<VoterCategory>(shard.Category);
            ballots[category] = ballots.GetValueOrDefault(category) + shard.Ballots;
            for (var slot = 0; slot < shard.Counts.Length; slot++)
            {
                if (shard.Counts[slot] != 0)
                {
                    sums[(category, slot)] = sums.GetValueOrDefault((category, slot)) + shard.Counts[slot];
                }
            }
        }

        return new RoundCounts(
            ballots.Where(b => b.Value != 0).ToDictionary(),
            [.. sums.Where(s => s.Value != 0)
                .Select(s => new ChoiceCount(s.Key.Slot / TallyCountShard.Stride, s.Key.Category, (short)(s.Key.Slot % TallyCountShard.Stride), s.Value))
                .OrderBy(c => c.Position).ThenBy(c => c.Category).ThenBy(c => c.Choice)]);
    }

    /// <summary>Every figure where two countings disagree, as "kind · line · choice: this ≠ other"; empty when they agree exactly.</summary>
    public IReadOnlyList<string> Differences(RoundCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var differences = new List<string>();
        foreach (var k in Ballots.Keys.Union(other.Ballots.Keys).Order())
        {
            var (mine, theirs) = (Ballots.GetValueOrDefault(k), other.Ballots.GetValueOrDefault(k));
            if (mine != theirs)
            {
                differences.Add(FormattableString.Invariant($"{k} · ballots: {mine} ≠ {theirs}"));
            }
        }

        var a = Choices.Where(c => c.Count != 0).ToDictionary(c => (c.Position, c.Category, c.Choice), c => c.Count);
        var b = other.Choices.Where(c => c.Count != 0).ToDictionary(c => (c.Position, c.Category, c.Choice), c => c.Count);
        foreach (var key in a.Keys.Union(b.Keys).OrderBy(x => x.Position).ThenBy(x => x.Category).ThenBy(x => x.Choice))
        {
            var (mine, theirs) = (a.GetValueOrDefault(key), b.GetValueOrDefault(key));
            if (mine != theirs)
            {
                differences.Add(FormattableString.Invariant($"{key.Category} · line {key.Position + 1} · choice {key.Choice}: {mine} ≠ {theirs}"));
            }
        }

        return differences;
    }

    private sealed record CountRow(string Category, int Position, short Choice, int Count);

    private sealed record BallotRow(string Category, int Count);
}
