using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CompetitivePosts.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class RosterRegistrationReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Department",
                table: "Posts",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Exclusion",
                table: "Posts",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Headcount",
                table: "Posts",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "MinimumEducation",
                table: "Posts",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OtherRequirements",
                table: "Posts",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PreferredMajors",
                table: "Posts",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ArchivedAt",
                table: "Competitions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DeputyMaxAge",
                table: "Competitions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "DeputyMinRank",
                table: "Competitions",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "DeputyMinYears",
                table: "Competitions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "MinimumEducation",
                table: "Competitions",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MinimumGrassrootsYears",
                table: "Competitions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "NoPoorAppraisal",
                table: "Competitions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "PrincipalMaxAge",
                table: "Competitions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "PrincipalMinRank",
                table: "Competitions",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "PrincipalMinYears",
                table: "Competitions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "QualifiedListPublishedAt",
                table: "Competitions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ReferenceDate",
                table: "Competitions",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<bool>(
                name: "RequireInService",
                table: "Competitions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Appraisal1",
                table: "Cadres",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Appraisal2",
                table: "Cadres",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Appraisal3",
                table: "Cadres",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "BirthDate",
                table: "Cadres",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CurrentTitle",
                table: "Cadres",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Department",
                table: "Cadres",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Education",
                table: "Cadres",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Ethnicity",
                table: "Cadres",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Gender",
                table: "Cadres",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "GrassrootsYears",
                table: "Cadres",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "InService",
                table: "Cadres",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "IsCountyLeader",
                table: "Cadres",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "IsMiddlePrincipal",
                table: "Cadres",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "KinName",
                table: "Cadres",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "KinRelation",
                table: "Cadres",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Major",
                table: "Cadres",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PoliticalStatus",
                table: "Cadres",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Rank",
                table: "Cadres",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RankSince",
                table: "Cadres",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RegistrationTokenHash",
                table: "Cadres",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "TitleSince",
                table: "Cadres",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "Cadres",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.AddColumn<int>(
                name: "Preference",
                table: "Application",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Review",
                table: "Application",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ReviewNote",
                table: "Application",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReviewedAt",
                table: "Application",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CadreRegistration",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CompetitionId = table.Column<int>(type: "integer", nullable: false),
                    CadreId = table.Column<int>(type: "integer", nullable: false),
                    AcceptsReassignment = table.Column<bool>(type: "boolean", nullable: false),
                    Statement = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WithdrawalReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    WithdrawnByCadre = table.Column<bool>(type: "boolean", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CadreRegistration", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CadreRegistration_Cadres_CadreId",
                        column: x => x.CadreId,
                        principalTable: "Cadres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CadreRegistration_Competitions_CompetitionId",
                        column: x => x.CompetitionId,
                        principalTable: "Competitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EligibilityOverride",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CompetitionId = table.Column<int>(type: "integer", nullable: false),
                    CadreId = table.Column<int>(type: "integer", nullable: false),
                    PostId = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EligibilityOverride", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EligibilityOverride_Cadres_CadreId",
                        column: x => x.CadreId,
                        principalTable: "Cadres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EligibilityOverride_Competitions_CompetitionId",
                        column: x => x.CompetitionId,
                        principalTable: "Competitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EligibilityOverride_Posts_PostId",
                        column: x => x.PostId,
                        principalTable: "Posts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SnapshotEntry",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CompetitionId = table.Column<int>(type: "integer", nullable: false),
                    CadreId = table.Column<int>(type: "integer", nullable: false),
                    CadreName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Category = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    WasCountyLeader = table.Column<bool>(type: "boolean", nullable: false),
                    WasMiddlePrincipal = table.Column<bool>(type: "boolean", nullable: false),
                    PostId = table.Column<int>(type: "integer", nullable: true),
                    PostName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    PostLevel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    PostExcluded = table.Column<bool>(type: "boolean", nullable: false),
                    AddedAfterReset = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SnapshotEntry", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SnapshotEntry_Cadres_CadreId",
                        column: x => x.CadreId,
                        principalTable: "Cadres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SnapshotEntry_Competitions_CompetitionId",
                        column: x => x.CompetitionId,
                        principalTable: "Competitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SnapshotEntry_Posts_PostId",
                        column: x => x.PostId,
                        principalTable: "Posts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Cadres_RegistrationTokenHash",
                table: "Cadres",
                column: "RegistrationTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CadreRegistration_CadreId",
                table: "CadreRegistration",
                column: "CadreId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CadreRegistration_CompetitionId",
                table: "CadreRegistration",
                column: "CompetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_EligibilityOverride_CadreId_PostId",
                table: "EligibilityOverride",
                columns: new[] { "CadreId", "PostId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EligibilityOverride_CompetitionId",
                table: "EligibilityOverride",
                column: "CompetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_EligibilityOverride_PostId",
                table: "EligibilityOverride",
                column: "PostId");

            migrationBuilder.CreateIndex(
                name: "IX_SnapshotEntry_CadreId",
                table: "SnapshotEntry",
                column: "CadreId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SnapshotEntry_CompetitionId",
                table: "SnapshotEntry",
                column: "CompetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_SnapshotEntry_PostId",
                table: "SnapshotEntry",
                column: "PostId");

            // ---- BEGIN hand-written SQL (issue 5). Carry it over if this migration is regenerated. ----
            // 1. Carry the foundation's data into the new shape before the old columns go.
            // 2. The reset-to-zero snapshot is immutable: PostgreSQL refuses any UPDATE of it
            //    (undoing a reset deletes its rows, which stays allowed).
            migrationBuilder.Sql("""
                UPDATE "Posts" SET "Exclusion" = 'ImportantSecrets' WHERE "ExclusionReason" IS NOT NULL;
                UPDATE "Cadres" SET "InService" = TRUE, "IsCountyLeader" = ("Category" = 'A'), "IsMiddlePrincipal" = ("Category" = 'B');
                UPDATE "Competitions" SET "ReferenceDate" = ("CreatedAt" AT TIME ZONE 'Asia/Shanghai')::date,
                    "PrincipalMaxAge" = 45, "DeputyMaxAge" = 40, "PrincipalMinRank" = 'DeputySection', "PrincipalMinYears" = 2,
                    "DeputyMinRank" = 'Clerk', "DeputyMinYears" = 3, "MinimumEducation" = 'JuniorCollege',
                    "NoPoorAppraisal" = TRUE, "RequireInService" = TRUE,
                    "QualifiedListPublishedAt" = CASE WHEN "Status" IN ('Draft', 'Registration') THEN NULL ELSE "ResetAt" END;
                INSERT INTO "CadreRegistration" ("CompetitionId", "CadreId", "AcceptsReassignment", "RegisteredAt", "WithdrawnByCadre")
                    SELECT "CompetitionId", "CadreId", bool_or("AcceptsReassignment"), now(), FALSE FROM "Application" GROUP BY "CompetitionId", "CadreId";
                UPDATE "Application" a SET "Preference" = x.n,
                    "Review" = CASE WHEN c."Status" IN ('Draft', 'Registration') THEN 'Pending' ELSE 'Approved' END
                    FROM (SELECT "Id", row_number() OVER (PARTITION BY "CadreId" ORDER BY "Id") AS n FROM "Application") x, "Competitions" c
                    WHERE a."Id" = x."Id" AND c."Id" = a."CompetitionId";
                INSERT INTO "SnapshotEntry" ("CompetitionId", "CadreId", "CadreName", "Category", "WasCountyLeader", "WasMiddlePrincipal",
                        "PostId", "PostName", "PostLevel", "PostExcluded", "AddedAfterReset")
                    SELECT d."CompetitionId", d."Id", d."Name", d."Category", d."Category" = 'A', d."Category" = 'B',
                        h."PostId", h."PostName", h."Level", COALESCE(p."Exclusion" IS NOT NULL, FALSE), FALSE
                    FROM "Cadres" d JOIN "Competitions" c ON c."Id" = d."CompetitionId" AND c."ResetAt" IS NOT NULL
                    LEFT JOIN "PriorHolding" h ON h."CadreId" = d."Id" LEFT JOIN "Posts" p ON p."Id" = h."PostId";

                CREATE FUNCTION snapshot_entries_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'the reset-to-zero snapshot cannot be changed'; END $$;
                CREATE TRIGGER snapshot_entries_no_update BEFORE UPDATE ON "SnapshotEntry"
                    FOR EACH ROW EXECUTE FUNCTION snapshot_entries_immutable();
                """);
            // ---- END hand-written SQL (issue 5) ----

            migrationBuilder.DropTable(
                name: "PriorHolding");

            migrationBuilder.DropColumn(
                name: "ExclusionReason",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "AcceptsReassignment",
                table: "Application");

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Hand-written (issue 5): the snapshot's trigger goes with its table.
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS snapshot_entries_no_update ON "SnapshotEntry"; DROP FUNCTION IF EXISTS snapshot_entries_immutable();""");

            migrationBuilder.DropTable(
                name: "CadreRegistration");

            migrationBuilder.DropTable(
                name: "EligibilityOverride");

            migrationBuilder.DropTable(
                name: "SnapshotEntry");

            migrationBuilder.DropIndex(
                name: "IX_Cadres_RegistrationTokenHash",
                table: "Cadres");

            migrationBuilder.DropColumn(
                name: "Department",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "Exclusion",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "Headcount",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "MinimumEducation",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "OtherRequirements",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "PreferredMajors",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "ArchivedAt",
                table: "Competitions");

            migrationBuilder.DropColumn(
                name: "DeputyMaxAge",
                table: "Competitions");

            migrationBuilder.DropColumn(
                name: "DeputyMinRank",
                table: "Competitions");

            migrationBuilder.DropColumn(
                name: "DeputyMinYears",
                table: "Competitions");

            migrationBuilder.DropColumn(
                name: "MinimumEducation",
                table: "Competitions");

            migrationBuilder.DropColumn(
                name: "MinimumGrassrootsYears",
                table: "Competitions");

            migrationBuilder.DropColumn(
                name: "NoPoorAppraisal",
                table: "Competitions");

            migrationBuilder.DropColumn(
                name: "PrincipalMaxAge",
                table: "Competitions");

            migrationBuilder.DropColumn(
                name: "PrincipalMinRank",
                table: "Competitions");

            migrationBuilder.DropColumn(
                name: "PrincipalMinYears",
                table: "Competitions");

            migrationBuilder.DropColumn(
                name: "QualifiedListPublishedAt",
                table: "Competitions");

            migrationBuilder.DropColumn(
                name: "ReferenceDate",
                table: "Competitions");

            migrationBuilder.DropColumn(
                name: "RequireInService",
                table: "Competitions");

            migrationBuilder.DropColumn(
                name: "Appraisal1",
                table: "Cadres");

            migrationBuilder.DropColumn(
                name: "Appraisal2",
                table: "Cadres");

            migrationBuilder.DropColumn(
                name: "Appraisal3",
                table: "Cadres");

            migrationBuilder.DropColumn(
                name: "BirthDate",
                table: "Cadres");

            migrationBuilder.DropColumn(
                name: "CurrentTitle",
                table: "Cadres");

            migrationBuilder.DropColumn(
                name: "Department",
                table: "Cadres");

            migrationBuilder.DropColumn(
                name: "Education",
                table: "Cadres");

            migrationBuilder.DropColumn(
                name: "Ethnicity",
                table: "Cadres");

            migrationBuilder.DropColumn(
                name: "Gender",
                table: "Cadres");

            migrationBuilder.DropColumn(
                name: "GrassrootsYears",
                table: "Cadres");

            migrationBuilder.DropColumn(
                name: "InService",
                table: "Cadres");

            migrationBuilder.DropColumn(
                name: "IsCountyLeader",
                table: "Cadres");

            migrationBuilder.DropColumn(
                name: "IsMiddlePrincipal",
                table: "Cadres");

            migrationBuilder.DropColumn(
                name: "KinName",
                table: "Cadres");

            migrationBuilder.DropColumn(
                name: "KinRelation",
                table: "Cadres");

            migrationBuilder.DropColumn(
                name: "Major",
                table: "Cadres");

            migrationBuilder.DropColumn(
                name: "PoliticalStatus",
                table: "Cadres");

            migrationBuilder.DropColumn(
                name: "Rank",
                table: "Cadres");

            migrationBuilder.DropColumn(
                name: "RankSince",
                table: "Cadres");

            migrationBuilder.DropColumn(
                name: "RegistrationTokenHash",
                table: "Cadres");

            migrationBuilder.DropColumn(
                name: "TitleSince",
                table: "Cadres");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "Cadres");

            migrationBuilder.DropColumn(
                name: "Preference",
                table: "Application");

            migrationBuilder.DropColumn(
                name: "Review",
                table: "Application");

            migrationBuilder.DropColumn(
                name: "ReviewNote",
                table: "Application");

            migrationBuilder.DropColumn(
                name: "ReviewedAt",
                table: "Application");

            migrationBuilder.AddColumn<string>(
                name: "ExclusionReason",
                table: "Posts",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "AcceptsReassignment",
                table: "Application",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "PriorHolding",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CadreId = table.Column<int>(type: "integer", nullable: false),
                    PostId = table.Column<int>(type: "integer", nullable: false),
                    CompetitionId = table.Column<int>(type: "integer", nullable: false),
                    Level = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PostName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PriorHolding", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PriorHolding_Cadres_CadreId",
                        column: x => x.CadreId,
                        principalTable: "Cadres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PriorHolding_Competitions_CompetitionId",
                        column: x => x.CompetitionId,
                        principalTable: "Competitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PriorHolding_Posts_PostId",
                        column: x => x.PostId,
                        principalTable: "Posts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PriorHolding_CadreId",
                table: "PriorHolding",
                column: "CadreId");

            migrationBuilder.CreateIndex(
                name: "IX_PriorHolding_CompetitionId",
                table: "PriorHolding",
                column: "CompetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_PriorHolding_PostId",
                table: "PriorHolding",
                column: "PostId",
                unique: true);
        }
    }
}
