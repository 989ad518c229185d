using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Outcomes;
using CompetitivePosts.Web.Features.Common;

namespace CompetitivePosts.Web.Features.Outcomes;

/// <summary>The outcome reports as .xlsx: a unit's cadres with their outcomes, and the city roll-up by unit.</summary>
public static class ExportOutcomes
{
    public const string CityPath = "/outcomes/city.xlsx";

    public static string UnitPath(int competitionId) => $"/competitions/{competitionId}/outcomes.xlsx";

    private static readonly string[] FigureHeaders =
        ["单位", "竞争上岗", "竞争职位数", "留任", "提任", "提任占比(%)", "落岗", "原中层正职", "交流", "中层正职交流面(%)", "报名人数", "符合条件人数", "报名率(%)"];

    public static IEndpointRouteBuilder MapOutcomeExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/competitions/{id:int}/outcomes.xlsx", async (int id, HttpContext http, OutcomeQuery query) =>
        {
            UnitOutcome unit;
            try
            {
                unit = await query.UnitAsync(id, Actor.From(http.User), http.RequestAborted);
            }
            catch (DomainException)
            {
                return Results.NotFound();
            }

            return Results.File(Spreadsheets.WriteXlsx(
            [
                ("干部", ["姓名", "原任职位", "新任职位", "结果", "交流", "落岗原因"], unit.Cadres.Select(r => (IReadOnlyList<object?>)
                    [r.Name, r.Before, r.After, OutcomeText(r.Outcome), r.Exchanged ? "是" : "", r.Cause is { } c ? CauseText(c) : ""])),
                ("汇总", FigureHeaders, [Figures(unit.Header.UnitName, unit.Header.Name, unit.Figures)]),
            ]), Spreadsheets.XlsxContentType, $"{unit.Header.Name}-竞争上岗结果.xlsx");
        }).RequireAuthorization(Policies.CompetitionViewers);

        app.MapGet(CityPath, async (HttpContext http, OutcomeQuery query) =>
        {
            var city = await query.CityAsync(Actor.From(http.User), null, http.RequestAborted);
            return Results.File(Spreadsheets.WriteXlsx("全市汇总", FigureHeaders,
                [.. city.Units.Select(u => Figures(u.UnitName, u.CompetitionName, u.Figures)), Figures("合计", $"{city.Units.Count} 个单位", city.Total)]),
                Spreadsheets.XlsxContentType, "全市竞争上岗结果汇总.xlsx");
        }).RequireAuthorization(Policies.FilingReaders);
        return app;
    }

    private static IReadOnlyList<object?> Figures(string unit, string competition, OutcomeFigures f) =>
    [
        unit, competition, f.Posts, f.Retained, f.Promoted, OutcomeFigures.Percent(f.PromotedShare), f.Dropped, f.PrincipalsBefore, f.Exchanged,
        OutcomeFigures.Percent(f.ExchangeRate), f.Registered, f.Eligible, OutcomeFigures.Percent(f.RegistrationRate),
    ];

    private static string OutcomeText(Outcome o) => o switch
    {
        Outcome.Retained => "留任",
        Outcome.Promoted => "提任",
        Outcome.Dropped => "落岗",
        _ => "未任职",
    };

    private static string CauseText(DropCause c) => c switch
    {
        DropCause.Age => "年龄",
        DropCause.LowScore => "得票低于最低分",
        DropCause.Withdrew => "主动放弃",
        _ => "未被选任",
    };
}
