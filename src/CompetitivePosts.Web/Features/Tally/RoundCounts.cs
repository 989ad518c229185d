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

    private sealed record CountRow(string Category, int Position, short Choice, int Count);

    private sealed record BallotRow(string Category, int Count);
}
