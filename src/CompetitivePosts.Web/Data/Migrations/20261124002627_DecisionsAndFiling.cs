using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CompetitivePosts.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class DecisionsAndFiling : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Decision_PostId",
                table: "Decision");

            migrationBuilder.AddColumn<string>(
                name: "Document",
                table: "Filing",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "DueOn",
                table: "Filing",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<string>(
                name: "Sha256",
                table: "Filing",
                type: "character(64)",
                fixedLength: true,
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "Filing",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.AlterColumn<string>(
                name: "SystemReason",
                table: "Decision",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(1000)",
                oldMaxLength: 1000,
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "AppointeeId",
                table: "Decision",
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AddColumn<string>(
                name: "Category",
                table: "Decision",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<int[]>(
                name: "RecusedIds",
                table: "Decision",
                type: "integer[]",
                nullable: false,
                defaultValue: new int[0]);

            migrationBuilder.AddColumn<int>(
                name: "Seat",
                table: "Decision",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "VacancyReason",
                table: "Decision",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "Decision",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.AddColumn<int>(
                name: "DecidingRoundId",
                table: "Competitions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int[]>(
                name: "MeetingAttendeeIds",
                table: "Competitions",
                type: "integer[]",
                nullable: false,
                defaultValue: new int[0]);

            migrationBuilder.AddColumn<DateOnly>(
                name: "MeetingDate",
                table: "Competitions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MeetingMinutes",
                table: "Competitions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FilingVerdict",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FilingId = table.Column<int>(type: "integer", nullable: false),
                    PostId = table.Column<int>(type: "integer", nullable: false),
                    Seat = table.Column<int>(type: "integer", nullable: false),
                    Accepted = table.Column<bool>(type: "boolean", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FilingVerdict", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FilingVerdict_Filing_FilingId",
                        column: x => x.FilingId,
                        principalTable: "Filing",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Decision_PostId_Seat",
                table: "Decision",
                columns: new[] { "PostId", "Seat" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FilingVerdict_FilingId_PostId_Seat",
                table: "FilingVerdict",
                columns: new[] { "FilingId", "PostId", "Seat" },
                unique: true);

            // ---- Hand-written SQL (issue 8, docs/adr/0023): carry over when regenerating this migration. ----
            // A filing version is frozen: its document, hash, number and submission time never change,
            // and neither filings nor the reviewer's verdicts are ever deleted (as the audit table).
            migrationBuilder.Sql("""
                UPDATE "Filing" SET "DueOn" = (("SubmittedAt" AT TIME ZONE 'Asia/Shanghai')::date + 7);

                CREATE FUNCTION filing_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' OR NEW."Document" IS DISTINCT FROM OLD."Document" OR NEW."Sha256" IS DISTINCT FROM OLD."Sha256"
                       OR NEW."Version" IS DISTINCT FROM OLD."Version" OR NEW."SubmittedAt" IS DISTINCT FROM OLD."SubmittedAt"
                       OR NEW."CompetitionId" IS DISTINCT FROM OLD."CompetitionId" THEN
                        RAISE EXCEPTION 'a filing version is frozen once submitted';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER filing_frozen BEFORE UPDATE OR DELETE ON "Filing" FOR EACH ROW EXECUTE FUNCTION filing_frozen();

                CREATE FUNCTION filing_verdict_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'a review verdict cannot be changed'; END $$;
                CREATE TRIGGER filing_verdict_no_change BEFORE UPDATE OR DELETE ON "FilingVerdict" FOR EACH ROW EXECUTE FUNCTION filing_verdict_immutable();
                CREATE TRIGGER filing_verdict_no_truncate BEFORE TRUNCATE ON "FilingVerdict" FOR EACH STATEMENT EXECUTE FUNCTION filing_verdict_immutable();
                CREATE TRIGGER filing_no_truncate BEFORE TRUNCATE ON "Filing" FOR EACH STATEMENT EXECUTE FUNCTION filing_verdict_immutable();
                """);
            // ---- End of hand-written SQL. ----
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS filing_frozen ON "Filing"; DROP TRIGGER IF EXISTS filing_no_truncate ON "Filing";
                DROP TRIGGER IF EXISTS filing_verdict_no_change ON "FilingVerdict"; DROP TRIGGER IF EXISTS filing_verdict_no_truncate ON "FilingVerdict";
                DROP FUNCTION IF EXISTS filing_frozen(); DROP FUNCTION IF EXISTS filing_verdict_immutable();
                """);

            migrationBuilder.DropTable(
                name: "FilingVerdict");

            migrationBuilder.DropIndex(
                name: "IX_Decision_PostId_Seat",
                table: "Decision");

            migrationBuilder.DropColumn(
                name: "Document",
                table: "Filing");

            migrationBuilder.DropColumn(
                name: "DueOn",
                table: "Filing");

            migrationBuilder.DropColumn(
                name: "Sha256",
                table: "Filing");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "Filing");

            migrationBuilder.DropColumn(
                name: "Category",
                table: "Decision");

            migrationBuilder.DropColumn(
                name: "RecusedIds",
                table: "Decision");

            migrationBuilder.DropColumn(
                name: "Seat",
                table: "Decision");

            migrationBuilder.DropColumn(
                name: "VacancyReason",
                table: "Decision");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "Decision");

            migrationBuilder.DropColumn(
                name: "DecidingRoundId",
                table: "Competitions");

            migrationBuilder.DropColumn(
                name: "MeetingAttendeeIds",
                table: "Competitions");

            migrationBuilder.DropColumn(
                name: "MeetingDate",
                table: "Competitions");

            migrationBuilder.DropColumn(
                name: "MeetingMinutes",
                table: "Competitions");

            migrationBuilder.AlterColumn<string>(
                name: "SystemReason",
                table: "Decision",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(2000)",
                oldMaxLength: 2000,
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "AppointeeId",
                table: "Decision",
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Decision_PostId",
                table: "Decision",
                column: "PostId",
                unique: true);
        }
    }
}
