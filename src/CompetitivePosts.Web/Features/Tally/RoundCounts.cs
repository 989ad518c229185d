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
        return FromShards(shards.Select(s => (s.Category, s.Ballots, s.Counts)));
    }

    /// <summary>The slices summed slot by slot, per ballot kind (arrays, not a dictionary per slot: a round has 96 slices of up to 500 slots).</summary>
    internal static RoundCounts FromShards(IEnumerable<(string Category, int Ballots, int[] Counts)> shards)
    {
        var ballots = new Dictionary<VoterCategory, int>();
        var sums = new Dictionary<VoterCategory, int[]>();
        foreach (var (name, count, counts) in shards)
        {
            var category = Enum.Parse<VoterCategory>(name);
            ballots[category] = ballots.GetValueOrDefault(category) + count;
            if (!sums.TryGetValue(category, out var sum) || sum.Length < counts.Length)
            {
                var grown = new int[counts.Length];
                sum?.CopyTo(grown, 0);
                sums[category] = sum = grown;
            }

            for (var slot = 0; slot < counts.Length; slot++)
            {
                sum[slot] += counts[slot];
            }
        }

        var choices = new List<ChoiceCount>();
        foreach (var (category, sum) in sums)
        {
            for (var slot = 0; slot < sum.Length; slot++)
            {
                if (sum[slot] != 0)
                {
                    choices.Add(new ChoiceCount(slot / TallyCountShard.Stride, category, (short)(slot % TallyCountShard.Stride), sum[slot]));
                }
            }
        }

        return new RoundCounts(
            ballots.Where(b => b.Value != 0).ToDictionary(),
            [.. choices.OrderBy(c => c.Position).ThenBy(c => c.Category).ThenBy(c => c.Choice)]);
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
