using System.Globalization;
using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Features.Tally;
using CompetitivePosts.Web.Features.Voting;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CompetitivePosts.Web.Tests.Browser;

/// <summary>
/// An evaluation round (民主测评) with unequal turnout: the round page, the live tally, the .xlsx export and the printed
/// 计票结果报告 each show every grade's share per ballot kind and the weighted 优秀+称职 rate, checked against figures worked
/// out by hand; its projector shows turnout only, open and closed (docs/adr/0034).
/// </summary>
[Collection(AppTests.Name)]
public class EvaluationResultsBrowserTests(AppFixture app)
{
    private static readonly string PdfDirectory = Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(Screenshots.Directory)!, "pdf")).FullName;

    /// <summary>
    /// 乙 (held 综合科科长) and 丙 (held 综合科副科长) are evaluated. 甲 (A) and both C voters 丙 and 丁 vote; 乙, the only B
    /// voter, does not, so B drops out and A:C weigh 4:3, i.e. 4/7 and 3/7.
    /// 乙: A 优秀 → A rate 1/1; C 称职 + 不称职 → C rate 1/2. Weighted 4/7 · 1 + 3/7 · 1/2 = 11/14 = 78.571…% → 78.57%
    /// (unweighted it would be 2/3 = 66.67%).
    /// 丙 (control): A 基本称职 → 0/1; C 优秀 + one ungraded → 1/2. Weighted 3/7 · 1/2 = 3/14 = 21.428…% → 21.43%.
    /// </summary>
    [Fact]
    public async Task EvaluationRound_UnequalTurnout_PageExportAndReportShowGradeSharesAndTheWeightedRate()
    {
        var s = await app.OpenForVotingAsync("测评结果-" + Guid.NewGuid().ToString("N")[..6],
            new RoundSettings(RoundKind.Evaluation, IsSigned: false), deputyHolder: "丙");
        await app.GradeAsync(s, "甲", ("乙", Grade.Excellent), ("丙", Grade.BasicallyCompetent));
        await app.GradeAsync(s, "丙", ("乙", Grade.Competent), ("丙", Grade.Excellent));
        await app.GradeAsync(s, "丁", ("乙", Grade.Incompetent));

        await using var desk = await app.NewContextAsync(BrowserHelpers.Desktop);
        var org = await desk.SignInAsync("organizer");
        await org.GotoInteractiveAsync($"/competitions/{s.CompetitionId}/voting/rounds/{s.RoundId}");
        await Assertions.Expect(Rate(org, "乙")).ToHaveTextAsync("78.57%");
        await Assertions.Expect(Rate(org, "丙")).ToHaveTextAsync("21.43%");
        var yiC = org.Locator("[data-testid=evaluation-row][data-name='乙'][data-category=C]");
        await Assertions.Expect(yiC.Locator($"[data-testid=grade-{Grade.Competent}]")).ToHaveTextAsync("1 (50.0%)");
        await Assertions.Expect(yiC.Locator($"[data-testid=grade-{Grade.Incompetent}]")).ToHaveTextAsync("1 (50.0%)");
        await Assertions.Expect(yiC.Locator($"[data-testid=grade-{Grade.Excellent}]")).ToHaveTextAsync("0 (0.0%)");
        var yiB = org.Locator("[data-testid=evaluation-row][data-name='乙'][data-category=B]");
        await Assertions.Expect(yiB.Locator("[data-testid=ballots]")).ToHaveTextAsync("0");
        await Assertions.Expect(yiB.Locator("[data-testid=share]")).ToHaveTextAsync(["", "", "", ""]);
        var bingA = org.Locator("[data-testid=evaluation-row][data-name='丙'][data-category=A]");
        await Assertions.Expect(bingA.Locator($"[data-testid=grade-{Grade.BasicallyCompetent}]")).ToHaveTextAsync("1 (100.0%)");
        await Assertions.Expect(org.Locator("[data-testid=evaluation-note]")).ToContainTextAsync("4:3:3");
        await org.ShotAsync("38-evaluation-rate");

        var export = await org.APIRequest.GetAsync($"/competitions/{s.CompetitionId}/tally/export.xlsx?round={s.RoundId}");
        Assert.Equal(200, export.Status);
        var sheet = Spreadsheets.Read("e.xlsx", await export.BodyAsync());
        Assert.Equal(ExportEvaluation.Headers, sheet.Headers);
        Assert.Equal(8, sheet.Rows.Count);
        object? Cell(string name, string kind, string header) =>
            sheet.Rows.Single(r => Equals(r.Cells["被测评人"], name) && Equals(r.Cells["票类"], kind)).Cells[header];
        Assert.Equal(78.57m, Convert.ToDecimal(Cell("乙", "合计", ExportEvaluation.RateHeader), CultureInfo.InvariantCulture));
        Assert.Equal(21.43m, Convert.ToDecimal(Cell("丙", "合计", ExportEvaluation.RateHeader), CultureInfo.InvariantCulture));
        Assert.Equal(50m, Convert.ToDecimal(Cell("乙", "C类", "称职(%)"), CultureInfo.InvariantCulture));
        Assert.True(Cell("乙", "B类", "称职(%)") is null or "");
        Assert.True(Cell("乙", "A类", ExportEvaluation.RateHeader) is null or "");

        await org.GotoInteractiveAsync($"/competitions/{s.CompetitionId}/tally/report?round={s.RoundId}");
        await org.FillMudAsync("report-monitors", "李监票\n周监票");
        await org.FillMudAsync("report-counters", "吴计票");
        var report = org.Locator("[data-testid=tally-report-sheet]");
        await Assertions.Expect(report.Locator("[data-testid=report-signature]").Filter(new() { HasText = "吴计票" })).ToHaveCountAsync(1);
        await Assertions.Expect(Rate(report, "乙")).ToHaveTextAsync("78.57%");
        await Assertions.Expect(Rate(report, "丙")).ToHaveTextAsync("21.43%");
        await Assertions.Expect(report).ToContainTextAsync("民主测评");
        await org.ShotAsync("39-evaluation-report");
        await org.PdfAsync(new() { Path = Path.Combine(PdfDirectory, "evaluation-report.pdf"), Format = "A4", PrintBackground = true });
    }

    /// <summary>The same hand-checked figures as above, reached one ballot at a time on a live tally opened before the first.</summary>
    [Fact]
    public async Task LiveTally_EvaluationRoundOpenedBeforeVoting_FollowsEachGradeWithoutAReloadAndTheRecountMatches()
    {
        var s = await app.OpenForVotingAsync("测评实时-" + Guid.NewGuid().ToString("N")[..6],
            new RoundSettings(RoundKind.Evaluation, IsSigned: false), deputyHolder: "丙");
        await using var desk = await app.NewContextAsync(BrowserHelpers.Desktop);
        var org = await desk.SignInAsync("organizer");
        // No recommendation round has opened: the tally page opens on the evaluation rather than on an empty ranking.
        await org.GotoInteractiveAsync($"/competitions/{s.CompetitionId}/tally");
        await Assertions.Expect(org.Locator("[data-testid=evaluation-results]")).ToBeVisibleAsync();
        Assert.Equal(0, await org.Locator("[data-testid=tally-post-section]").CountAsync());

        // The round page leads to its live tally, as it does for a recommendation round.
        await org.GotoInteractiveAsync($"/competitions/{s.CompetitionId}/voting/rounds/{s.RoundId}");
        await org.ClickAsync("[data-testid=round-tally]");
        await org.WaitForURLAsync($"**/competitions/{s.CompetitionId}/tally?round={s.RoundId}");
        await Assertions.Expect(org.Locator("[data-testid=tally-round]")).ToHaveTextAsync(["第1轮 · 民主测评"]);
        await org.EvaluateAsync("() => window.__samePage = true");
        var turnoutA = org.Locator("[data-testid=turnout-A] [data-testid=ballots]");
        await Assertions.Expect(Rate(org, "乙")).ToHaveTextAsync("—");
        await Assertions.Expect(turnoutA).ToHaveTextAsync("0");

        await app.GradeAsync(s, "甲", ("乙", Grade.Excellent), ("丙", Grade.BasicallyCompetent));
        await Assertions.Expect(turnoutA).ToHaveTextAsync("1");
        await Assertions.Expect(Rate(org, "乙")).ToHaveTextAsync("100.00%");
        await Assertions.Expect(Rate(org, "丙")).ToHaveTextAsync("0.00%");
        await app.GradeAsync(s, "丙", ("乙", Grade.Competent), ("丙", Grade.Excellent));
        await app.GradeAsync(s, "丁", ("乙", Grade.Incompetent));
        await Assertions.Expect(org.Locator("[data-testid=turnout-C] [data-testid=ballots]")).ToHaveTextAsync("2");
        await Assertions.Expect(Rate(org, "乙")).ToHaveTextAsync("78.57%");
        await Assertions.Expect(Rate(org, "丙")).ToHaveTextAsync("21.43%");
        var yiC = org.Locator("[data-testid=evaluation-row][data-name='乙'][data-category=C]");
        await Assertions.Expect(yiC.Locator($"[data-testid=grade-{Grade.Incompetent}]")).ToHaveTextAsync("1 (50.0%)");
        Assert.True(await org.EvaluateAsync<bool>("() => window.__samePage === true"), "the page was not reloaded");

        // What the projector may show is fixed for an evaluation: turnout only, so there is nothing to choose.
        await Assertions.Expect(org.Locator("[data-testid=projector-turnout-only]")).ToBeVisibleAsync();
        Assert.Equal(0, await org.Locator("[data-testid=projector-settings]").CountAsync());
        Assert.Equal(0, await org.Locator("[data-testid=tally-post-section]").CountAsync());
        await org.ClickAsync("[data-testid=recount]");
        await Assertions.Expect(org.Locator("[data-testid=recount-result]")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-alert-.*success"));
        await Assertions.Expect(org.Locator("[data-testid=recount-result]")).ToContainTextAsync("3");
        await org.ShotAsync("38b-evaluation-live-tally");
        await org.SetViewportSizeAsync(BrowserHelpers.Tablet.Width, BrowserHelpers.Tablet.Height);
        Assert.True(await org.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "nothing is cut off at 810 px");
    }

    [Fact]
    public async Task Projector_EvaluationRoundOpenThenClosed_ShowsTurnoutOnlyAndNeverAName()
    {
        var s = await app.OpenForVotingAsync("测评投影-" + Guid.NewGuid().ToString("N")[..6],
            new RoundSettings(RoundKind.Evaluation, IsSigned: false), deputyHolder: "丙");
        var (screen, page) = await app.OpenTallyProjectorAsync(s);
        await using var _ = screen;
        var projector = page.Locator("[data-tally-projector]");

        await app.GradeAsync(s, "甲", ("乙", Grade.Excellent), ("丙", Grade.BasicallyCompetent));
        await app.GradeAsync(s, "丙", ("乙", Grade.Competent), ("丙", Grade.Excellent));
        await Assertions.Expect(page.Locator("[data-testid=tp-turnout-A] [data-field=ballots]")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-testid=tp-turnout-C] [data-field=ballots]")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-testid=tp-waiting]")).ToContainTextAsync("测评结果报党委");
        Assert.DoesNotContain("乙", await projector.InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Directory, "38c-evaluation-projector-open-1920.png") });

        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<RoundControl>().CloseAsync(s.CompetitionId, Scenarios.Organizer(await app.DemoUnitIdAsync()), s.RoundId);
        await Assertions.Expect(page.Locator("[data-testid=tp-status]")).ToHaveTextAsync("投票已结束");
        await Assertions.Expect(page.Locator("[data-tally-projector][data-joined=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=tp-turnout-C] [data-field=ballots]")).ToHaveTextAsync("1");
        Assert.Equal(0, await page.Locator("[data-testid=tp-results]").CountAsync());
        Assert.DoesNotContain("乙", await projector.InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("%</", await page.ContentAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Directory, "38d-evaluation-projector-closed-1920.png") });
        await page.SetViewportSizeAsync(BrowserHelpers.Tablet.Width, BrowserHelpers.Tablet.Height);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "nothing is cut off at 810 px");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Directory, "38d-evaluation-projector-closed-810.png") });

        // Reloaded once for the close: a later push of the same closed round leaves the page as it is.
        await page.EvaluateAsync("() => window.__samePage = true");
        var pushes = int.Parse(await projector.GetAttributeAsync("data-pushes") ?? "0", CultureInfo.InvariantCulture);
        await scope.ServiceProvider.GetRequiredService<TallyNotifier>().PublishAsync(s.CompetitionId);
        await page.WaitForFunctionAsync($"() => Number(document.querySelector('[data-tally-projector]').dataset.pushes ?? 0) > {pushes}");
        await page.WaitForTimeoutAsync(500);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__samePage === true"), "the projector reloaded again");
    }

    private static ILocator Rate(ILocator scope, string name) =>
        scope.Locator($"[data-testid=evaluation-row][data-name='{name}'][data-category=A] [data-testid=excellent-competent-rate]");

    private static ILocator Rate(IPage page, string name) => Rate(page.Locator("body"), name);
}
