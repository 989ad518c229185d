using CompetitivePosts.Domain;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Roster;

/// <summary>
/// Downloads: the empty templates with their Chinese headers and a sheet of instructions, and the roster
/// and posts of a competition as .xlsx in the same columns, so an export can be edited and imported again.
/// </summary>
public static class ExportRoster
{
    public const string CadreTemplatePath = "/templates/roster-cadres.xlsx";
    public const string PostTemplatePath = "/templates/roster-posts.xlsx";

    public static string CadresPath(int competitionId) => $"/competitions/{competitionId}/export/cadres.xlsx";

    public static string PostsPath(int competitionId) => $"/competitions/{competitionId}/export/posts.xlsx";

    private static readonly (string Column, string Help)[] CadreHelp =
    [
        (RosterColumns.Name, "必填。同一单位内不重名；重新导入时按 姓名+出生日期 匹配已有干部。"),
        (RosterColumns.Gender, "必填：男 / 女。"),
        (RosterColumns.BirthDate, "必填：如 1975-03-08（也可写 1975/3/8、1975.03 等）。不能晚于今天。"),
        (RosterColumns.Ethnicity, "选填：如 汉族。"),
        (RosterColumns.PoliticalStatus, "选填：如 中共党员、群众。"),
        (RosterColumns.Education, "必填：研究生 / 大学本科 / 大学专科 / 中专 / 高中及以下。"),
        (RosterColumns.Major, "选填。"),
        (RosterColumns.Rank, "必填：副县级及以上 / 正科级 / 副科级 / 科员 / 办事员。"),
        (RosterColumns.RankSince, "必填：任现职级的日期，用于计算任职年限。"),
        (RosterColumns.CurrentTitle, "选填：如 办公室主任。现任职位在“职位”表的“现任职者”中填写。"),
        (RosterColumns.Department, "选填。"),
        (RosterColumns.TitleSince, "选填。"),
        (RosterColumns.CountyLeader, "必填：是 / 否。“是”者投A票，不参加科级职位竞争。"),
        (RosterColumns.MiddlePrincipal, "必填：是 / 否。“是”者（现任中层正职）投B票；其余人员投C票。"),
        (RosterColumns.Grassroots, "选填：整数年。"),
        (RosterColumns.Appraisal1, "选填：优秀 / 称职 / 基本称职 / 不称职。三列不分先后，任一年基本称职或以下即不符合默认条件。"),
        (RosterColumns.Appraisal2, "同上。"),
        (RosterColumns.Appraisal3, "同上。"),
        (RosterColumns.InService, "必填：是 / 否。"),
        (RosterColumns.KinName, "选填：本单位亲属的姓名，用于回避。"),
        (RosterColumns.KinRelation, "选填：如 夫妻、父子。"),
    ];

    private static readonly (string Column, string Help)[] PostHelp =
    [
        (RosterColumns.PostDepartment, "选填：如 办公室。"),
        (RosterColumns.PostName, "必填：职位全称，如 办公室主任；重新导入时按职位名称匹配。"),
        (RosterColumns.PostLevel, "必填：正科 / 副科。"),
        (RosterColumns.Headcount, "选填：职数，整数，默认 1。"),
        (RosterColumns.MinimumEducation, "选填：该职位的最低学历，高于方案要求时适用。"),
        (RosterColumns.PreferredMajors, "选填：优先考虑的专业，供审查参考，不作为硬性条件。"),
        (RosterColumns.OtherRequirements, "选填：其他任职要求，供资格审查参考。"),
        (RosterColumns.Exclusion, "不参加竞争的职位填写：涉及重要机密 / 涉及国家安全 / 法律法规规定不宜公开竞争；其余留空。"),
        (RosterColumns.Holder, "选填：现任职者姓名，须已在干部名册中。"),
    ];

    public static IEndpointRouteBuilder MapRosterFiles(this IEndpointRouteBuilder app)
    {
        // The blank templates hold nothing of any unit; the exports hold a unit's roster, for those who may see it.
        app.MapGet(CadreTemplatePath, () => File(Template(RosterColumns.CadreHeaders, CadreHelp), "干部名册模板.xlsx")).RequireAuthorization(Policies.SignedIn);
        app.MapGet(PostTemplatePath, () => File(Template(RosterColumns.PostHeaders, PostHelp), "职位模板.xlsx")).RequireAuthorization(Policies.SignedIn);
        app.MapGet("/competitions/{id:int}/export/{file}.xlsx", async (int id, string file, HttpContext http, IDbContextFactory<AppDbContext> dbFactory) =>
        {
            var actor = Actor.From(http.User);
            await using var db = await dbFactory.CreateDbContextAsync(http.RequestAborted);
            Domain.Competitions.Competition c;
            try
            {
                c = await db.LoadForViewAsync(id, actor, http.RequestAborted);
            }
            catch (DomainException)
            {
                return Results.NotFound();
            }

            var names = c.Cadres.ToDictionary(x => x.Id, x => x.Name);
            return file switch
            {
                "cadres" => File(Spreadsheets.WriteXlsx("干部名册", RosterColumns.CadreHeaders,
                    c.Cadres.OrderBy(x => x.Id).Select(x => RosterColumns.CadreValues(x.Details))), $"{c.Name}-干部名册.xlsx"),
                "posts" => File(Spreadsheets.WriteXlsx("职位", RosterColumns.PostHeaders,
                    c.Posts.OrderBy(p => p.Level).ThenBy(p => p.Id)
                        .Select(p => RosterColumns.PostValues(p.Details, p.HolderId is { } h ? names[h] : null))), $"{c.Name}-职位.xlsx"),
                _ => Results.NotFound(),
            };
        }).RequireAuthorization(Policies.CompetitionViewers);
        return app;
    }

    private static byte[] Template(IReadOnlyList<string> headers, (string Column, string Help)[] help) =>
        Spreadsheets.WriteXlsx(
        [
            ("导入", headers, []),
            ("填写说明", ["列名", "说明"], help.Select(h => (IReadOnlyList<object?>)[h.Column, h.Help])),
        ]);

    private static IResult File(byte[] content, string name) => Results.File(content, Spreadsheets.XlsxContentType, name);
}
