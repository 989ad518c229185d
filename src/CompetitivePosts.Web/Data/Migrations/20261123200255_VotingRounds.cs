using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CompetitivePosts.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class VotingRounds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BallotMarks");

            migrationBuilder.DropTable(
                name: "Ballots");

            migrationBuilder.DropIndex(
                name: "IX_Voters_Token",
                table: "Voters");

            migrationBuilder.DropColumn(
                name: "Token",
                table: "Voters");

            migrationBuilder.AddColumn<string>(
                name: "CategoryReason",
                table: "Voters",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ExcludedAt",
                table: "Voters",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExclusionReason",
                table: "Voters",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Note",
                table: "Voters",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RollCategory",
                table: "Voters",
                type: "character varying(1)",
                maxLength: 1,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "Voters",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.CreateTable(
                name: "VotingRounds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CompetitionId = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    IsSigned = table.Column<bool>(type: "boolean", nullable: false),
                    LimitMode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FixedLimit = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosesAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Incumbents = table.Column<int[]>(type: "integer[]", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    Groups = table.Column<string>(type: "jsonb", nullable: true),
                    Items = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VotingRounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VotingRounds_Competitions_CompetitionId",
                        column: x => x.CompetitionId,
                        principalTable: "Competitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BallotChainHeads",
                columns: table => new
                {
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    Seq = table.Column<long>(type: "bigint", nullable: false),
                    Hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BallotChainHeads", x => x.RoundId);
                    table.ForeignKey(
                        name: "FK_BallotChainHeads_VotingRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "VotingRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BallotTokens",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    VoterId = table.Column<int>(type: "integer", nullable: false),
                    TokenHash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Kiosk = table.Column<bool>(type: "boolean", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Used = table.Column<bool>(type: "boolean", nullable: false),
                    UsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BallotTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BallotTokens_Voters_VoterId",
                        column: x => x.VoterId,
                        principalTable: "Voters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_BallotTokens_VotingRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "VotingRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SignedBallots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    VoterId = table.Column<int>(type: "integer", nullable: false),
                    Category = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    SignedName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Signature = table.Column<byte[]>(type: "bytea", nullable: false),
                    Choices = table.Column<short[]>(type: "smallint[]", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ContentHash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    Receipt = table.Column<string>(type: "character(19)", fixedLength: true, maxLength: 19, nullable: false),
                    Seq = table.Column<long>(type: "bigint", nullable: true),
                    PrevHash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: true),
                    ChainHash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignedBallots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SignedBallots_Voters_VoterId",
                        column: x => x.VoterId,
                        principalTable: "Voters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SignedBallots_VotingRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "VotingRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "UnsignedBallots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    Category = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    Choices = table.Column<short[]>(type: "smallint[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnsignedBallots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UnsignedBallots_VotingRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "VotingRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Voters_CompetitionId_Name",
                table: "Voters",
                columns: new[] { "CompetitionId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BallotTokens_RoundId_VoterId",
                table: "BallotTokens",
                columns: new[] { "RoundId", "VoterId" },
                unique: true,
                filter: "\"RevokedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_BallotTokens_TokenHash",
                table: "BallotTokens",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BallotTokens_VoterId",
                table: "BallotTokens",
                column: "VoterId");

            migrationBuilder.CreateIndex(
                name: "IX_SignedBallots_Receipt",
                table: "SignedBallots",
                column: "Receipt");

            migrationBuilder.CreateIndex(
                name: "IX_SignedBallots_RoundId_Seq",
                table: "SignedBallots",
                columns: new[] { "RoundId", "Seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SignedBallots_RoundId_VoterId",
                table: "SignedBallots",
                columns: new[] { "RoundId", "VoterId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SignedBallots_Unsealed",
                table: "SignedBallots",
                column: "RoundId",
                filter: "\"Seq\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_SignedBallots_VoterId",
                table: "SignedBallots",
                column: "VoterId");

            migrationBuilder.CreateIndex(
                name: "IX_UnsignedBallots_RoundId",
                table: "UnsignedBallots",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_VotingRounds_CompetitionId_Number",
                table: "VotingRounds",
                columns: new[] { "CompetitionId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BallotChainHeads");

            migrationBuilder.DropTable(
                name: "BallotTokens");

            migrationBuilder.DropTable(
                name: "SignedBallots");

            migrationBuilder.DropTable(
                name: "UnsignedBallots");

            migrationBuilder.DropTable(
                name: "VotingRounds");

            migrationBuilder.DropIndex(
                name: "IX_Voters_CompetitionId_Name",
                table: "Voters");

            migrationBuilder.DropColumn(
                name: "CategoryReason",
                table: "Voters");

            migrationBuilder.DropColumn(
                name: "ExcludedAt",
                table: "Voters");

            migrationBuilder.DropColumn(
                name: "ExclusionReason",
                table: "Voters");

            migrationBuilder.DropColumn(
                name: "Note",
                table: "Voters");

            migrationBuilder.DropColumn(
                name: "RollCategory",
                table: "Voters");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "Voters");

            migrationBuilder.AddColumn<string>(
                name: "Token",
                table: "Voters",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "Ballots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Category = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    CompetitionId = table.Column<int>(type: "integer", nullable: false),
                    SignedName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    VoterId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Ballots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Ballots_Competitions_CompetitionId",
                        column: x => x.CompetitionId,
                        principalTable: "Competitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Ballots_Voters_VoterId",
                        column: x => x.VoterId,
                        principalTable: "Voters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BallotMarks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BallotId = table.Column<long>(type: "bigint", nullable: false),
                    CandidateId = table.Column<int>(type: "integer", nullable: false),
                    Choice = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BallotMarks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BallotMarks_Ballots_BallotId",
                        column: x => x.BallotId,
                        principalTable: "Ballots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BallotMarks_Cadres_CandidateId",
                        column: x => x.CandidateId,
                        principalTable: "Cadres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Voters_Token",
                table: "Voters",
                column: "Token",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BallotMarks_BallotId_CandidateId",
                table: "BallotMarks",
                columns: new[] { "BallotId", "CandidateId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BallotMarks_CandidateId",
                table: "BallotMarks",
                column: "CandidateId");

            migrationBuilder.CreateIndex(
                name: "IX_Ballots_CompetitionId",
                table: "Ballots",
                column: "CompetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_Ballots_VoterId",
                table: "Ballots",
                column: "VoterId",
                unique: true);
        }
    }
}
