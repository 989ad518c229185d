using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CompetitivePosts.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class TurnoutOfClosedRounds : Migration
    {
        // Slips issued before this migration get their voter's kind as it is now, which is what turnout counted until
        // then, except where the stored data says what it was: a signed ballot carries the kind its voter cast it with.
        // A slip revoked after its round closed can only have been revoked by an exclusion (nothing else touches a closed
        // round's slips), which no longer reaches closed rounds: it is live again, as it was at the close (the voter had
        // at most that one live slip then). No default is left, so a slip written without a kind fails instead of
        // counting under none. Unqualified names, so that a test can run it on temporary copies (TurnoutOfClosedRoundsTests).
        internal const string Backfill = """
            UPDATE "BallotTokens" t SET "Category" = v."Category" FROM "Voters" v WHERE v."Id" = t."VoterId";
            UPDATE "BallotTokens" t SET "Category" = b."Category"
                FROM "SignedBallots" b WHERE b."RoundId" = t."RoundId" AND b."VoterId" = t."VoterId" AND t."Used";
            UPDATE "BallotTokens" t SET "RevokedAt" = NULL
                FROM "VotingRounds" r WHERE r."Id" = t."RoundId" AND r."Status" = 'Closed' AND t."RevokedAt" > r."ClosedAt";
            ALTER TABLE "BallotTokens" ALTER COLUMN "Category" DROP DEFAULT;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Category",
                table: "BallotTokens",
                type: "character varying(1)",
                maxLength: 1,
                nullable: false,
                defaultValue: "");

            migrationBuilder.Sql(Backfill);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Category",
                table: "BallotTokens");
        }
    }
}
