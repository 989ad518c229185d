using System.Globalization;
using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Audit;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Speeches;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Bench;

/// <summary>One seeded round: the competition, the round, each voter's clear token and the ballot's lines in order.</summary>
internal sealed record SeededRound(int CompetitionId, int RoundId, IReadOnlyList<(int VoterId, string Name, VoterCategory Category, string Token)> Voters,
    IReadOnlyList<(int CadreId, int Group)> Lines, int PerPost);

/// <summary>
/// Builds a competition through the domain, as the pages would (roster, posts, reset, registration, review,
/// speech order, roll, an open signed recommendation round), each step audited like a use case.
/// The slips' clear tokens would only exist on printed slips; the bench issues them through the domain
/// (<see cref="BallotToken.Issue"/>) and keeps the clear ones in memory, so only their hashes reach the database.
/// </summary>
internal static class Seeding
{
    private const string Action = "bench.seed";
    private static readonly AuditWho Seeder = new(null, "bench");

    public static async Task<SeededRound> RoundAsync(DbContextOptions<AppDbContext> options, string label, int voters, int candidates, int perPost,
        bool issueTokens)
    {
        var now = DateTimeOffset.UtcNow;
        int unitId;
        await using (var db = new AppDbContext(options))
        {
            unitId = await db.Units.Where(u => u.Name == DemoSeeder.UnitName).Select(u => u.Id).SingleAsync();
        }

        await using var ctx = new AppDbContext(options);
        var c = new Competition(unitId, label, now);
        for (var i = 0; i < voters; i++)
        {
            // Baoding's mix: a few county-level leaders (A), middle-level principals (B), everyone else (C).
            var category = i < voters / 50 ? VoterCategory.A : i < voters / 10 ? VoterCategory.B : VoterCategory.C;
            c.AddCadre(Eligible("干部" + i.ToString("D5", CultureInfo.InvariantCulture), category, now), now);
        }

        ctx.Competitions.Add(c);
        ctx.Audit(() => c.Id, Seeder, Action);
        await ctx.SaveChangesAsync();

        var cadres = c.Cadres.OrderBy(x => x.Name, StringComparer.Ordinal).ToList();
        var postCount = (candidates + perPost - 1) / perPost;
        var posts = Enumerable.Range(0, postCount)
            .Select(p => c.AddPost("职位" + p.ToString("D3", CultureInfo.InvariantCulture), PostLevel.Principal, null, null)).ToList();
        ctx.Audit(c.Id, Seeder, Action);
        await ctx.SaveChangesAsync();

        c.ResetToZero(now);
        c.OpenRegistration();
        var first = Math.Min(voters / 10, voters - candidates);
        for (var i = 0; i < candidates; i++)
        {
            c.Register(cadres[first + i].Id, posts[i / perPost].Id, false);
        }

        c.CloseRegistration();
        c.ApproveAllEligible(now);
        c.PublishQualifiedList(now);
        c.DrawSpeechOrder(SpeechGrouping.ByRank, now);
        c.IssueVoterRoll();
        ctx.Audit(c.Id, Seeder, Action);
        await ctx.SaveChangesAsync();

        var round = c.CreateRound(new RoundSettings(RoundKind.Recommendation), now);
        ctx.Audit(c.Id, Seeder, Action);
        await ctx.SaveChangesAsync();
        c.OpenRound(round.Id, now);
        ctx.Audit(c.Id, Seeder, Action);
        await ctx.SaveChangesAsync();

        var list = new List<(int, string, VoterCategory, string)>(voters);
        if (issueTokens)
        {
            foreach (var voter in c.Voters)
            {
                var (token, clear) = BallotToken.Issue(round, voter, now, kiosk: false);
                ctx.BallotTokens.Add(token);
                list.Add((voter.Id, voter.Name, voter.Category, clear));
            }

            await ctx.SaveChangesAsync();
        }
        else
        {
            list.AddRange(c.Voters.Select(v => (v.Id, v.Name, v.Category, "")));
        }

        var lines = round.Items.OrderBy(x => x.Position).Select(x => (x.CadreId, x.Group)).ToList();
        return new SeededRound(c.Id, round.Id, list, lines, perPost);
    }

    /// <summary>A second round of the same competition, prepared but never opened, with one live token row per voter for the raw writer to spend.</summary>
    public static async Task<(int RoundId, IReadOnlyList<long> TokenIds)> RawRoundAsync(DbContextOptions<AppDbContext> options, SeededRound seeded)
    {
        await using var ctx = new AppDbContext(options);
        var c = await ctx.CompetitionAggregate.SingleAsync(x => x.Id == seeded.CompetitionId);
        var round = c.CreateRound(new RoundSettings(RoundKind.Recommendation, Title: "raw"), DateTimeOffset.UtcNow);
        ctx.Audit(c.Id, Seeder, Action);
        await ctx.SaveChangesAsync();

        // A prepared round takes no slips through the domain; the raw writer only needs rows to mark used, so they are written as the app would store them.
        var ids = new List<long>(seeded.Voters.Count);
        await using var conn = (Npgsql.NpgsqlConnection)ctx.Database.GetDbConnection();
        await conn.OpenAsync();
        await using var writer = await conn.BeginBinaryImportAsync(
            "COPY \"BallotTokens\" (\"RoundId\", \"VoterId\", \"Category\", \"TokenHash\", \"IssuedAt\", \"Kiosk\", \"Used\") FROM STDIN (FORMAT BINARY)");
        foreach (var v in seeded.Voters)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(round.Id, NpgsqlTypes.NpgsqlDbType.Integer);
            await writer.WriteAsync(v.VoterId, NpgsqlTypes.NpgsqlDbType.Integer);
            await writer.WriteAsync(v.Category.ToString(), NpgsqlTypes.NpgsqlDbType.Text);
            await writer.WriteAsync(SecretToken.Hash(SecretToken.New()), NpgsqlTypes.NpgsqlDbType.Text);
            await writer.WriteAsync(DateTimeOffset.UtcNow, NpgsqlTypes.NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(false, NpgsqlTypes.NpgsqlDbType.Boolean);
            await writer.WriteAsync(false, NpgsqlTypes.NpgsqlDbType.Boolean);
        }

        await writer.CompleteAsync();
        await writer.DisposeAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT \"Id\" FROM \"BallotTokens\" WHERE \"RoundId\" = $1 ORDER BY \"VoterId\"", conn);
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter<int> { TypedValue = round.Id });
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return (round.Id, ids);
    }

    private static CadreDetails Eligible(string name, VoterCategory category, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return CadreDetails.Of(name, category) with
        {
            Gender = Gender.Female,
            BirthDate = today.AddYears(-38).AddDays(-40),
            Education = EducationLevel.Bachelor,
            Rank = CadreRank.DeputySection,
            RankSince = today.AddYears(-10),
            Appraisal1 = Appraisal.Competent,
        };
    }
}
