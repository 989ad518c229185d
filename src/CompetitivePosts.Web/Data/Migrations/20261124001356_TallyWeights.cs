using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CompetitivePosts.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class TallyWeights : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "WeightA",
                table: "Competitions",
                type: "integer",
                nullable: false,
                defaultValue: 4);

            migrationBuilder.AddColumn<int>(
                name: "WeightB",
                table: "Competitions",
                type: "integer",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<int>(
                name: "WeightC",
                table: "Competitions",
                type: "integer",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddCheckConstraint(
                name: "CK_Competitions_Weights",
                table: "Competitions",
                sql: "\"WeightA\" BETWEEN 0 AND 100 AND \"WeightB\" BETWEEN 0 AND 100 AND \"WeightC\" BETWEEN 0 AND 100 AND \"WeightA\" + \"WeightB\" + \"WeightC\" > 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "CK_Competitions_Weights",
                table: "Competitions");

            migrationBuilder.DropColumn(
                name: "WeightA",
                table: "Competitions");

            migrationBuilder.DropColumn(
                name: "WeightB",
                table: "Competitions");

            migrationBuilder.DropColumn(
                name: "WeightC",
                table: "Competitions");
        }
    }
}
