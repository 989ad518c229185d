using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CompetitivePosts.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SpeechDay : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SpeechSlot_CompetitionId_Order",
                table: "SpeechSlot");

            migrationBuilder.AddColumn<int>(
                name: "DrawAlgorithm",
                table: "Competitions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DrawGroup",
                table: "SpeechSlot",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "DrawnOrder",
                table: "SpeechSlot",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "FinishedAt",
                table: "SpeechSlot",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "MovedToEnd",
                table: "SpeechSlot",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "StartedAt",
                table: "SpeechSlot",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "SpeechSlot",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Waiting");

            migrationBuilder.AddColumn<string>(
                name: "StatusReason",
                table: "SpeechSlot",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AbsentPolicy",
                table: "Competitions",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "MoveToEnd");

            migrationBuilder.AddColumn<int>(
                name: "ChangeoverMinutes",
                table: "Competitions",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "DrawSeed",
                table: "Competitions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DrawnAt",
                table: "Competitions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "QuestionMinutes",
                table: "Competitions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "SpeechGrouping",
                table: "Competitions",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "ByRank");

            migrationBuilder.AddColumn<int>(
                name: "SpeechMinutes",
                table: "Competitions",
                type: "integer",
                nullable: false,
                defaultValue: 5);

            // ---- Hand-written SQL (issue 9), carry over if this migration is regenerated. ----
            // Draws made before this migration (ADR 0007, version 1) stay checkable: their integer
            // seed becomes the recorded seed text with algorithm version 1 and a single group, and
            // each slot's drawn place is its place, which nothing could change before. Runs before
            // the unique index on (CompetitionId, DrawnOrder) is created below.
            migrationBuilder.Sql("""
                UPDATE "Competitions" SET "DrawSeed" = "SpeechSeed"::text, "DrawAlgorithm" = 1, "SpeechGrouping" = 'None'
                WHERE "SpeechSeed" IS NOT NULL;
                UPDATE "SpeechSlot" SET "DrawnOrder" = "Order";
                """);
            // ---- End of hand-written SQL. ----

            migrationBuilder.DropColumn(
                name: "SpeechSeed",
                table: "Competitions");

            migrationBuilder.CreateTable(
                name: "ProjectorLinks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CompetitionId = table.Column<int>(type: "integer", nullable: false),
                    Purpose = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    ScopeId = table.Column<int>(type: "integer", nullable: true),
                    TokenHash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProjectorLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProjectorLinks_Competitions_CompetitionId",
                        column: x => x.CompetitionId,
                        principalTable: "Competitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SpeechProgress",
                columns: table => new
                {
                    CompetitionId = table.Column<int>(type: "integer", nullable: false),
                    Phase = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Segment = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CurrentCadreId = table.Column<int>(type: "integer", nullable: true),
                    SegmentStartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PausedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PausedBefore = table.Column<TimeSpan>(type: "interval", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SpeechProgress", x => x.CompetitionId);
                    table.ForeignKey(
                        name: "FK_SpeechProgress_Competitions_CompetitionId",
                        column: x => x.CompetitionId,
                        principalTable: "Competitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SpeechSessions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CompetitionId = table.Column<int>(type: "integer", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Start = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    End = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    Venue = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SpeechSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SpeechSessions_Competitions_CompetitionId",
                        column: x => x.CompetitionId,
                        principalTable: "Competitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SpeechSlot_CompetitionId_CadreId",
                table: "SpeechSlot",
                columns: new[] { "CompetitionId", "CadreId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SpeechSlot_CompetitionId_DrawnOrder",
                table: "SpeechSlot",
                columns: new[] { "CompetitionId", "DrawnOrder" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProjectorLinks_CompetitionId_Purpose",
                table: "ProjectorLinks",
                columns: new[] { "CompetitionId", "Purpose" });

            migrationBuilder.CreateIndex(
                name: "IX_ProjectorLinks_TokenHash",
                table: "ProjectorLinks",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SpeechSessions_CompetitionId",
                table: "SpeechSessions",
                column: "CompetitionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProjectorLinks");

            migrationBuilder.DropTable(
                name: "SpeechProgress");

            migrationBuilder.DropTable(
                name: "SpeechSessions");

            migrationBuilder.DropIndex(
                name: "IX_SpeechSlot_CompetitionId_CadreId",
                table: "SpeechSlot");

            migrationBuilder.DropIndex(
                name: "IX_SpeechSlot_CompetitionId_DrawnOrder",
                table: "SpeechSlot");

            migrationBuilder.DropColumn(
                name: "DrawGroup",
                table: "SpeechSlot");

            migrationBuilder.DropColumn(
                name: "DrawnOrder",
                table: "SpeechSlot");

            migrationBuilder.DropColumn(
                name: "FinishedAt",
                table: "SpeechSlot");

            migrationBuilder.DropColumn(
                name: "MovedToEnd",
                table: "SpeechSlot");

            migrationBuilder.DropColumn(
                name: "StartedAt",
                table: "SpeechSlot");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "SpeechSlot");

            migrationBuilder.DropColumn(
                name: "StatusReason",
                table: "SpeechSlot");

            migrationBuilder.AddColumn<int>(
                name: "SpeechSeed",
                table: "Competitions",
                type: "integer",
                nullable: true);

            // Hand-written (issue 9): only version-1 draws fit the old integer seed.
            migrationBuilder.Sql("""
                UPDATE "Competitions" SET "SpeechSeed" = "DrawSeed"::integer WHERE "DrawAlgorithm" = 1;
                """);

            migrationBuilder.DropColumn(
                name: "AbsentPolicy",
                table: "Competitions");

            migrationBuilder.DropColumn(
                name: "ChangeoverMinutes",
                table: "Competitions");

            migrationBuilder.DropColumn(
                name: "DrawSeed",
                table: "Competitions");

            migrationBuilder.DropColumn(
                name: "DrawnAt",
                table: "Competitions");

            migrationBuilder.DropColumn(
                name: "QuestionMinutes",
                table: "Competitions");

            migrationBuilder.DropColumn(
                name: "SpeechGrouping",
                table: "Competitions");

            migrationBuilder.DropColumn(
                name: "SpeechMinutes",
                table: "Competitions");

            migrationBuilder.DropColumn(
                name: "DrawAlgorithm",
                table: "Competitions");

            migrationBuilder.CreateIndex(
                name: "IX_SpeechSlot_CompetitionId_Order",
                table: "SpeechSlot",
                columns: new[] { "CompetitionId", "Order" },
                unique: true);
        }
    }
}
