using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CompetitivePosts.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class LiveTally : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ProjectorLiveResults",
                table: "VotingRounds",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ProjectorResults",
                table: "VotingRounds",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "FullRanking");

            migrationBuilder.CreateTable(
                name: "TallyCounts",
                columns: table => new
                {
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    Category = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    Shard = table.Column<short>(type: "smallint", nullable: false),
                    Ballots = table.Column<int>(type: "integer", nullable: false),
                    Counts = table.Column<int[]>(type: "integer[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TallyCounts", x => new { x.RoundId, x.Category, x.Shard });
                    table.ForeignKey(
                        name: "FK_TallyCounts_VotingRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "VotingRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // ---- Hand-written SQL (docs/adr/0021): the live counts, kept in each ballot's own transaction. ----
            // Carry this block over if the migration is regenerated. A ballot's choices are added to one
            // of 32 slices of its round and kind, chosen by the writing connection (pg_backend_pid), so
            // concurrent submits rarely wait on one row; a delete (the close's rewrite of unsigned ballots)
            // takes them off again. Existing ballots are counted once at the end.
            migrationBuilder.Sql("""
                CREATE FUNCTION tally_add(round_id integer, category character varying, choices smallint[], sign integer, shard smallint)
                RETURNS void LANGUAGE plpgsql AS $$
                DECLARE
                    c integer[];
                    n integer := cardinality(choices);
                    k integer;
                BEGIN
                    SELECT "Counts" INTO c FROM "TallyCounts"
                    WHERE "RoundId" = round_id AND "Category" = category AND "Shard" = shard FOR UPDATE;
                    IF NOT FOUND THEN
                        INSERT INTO "TallyCounts" VALUES (round_id, category, shard, 0, array_fill(0, ARRAY[n * 5])) ON CONFLICT DO NOTHING;
                        SELECT "Counts" INTO c FROM "TallyCounts"
                        WHERE "RoundId" = round_id AND "Category" = category AND "Shard" = shard FOR UPDATE;
                    END IF;
                    FOR i IN 1..n LOOP
                        k := (i - 1) * 5 + choices[i] + 1;
                        c[k] := c[k] + sign;
                    END LOOP;
                    UPDATE "TallyCounts" SET "Ballots" = "Ballots" + sign, "Counts" = c
                    WHERE "RoundId" = round_id AND "Category" = category AND "Shard" = shard;
                END $$;

                CREATE FUNCTION tally_count_ballot() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' OR TG_OP = 'UPDATE' THEN
                        PERFORM tally_add(NEW."RoundId", NEW."Category", NEW."Choices", 1, (pg_backend_pid() % 32)::smallint);
                    END IF;
                    IF TG_OP = 'DELETE' OR TG_OP = 'UPDATE' THEN
                        PERFORM tally_add(OLD."RoundId", OLD."Category", OLD."Choices", -1, (pg_backend_pid() % 32)::smallint);
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER tally_count AFTER INSERT OR DELETE OR UPDATE OF "RoundId", "Category", "Choices" ON "SignedBallots"
                    FOR EACH ROW EXECUTE FUNCTION tally_count_ballot();
                CREATE TRIGGER tally_count AFTER INSERT OR DELETE OR UPDATE OF "RoundId", "Category", "Choices" ON "UnsignedBallots"
                    FOR EACH ROW EXECUTE FUNCTION tally_count_ballot();

                DO $$
                DECLARE b record;
                BEGIN
                    FOR b IN SELECT "RoundId", "Category", "Choices" FROM "SignedBallots"
                             UNION ALL SELECT "RoundId", "Category", "Choices" FROM "UnsignedBallots" LOOP
                        PERFORM tally_add(b."RoundId", b."Category", b."Choices", 1, 0::smallint);
                    END LOOP;
                END $$;
                """);
            // ---- end of hand-written SQL ----
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER tally_count ON "SignedBallots";
                DROP TRIGGER tally_count ON "UnsignedBallots";
                DROP FUNCTION tally_count_ballot();
                DROP FUNCTION tally_add(integer, character varying, smallint[], integer, smallint);
                """);
            migrationBuilder.DropTable(
                name: "TallyCounts");

            migrationBuilder.DropColumn(
                name: "ProjectorLiveResults",
                table: "VotingRounds");

            migrationBuilder.DropColumn(
                name: "ProjectorResults",
                table: "VotingRounds");
        }
    }
}
