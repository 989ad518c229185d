using CompetitivePosts.Domain;
using CompetitivePosts.Web.Data.Migrations;
using CompetitivePosts.Web.Features.Voting;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CompetitivePosts.Web.Tests.Data;

/// <summary>
/// The migration's backfill (ADR 0036) on a closed round left as the code before it left it. It runs on temporary copies of
/// the round's rows, which shadow the tables for one connection only (pg_temp comes first on the search path), so no other
/// test's rows are touched.
/// </summary>
[Collection(AppTests.Name)]
public class TurnoutOfClosedRoundsTests(AppFixture app)
{
    [Fact]
    public async Task Backfill_ClosedRoundAsTheOldCodeLeftIt_SlipsTakeTheirBallotsKindAndAnExclusionAfterTheCloseIsUndone()
    {
        var s = await app.OpenForVotingAsync();
        Assert.Equal(SubmitOutcome.Accepted, (await app.VoteAsync(s, "丙", ("乙", Choice.Agree))).Outcome);
        Assert.Equal(SubmitOutcome.Accepted, (await app.VoteAsync(s, "甲", ("乙", Choice.Agree))).Outcome);
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<RoundControl>().CloseAsync(s.CompetitionId, Scenarios.Organizer(1), s.RoundId);
        }

        await using var connection = new NpgsqlConnection(app.Postgres.ConnectionString("competitiveposts"));
        await connection.OpenAsync();
        // After the close: 丙 (voted with a C ballot) was moved to B for a later round; 丁 (did not vote) was excluded, which
        // revoked their slip; 乙's slip had been revoked before the close (control: it stays revoked). The column is new.
        await ExecuteAsync(connection, $"""
            CREATE TEMP TABLE "Voters" AS SELECT * FROM public."Voters" WHERE "CompetitionId" = {s.CompetitionId};
            CREATE TEMP TABLE "VotingRounds" AS SELECT * FROM public."VotingRounds" WHERE "CompetitionId" = {s.CompetitionId};
            CREATE TEMP TABLE "SignedBallots" AS SELECT * FROM public."SignedBallots" WHERE "RoundId" = {s.RoundId};
            CREATE TEMP TABLE "BallotTokens" AS SELECT * FROM public."BallotTokens" WHERE "RoundId" = {s.RoundId};
            ALTER TABLE "BallotTokens" ALTER COLUMN "Category" SET DEFAULT '';
            UPDATE "BallotTokens" SET "Category" = '';
            UPDATE "Voters" SET "Category" = 'B' WHERE "Id" = {s.Voters["丙"]};
            UPDATE "BallotTokens" t SET "RevokedAt" = r."ClosedAt" + interval '1 hour' FROM "VotingRounds" r
                WHERE r."Id" = t."RoundId" AND t."VoterId" = {s.Voters["丁"]};
            UPDATE "BallotTokens" t SET "RevokedAt" = r."ClosedAt" - interval '1 hour' FROM "VotingRounds" r
                WHERE r."Id" = t."RoundId" AND t."VoterId" = {s.Voters["乙"]};
            """);

        await ExecuteAsync(connection, TurnoutOfClosedRounds.Backfill);

        var slips = new Dictionary<int, (string Kind, bool Live)>();
        await using (var read = new NpgsqlCommand("""SELECT "VoterId", "Category", "RevokedAt" IS NULL FROM "BallotTokens" """, connection))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                slips[reader.GetInt32(0)] = (reader.GetString(1), reader.GetBoolean(2));
            }
        }

        Assert.Equal(("C", true), slips[s.Voters["丙"]]); // the ballot's kind, not the voter's new one
        Assert.Equal(("C", true), slips[s.Voters["丁"]]); // live again, as at the close
        Assert.Equal(("B", false), slips[s.Voters["乙"]]); // revoked before the close: stays so
        Assert.Equal(("A", true), slips[s.Voters["甲"]]);
        await ExecuteAsync(connection, """DROP TABLE pg_temp."BallotTokens", pg_temp."SignedBallots", pg_temp."VotingRounds", pg_temp."Voters" """);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
