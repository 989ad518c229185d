using System.Diagnostics;
using System.Globalization;
using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Outcomes;
using CompetitivePosts.Domain.Speeches;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Features.Competitions;
using CompetitivePosts.Web.Features.Notice;
using CompetitivePosts.Web.Features.Outcomes;
using CompetitivePosts.Web.Features.Registration;
using CompetitivePosts.Web.Features.Review;
using CompetitivePosts.Web.Features.Roster;
using CompetitivePosts.Web.Features.Speeches;
using CompetitivePosts.Web.Features.Voting;
using CompetitivePosts.Web.Tests.Browser;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CompetitivePosts.Web.Tests.Features.Outcomes;

/// <summary>
/// DESIGN.md §1: a city of 61 units built from <see cref="BaodingCity"/> through the application's own
/// handlers, whose city report must print Baoding's published figures exactly. It runs on a database of
/// its own, so other tests' competitions never enter the roll-up. It belongs to the app collection only so
/// that it never runs beside the browser tests, whose timeouts its load would break.
/// </summary>
[Collection(AppTests.Name)]
public class CityOutcomeTests(ITestOutputHelper output)
{
    private const int Parallelism = 4;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task CityReport_SixtyOneGeneratedUnits_PrintsBaodingsFigures()
    {
        var city = new AppFixture();
        await city.InitializeAsync();
        try
        {
            var clock = Stopwatch.StartNew();
            var plan = BaodingCity.Plan();
            // Units are independent, as in the city: a few at a time keep PostgreSQL busy while the app waits on it.
            using var gate = new SemaphoreSlim(Parallelism);
            await Task.WhenAll(plan.Select(async unit =>
            {
                await gate.WaitAsync();
                try
                {
                    await BuildUnitAsync(city, unit);
                }
                finally
                {
                    gate.Release();
                }
            }));

            var built = clock.Elapsed;
            clock.Restart();
            using var scope = city.Services.CreateScope();
            var report = await scope.ServiceProvider.GetRequiredService<OutcomeQuery>().CityAsync(Scenarios.Reviewer);
            output.WriteLine($"61 units built through the handlers ({Parallelism} at a time) in {built.TotalSeconds:F1} s; city report computed in {clock.Elapsed.TotalSeconds:F1} s");

            var f = report.Total;
            Assert.Equal(61, report.Units.Count);
            Assert.Equal((1127, 758, 369, 71), (f.Posts, f.Retained, f.Promoted, f.Dropped));
            Assert.Equal(("32.7", "41.9", "97.0"), (OutcomeFigures.Percent(f.PromotedShare), OutcomeFigures.Percent(f.ExchangeRate),
                OutcomeFigures.Percent(f.RegistrationRate)));
            Assert.Equal((2505, 2583, 370, 155), (f.Registered, f.Eligible, f.PrincipalsBefore, f.Exchanged));
            Assert.Equal(new Dictionary<DropCause, int> { [DropCause.Age] = 18, [DropCause.LowScore] = 18, [DropCause.Withdrew] = 18, [DropCause.NotChosen] = 17 },
                report.DropCauses);

            // The printed page, as the organization department sees it.
            await using var context = await city.NewContextAsync(BrowserHelpers.Desktop);
            var page = await context.SignInAsync("reviewer", "/outcomes");
            await page.GotoInteractiveAsync("/outcomes");
            var summary = page.Locator("[data-testid=city-summary]");
            await summary.WaitForAsync(new() { Timeout = 120_000 });
            Assert.Equal("竞争职位 1,127 个；留任 758 人；提任 369 人（32.7%）；落岗 71 人；中层正职交流面 41.9%；报名 2,505 人（97.0%）。",
                (await summary.InnerTextAsync()).Trim());
            await page.ShotAsync("85-city-report");
        }
        finally
        {
            await city.DisposeAsync();
        }
    }

    /// <summary>One unit from its roster file to its closed notice, every step through the handler the page uses.</summary>
    private static async Task BuildUnitAsync(AppFixture city, CityUnit unit)
    {
        using var scope = city.Services.CreateScope();
        T Get<T>() where T : notnull => scope.ServiceProvider.GetRequiredService<T>();
        var unitId = await Get<CompetitionsHandler>().CreateUnitAsync(Scenarios.Administrator, $"保定市第{unit.Index + 1:00}单位");
        var organizer = Scenarios.Organizer(unitId);
        var competitionId = await Get<CompetitionsHandler>().CreateAsync(organizer, unitId, "2009年中层干部竞争上岗");

        // Roster and posts, as the personnel office fills the templates.
        var cadres = new List<(string Name, CityRole Role, int Slot, DropCause? Cause)>();
        var u = unit.Index;
        cadres.Add(($"领导{u:00}", CityRole.Leader, 0, null));
        for (var i = 0; i < unit.PrincipalHolders; i++)
        {
            cadres.Add(($"正职{u:00}{i:00}", CityRole.PrincipalHolder, i, null));
        }

        var firstDrop = unit.DeputyHolders - unit.Drops.Count;
        for (var j = 0; j < unit.DeputyHolders; j++)
        {
            cadres.Add(($"副职{u:00}{j:00}", CityRole.DeputyHolder, j, j >= firstDrop ? unit.Drops[j - firstDrop] : null));
        }

        for (var n = 0; n < unit.Newcomers; n++)
        {
            cadres.Add(($"新任{u:00}{n:00}", CityRole.Newcomer, n, null));
        }

        for (var l = 0; l < unit.Losers; l++)
        {
            cadres.Add(($"竞聘{u:00}{l:00}", CityRole.Loser, l, null));
        }

        for (var r = 0; r < unit.NotRegistered; r++)
        {
            cadres.Add(($"未报{u:00}{r:00}", CityRole.NotRegistered, r, null));
        }

        if (unit.HasExcludedPost)
        {
            cadres.Add(($"保密{u:00}", CityRole.ExcludedHolder, 0, null));
        }

        var principalPosts = Enumerable.Range(0, unit.PrincipalPosts).Select(k => RosterFiles.Departments[k] + "科长").ToList();
        var deputyPosts = Enumerable.Range(0, unit.DeputyPosts).Select(k => RosterFiles.Departments[k] + "副科长").ToList();
        var postRows = new List<Dictionary<string, object?>>();
        for (var k = 0; k < principalPosts.Count; k++)
        {
            postRows.Add(PostRow(principalPosts[k], "正科", k < unit.PrincipalHolders ? $"正职{u:00}{k:00}" : null, null));
        }

        for (var k = 0; k < deputyPosts.Count; k++)
        {
            postRows.Add(PostRow(deputyPosts[k], "副科", k < unit.DeputyHolders ? $"副职{u:00}{k:00}" : null, null));
        }

        if (unit.HasExcludedPost)
        {
            postRows.Add(PostRow("保密室主任", "正科", $"保密{u:00}", "涉及重要机密"));
        }

        var import = Get<ImportRoster.Handler>();
        var cadreFile = RosterFiles.Xlsx(cadres.Select(c => CadreRow(c.Name, c.Role, c.Cause)));
        await import.CommitAsync(competitionId, organizer, await import.PreviewAsync(competitionId, organizer, RosterFile.Cadres, "干部名册.xlsx", cadreFile));
        await import.CommitAsync(competitionId, organizer,
            await import.PreviewAsync(competitionId, organizer, RosterFile.Posts, "职位.xlsx", RosterFiles.Xlsx(postRows)));

        Dictionary<string, int> cadreIds, postIds;
        await using (var db = city.NewDb())
        {
            cadreIds = await db.Cadres.Where(c => c.CompetitionId == competitionId).ToDictionaryAsync(c => c.Name, c => c.Id);
            postIds = await db.Posts.Where(p => p.CompetitionId == competitionId).ToDictionaryAsync(p => p.Name, p => p.Id);
        }

        // Who wins which seat: principals rotate in a cycle of unit.Exchanged, dropped deputies' and vacant seats go to newcomers.
        var winners = new Dictionary<int, int>();
        var newcomer = 0;
        for (var k = 0; k < principalPosts.Count; k++)
        {
            var name = k < unit.Exchanged ? $"正职{u:00}{(k - 1 + unit.Exchanged) % unit.Exchanged:00}"
                : k < unit.PrincipalHolders ? $"正职{u:00}{k:00}"
                : $"新任{u:00}{newcomer++:00}";
            winners[postIds[principalPosts[k]]] = cadreIds[name];
        }

        for (var k = 0; k < deputyPosts.Count; k++)
        {
            var name = k < firstDrop ? $"副职{u:00}{k:00}" : $"新任{u:00}{newcomer++:00}";
            winners[postIds[deputyPosts[k]]] = cadreIds[name];
        }

        Assert.Equal(unit.Newcomers, newcomer);

        await Get<RosterHandler>().ResetToZeroAsync(competitionId, organizer);
        await Get<RegistrationHandler>().OpenAsync(competitionId, organizer);
        var register = Get<Register>();
        var allPosts = principalPosts.Concat(deputyPosts).Select(p => postIds[p]).ToList();
        foreach (var (postId, cadreId) in winners)
        {
            await register.ByOrganizerAsync(competitionId, organizer, new Register.Command(cadreId, [postId], false, null));
        }

        foreach (var c in cadres.Where(c => c.Cause is { } cause && cause != DropCause.Age))
        {
            await register.ByOrganizerAsync(competitionId, organizer, new Register.Command(cadreIds[c.Name], [postIds[deputyPosts[c.Slot]]], false, null));
            if (c.Cause == DropCause.Withdrew)
            {
                await register.WithdrawByOrganizerAsync(competitionId, organizer, cadreIds[c.Name], "本人书面申请放弃竞争");
            }
        }

        foreach (var c in cadres.Where(c => c.Role == CityRole.Loser))
        {
            await register.ByOrganizerAsync(competitionId, organizer, new Register.Command(cadreIds[c.Name], [allPosts[c.Slot % allPosts.Count]], false, null));
        }

        await Get<RegistrationHandler>().CloseAsync(competitionId, organizer);
        await Get<ReviewHandler>().ApproveAllEligibleAsync(competitionId, organizer);
        await Get<ReviewHandler>().PublishAsync(competitionId, organizer);
        await Get<DrawSpeechOrder.Handler>().HandleAsync(new DrawSpeechOrder.Command(competitionId, SpeechGrouping.ByRank), organizer);

        // Three signed ballots (A, B, C) so that scores exist: everyone agreed, the low scorer refused by all.
        await Get<VoterRollHandler>().IssueAsync(competitionId, organizer);
        var roundId = await Get<CreateRound>().HandleAsync(competitionId, organizer, new RoundSettings(RoundKind.Recommendation));
        await Get<RoundControl>().OpenAsync(competitionId, organizer, roundId);
        var lowScorers = cadres.Where(c => c.Cause == DropCause.LowScore).Select(c => cadreIds[c.Name]).ToHashSet();
        string[] voterNames = [$"领导{u:00}", $"正职{u:00}00", $"竞聘{u:00}00"];
        Dictionary<string, string> tokens;
        List<int> candidates;
        await using (var db = city.NewDb())
        {
            var c = await db.CompetitionAggregate.FirstAsync(x => x.Id == competitionId);
            candidates = [.. c.Candidates.Select(x => x.Id)];
            tokens = await Scenarios.IssueTokensAsync(db, c.Rounds.Single(r => r.Id == roundId), c.Voters.Where(v => voterNames.Contains(v.Name)));
        }

        foreach (var voter in voterNames)
        {
            var marks = candidates.Select(id => (id, (lowScorers.Contains(id) ? Choice.Disagree : Choice.Agree).ToString()));
            var result = await city.SubmitAsync(tokens[voter], TestBallots.Fields(marks, voter));
            Assert.Equal(SubmitOutcome.Accepted, result.Outcome);
        }

        await Get<RoundControl>().CloseAsync(competitionId, organizer, roundId);
        await Get<VoterRollHandler>().CloseAsync(competitionId, organizer);

        await FilingSteps.DecideAndFileAsync(scope.ServiceProvider, competitionId, organizer, winners);

        await Get<PublishNotice.Handler>().HandleAsync(competitionId, organizer, new PublishNotice.Command(ChinaDate.Of(DateTimeOffset.UtcNow), 5, "组织部干部科 0312-5555555"));
        // The notice runs five working days; the organizer closes it after they have passed.
        await new CloseNotice.Handler(Get<IDbContextFactory<AppDbContext>>(), new ShiftedClock(TimeSpan.FromDays(20)))
            .HandleAsync(competitionId, organizer, new CloseNotice.Command("公示期满，未收到异议，按程序办理任职手续。"));
    }

    private static Dictionary<string, object?> CadreRow(string name, CityRole role, DropCause? cause)
    {
        var leader = role == CityRole.Leader;
        var principal = role is CityRole.PrincipalHolder or CityRole.ExcludedHolder;
        // Ages on the plan's date: principals 42, the too old 50 (over both ceilings), everyone else 38.
        var age = cause == DropCause.Age ? 50 : principal ? 42 : leader ? 52 : 38;
        return new Dictionary<string, object?>
        {
            ["姓名"] = name, ["性别"] = "男", ["出生日期"] = D(Today.AddYears(-age).AddDays(-30)), ["民族"] = "汉族", ["政治面貌"] = "中共党员",
            ["学历"] = "大学本科", ["专业"] = "经济管理", ["职级"] = leader ? "副县级" : principal ? "正科级" : "副科级",
            ["任现职级时间"] = D(Today.AddYears(-10)), ["现任职务"] = leader ? "副主任" : role == CityRole.DeputyHolder ? "副科长" : principal ? "科长" : "科员",
            ["所在处室"] = "办公室", ["任现职时间"] = D(Today.AddYears(-3)), ["是否副县级以上"] = leader ? "是" : "否", ["是否中层正职"] = principal ? "是" : "否",
            ["基层工作年限"] = 3, ["近三年考核（最近一年）"] = "称职", ["近三年考核（前一年）"] = "称职", ["近三年考核（前两年）"] = "称职",
            ["是否在编在岗"] = "是", ["亲属姓名"] = null, ["亲属关系"] = null,
        };
    }

    private static Dictionary<string, object?> PostRow(string name, string level, string? holder, string? excluded) => new()
    {
        ["所在处室"] = name[..^(level == "正科" ? 2 : 3)], ["职位名称"] = name, ["职位层级"] = level, ["职数"] = 1, ["最低学历"] = "大学本科",
        ["优先专业"] = null, ["其他要求"] = null, ["不参加竞争原因"] = excluded, ["现任职者"] = holder,
    };
}
