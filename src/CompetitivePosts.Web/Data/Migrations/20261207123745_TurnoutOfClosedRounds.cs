using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CompetitivePosts.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class TurnoutOfClosedRounds : Migration
    {
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

            // Slips issued before this migration get their voter's kind as it is now, which is what turnout counted until
            // then; from here on a slip keeps the kind it was issued with once its round opens. No default is left, so a
            // slip written without a kind fails instead of counting under none.
            migrationBuilder.Sql("""
                UPDATE "BallotTokens" t SET "Category" = v."Category" FROM "Voters" v WHERE v."Id" = t."VoterId";
                ALTER TABLE "BallotTokens" ALTER COLUMN "Category" DROP DEFAULT;
                """);
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
