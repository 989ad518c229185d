using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Audit;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Data;

/// <summary>
/// A demo unit and demo accounts. Runs only when Demo:Seed is true, which deploy/run.sh and the
/// tests set; appsettings.json leaves it false so a production configuration never gets them.
/// </summary>
public sealed class DemoSeeder(AppDbContext db, AccountSeeder accounts, TimeProvider clock)
{
    public const string Password = "Demo@2009";
    public const string UnitName = "保定市国资委";

    public static IReadOnlyList<(string User, string Name, string Role)> Accounts { get; } =
    [
        ("admin", "系统管理员", Roles.Administrator),
        ("organizer", "国资委人事处", Roles.Organizer),
        ("reviewer", "市委组织部干部科", Roles.Reviewer),
        ("observer", "市纪委监委派驻纪检监察组", Roles.Observer),
    ];

    private static readonly string[] Leaders = ["王建国", "李卫东", "张秀兰"];

    private static readonly string[] Principals = ["刘志强", "陈红梅", "杨海涛", "赵立新", "黄晓燕"];

    private static readonly string[] Staff =
    [
        "徐丽娟", "孙明", "马超", "朱婷婷", "胡伟", "郭静", "何磊", "高峰", "林小红", "罗强",
        "郑佳", "梁爽", "谢东", "宋雨", "唐亮", "韩雪", "冯涛", "邓丽", "曹阳", "彭飞", "周文斌", "吴国庆",
    ];

    private static readonly (string Post, PostLevel Level, string Holder, PostExclusion? Excluded)[] DemoPosts =
    [
        ("办公室主任", PostLevel.Principal, "刘志强", (PostExclusion?)null),
        ("财务科科长", PostLevel.Principal, "陈红梅", (PostExclusion?)null),
        ("企业改革科科长", PostLevel.Principal, "杨海涛", (PostExclusion?)null),
        ("产权管理科科长", PostLevel.Principal, "赵立新", (PostExclusion?)null),
        ("保密室主任", PostLevel.Principal, "黄晓燕", PostExclusion.ImportantSecrets),
        ("办公室副主任", PostLevel.Deputy, "徐丽娟", (PostExclusion?)null),
        ("财务科副科长", PostLevel.Deputy, "孙明", (PostExclusion?)null),
        ("企业改革科副科长", PostLevel.Deputy, "", (PostExclusion?)null),
    ];

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await accounts.EnsureRolesAsync();

        var unit = await db.Units.FirstOrDefaultAsync(u => u.Name == UnitName, ct);
        if (unit is null)
        {
            unit = new Unit(UnitName);
            db.Units.Add(unit);
            db.Units.Add(new Unit("保定市财政局"));
            db.Audit(AuditEntry.SystemChain, AuditWho.System, AuditActions.DemoSeed);
            await db.SaveChangesAsync(ct);
        }

        foreach (var (userName, name, role) in Accounts)
        {
            await accounts.EnsureUserAsync(userName, name, role, Password, role == Roles.Organizer ? unit.Id : null);
        }

        if (!await db.Competitions.AnyAsync(c => c.UnitId == unit.Id, ct))
        {
            var competition = DemoCompetition(unit.Id, clock.GetUtcNow());
            db.Competitions.Add(competition);
            db.Audit(() => competition.Id, AuditWho.System, AuditActions.DemoSeed);
            await db.SaveChangesAsync(ct);

            // Holders are referenced by id, so posts follow once the cadres have theirs.
            foreach (var (post, level, holder, excluded) in DemoPosts)
            {
                var holderId = competition.Cadres.FirstOrDefault(x => x.Name == holder)?.Id;
                competition.AddPost(post, level, excluded, holderId);
            }

            db.Audit(competition.Id, AuditWho.System, AuditActions.DemoSeed);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>
    /// 30 cadres: 3 unit leaders (A), 5 middle-level principals (B) and 22 staff (C), with the template's
    /// fields filled so that the plan shows real results: ages, ranks and appraisals vary by position in
    /// the list, and a few staff fail a rule (too old, too short in rank, a 基本称职 year).
    /// </summary>
    private static Competition DemoCompetition(int unitId, DateTimeOffset now)
    {
        var c = new Competition(unitId, "2009年中层干部竞争上岗", now);
        var today = ChinaDate.Of(now);
        var i = 0;
        foreach (var (names, category) in new[] { (Leaders, VoterCategory.A), (Principals, VoterCategory.B), (Staff, VoterCategory.C) })
        {
            foreach (var name in names)
            {
                var rank = category switch
                {
                    VoterCategory.A => CadreRank.DeputyCounty,
                    VoterCategory.B => CadreRank.Section,
                    _ => i % 3 == 0 ? CadreRank.Clerk : CadreRank.DeputySection,
                };
                c.AddCadre(CadreDetails.Of(name, category) with
                {
                    Gender = i % 3 == 1 ? Gender.Female : Gender.Male,
                    BirthDate = today.AddYears(-(31 + (i * 7 % 15))).AddDays(-i * 11),
                    Ethnicity = i % 9 == 4 ? "回族" : "汉族",
                    PoliticalStatus = i % 6 == 5 ? "群众" : "中共党员",
                    Education = i % 5 == 0 ? EducationLevel.Postgraduate : i % 7 == 3 ? EducationLevel.JuniorCollege : EducationLevel.Bachelor,
                    Major = i % 2 == 0 ? "经济管理" : "财务会计",
                    Rank = rank,
                    RankSince = today.AddYears(-(1 + (i % 6))).AddDays(-i),
                    Department = "国资委机关",
                    GrassrootsYears = i % 8,
                    Appraisal1 = i % 4 == 0 ? Appraisal.Excellent : Appraisal.Competent,
                    Appraisal2 = i == 17 ? Appraisal.BasicallyCompetent : Appraisal.Competent,
                    Appraisal3 = Appraisal.Competent,
                }, now);
                i++;
            }
        }

        return c;
    }
}
