using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Voting;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitivePosts.Web.Tests.Features.Voting;

/// <summary>无记名: nothing stored joins a ballot of an unsigned round to its voter or its token.</summary>
[Collection(AppTests.Name)]
public class UnsignedRoundTests(AppFixture app)
{
    private static readonly RoundSettings Unsigned = new(RoundKind.Recommendation, IsSigned: false);

    /// <summary>Everything that would identify a voter or a token, as text.</summary>
    private static async Task<HashSet<string>> IdentifiersAsync(AppDbContext db, VotingScenario s, IEnumerable<string> clearTokens)
    {
        var voters = await db.Voters.Where(v => v.CompetitionId == s.CompetitionId).Select(v => v.Name).ToListAsync();
        var tokens = await db.BallotTokens.Where(t => t.RoundId == s.RoundId).Select(t => t.TokenHash).ToListAsync();
        return [.. voters, .. tokens, .. clearTokens];
    }

    /// <summary>
    /// What in the database could tie the given ballots to voters or tokens: in the ballot table, a foreign key
    /// to voters or tokens, a time, a generated (sequential) column, or a voter's name, a token or its hash as a
    /// value; in any other table, a column holding a ballot's key (a link table). Tables and columns are taken
    /// from PostgreSQL's information_schema and checked against the EF model.
    /// </summary>
    private static async Task<List<string>> LinksAsync(AppDbContext db, string ballotTable, IReadOnlyCollection<string> ballotKeys, HashSet<string> identifiers)
    {
        var links = new List<string>();
        var columns = await DatabaseScan.ColumnsAsync(db);
        var entity = db.Model.GetEntityTypes().Single(e => e.GetTableName() == ballotTable);
        foreach (var fk in entity.GetForeignKeys().Where(f => f.PrincipalEntityType.ClrType == typeof(Voter) || f.PrincipalEntityType.ClrType == typeof(BallotToken)))
        {
            links.Add($"{ballotTable}.{string.Join(",", fk.Properties.Select(p => p.Name))} references {fk.PrincipalEntityType.ClrType.Name}");
        }

        foreach (var column in columns.Where(c => c.Table == ballotTable))
        {
            if (column.DataType.Contains("time", StringComparison.Ordinal) || column.DataType == "date")
            {
                links.Add($"{ballotTable}.{column.Name} is a time");
            }

            if (column.Generated)
            {
                links.Add($"{ballotTable}.{column.Name} is generated in insertion order");
            }
        }

        links.AddRange((await DatabaseScan.FindAsync(db, identifiers)).Where(h => h.Table == ballotTable).Select(h => $"{h.Table}.{h.Column} holds a voter's name or a token"));
        links.AddRange((await DatabaseScan.FindAsync(db, ballotKeys)).Where(h => h.Table != ballotTable).Select(h => $"{h.Table}.{h.Column} holds a ballot's key"));
        return links;
    }

    [Fact]
    public async Task UnsignedRound_EveryTableAndColumn_NothingJoinsABallotToAVoterOrAToken()
    {
        var s = await app.OpenForVotingAsync(settings: Unsigned);
        var tokens = new Dictionary<string, string>(s.Tokens);
        foreach (var (name, token) in await app.AddVotersAsync(s, 6))
        {
            tokens[name] = token;
        }

        foreach (var (name, token) in tokens.Where(t => t.Key != "丁"))
        {
            Assert.Equal(SubmitOutcome.Accepted, (await app.SubmitAsync(token, TestBallots.Fields([(s.Id("乙"), "Agree")], null))).Outcome);
        }

        await using var db = app.NewDb();
        var keys = await db.UnsignedBallots.Where(b => b.RoundId == s.RoundId).Select(b => b.Id.ToString()).ToListAsync();
        Assert.Equal(9, keys.Count);
        var columns = await DatabaseScan.ColumnsAsync(db);
        Assert.All(DatabaseScan.ModelColumns(db), mc => Assert.Contains(columns, c => c.Table == mc.Table && c.Name == mc.Column));

        var links = await LinksAsync(db, "UnsignedBallots", keys, await IdentifiersAsync(db, s, tokens.Values));

        Assert.Empty(links);
        Assert.Equal(["Category", "Choices", "Id", "RoundId"], columns.Where(c => c.Table == "UnsignedBallots").Select(c => c.Name).Order(StringComparer.Ordinal));
        // The use of each token is kept apart, as a flag without a time.
        var used = await db.BallotTokens.Where(t => t.RoundId == s.RoundId).ToListAsync();
        Assert.Equal(9, used.Count(t => t.Used));
        Assert.All(used, t => Assert.Null(t.UsedAt));
    }

    [Fact]
    public async Task SignedRound_SameScan_FindsTheVoterTheTimeAndTheSequence()
    {
        // control for the scan above: on a signed round's ballots it finds every link that is there on purpose.
        var s = await app.OpenForVotingAsync();
        foreach (var voter in new[] { "甲", "乙", "丙" })
        {
            Assert.Equal(SubmitOutcome.Accepted, (await app.VoteAsync(s, voter, ("乙", Choice.Agree))).Outcome);
        }

        await using var db = app.NewDb();
        var keys = (await db.SignedBallots.Where(b => b.RoundId == s.RoundId).Select(b => b.Id).ToListAsync()).ConvertAll(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var links = await LinksAsync(db, "SignedBallots", keys, await IdentifiersAsync(db, s, s.Tokens.Values));

        Assert.Contains("SignedBallots.VoterId references Voter", links);
        Assert.Contains("SignedBallots.SubmittedAt is a time", links);
        Assert.Contains("SignedBallots.Id is generated in insertion order", links);
        Assert.Contains("SignedBallots.SignedName holds a voter's name or a token", links);
    }

    [Fact]
    public async Task CloseAsync_UnsignedRound_RewritesBallotsInRandomKeyOrderAndCutsTheirTransactionIdsFromTheTokens()
    {
        var s = await app.OpenForVotingAsync(settings: Unsigned);
        var tokens = await app.AddVotersAsync(s, 8);
        foreach (var token in tokens.Values)
        {
            Assert.Equal(SubmitOutcome.Accepted, (await app.SubmitAsync(token, TestBallots.Fields([(s.Id("丙"), "Disagree")], null))).Outcome);
        }

        var before = await PhysicalAsync(s.RoundId);
        // control: while the round is open each ballot shares its transaction with one used token, and the
        // rows lie in the order they were cast, not in key order (8 random keys: 1 chance in 40,320 otherwise)
        Assert.Equal(8, before.Ballots.Select(b => b.Xmin).Intersect(before.UsedTokenXmins).Count());
        Assert.NotEqual(before.Ballots.Select(b => b.Id).Order(), before.Ballots.Select(b => b.Id));

        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<RoundControl>().CloseAsync(s.CompetitionId, Scenarios.Organizer(await app.DemoUnitIdAsync()), s.RoundId);
        }

        var after = await PhysicalAsync(s.RoundId);
        Assert.Equal(before.Ballots.Select(b => b.Id).Order(), after.Ballots.Select(b => b.Id));
        Assert.Single(after.Ballots.Select(b => b.Xmin).Distinct());
        Assert.Single(after.UsedTokenXmins.Distinct());
        Assert.Equal(8, after.Ballots.Count);
    }

    private async Task<(List<(Guid Id, string Xmin)> Ballots, List<string> UsedTokenXmins)> PhysicalAsync(int roundId)
    {
        await using var db = app.NewDb();
        var ballots = await db.Database.SqlQuery<PhysicalRow>(
            $"""SELECT "Id", xmin::text AS "Xmin" FROM "UnsignedBallots" WHERE "RoundId" = {roundId} ORDER BY ctid""").ToListAsync();
        var tokens = await db.Database.SqlQuery<string>(
            $"""SELECT xmin::text AS "Value" FROM "BallotTokens" WHERE "RoundId" = {roundId} AND "Used" """).ToListAsync();
        return ([.. ballots.Select(b => (b.Id, b.Xmin))], tokens);
    }

    private sealed record PhysicalRow(Guid Id, string Xmin);
}
