using System.Text.RegularExpressions;
using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Web.Features.Projector;
using CompetitivePosts.Web.Features.Tally;
using CompetitivePosts.Web.Features.Voting;
using CompetitivePosts.Web.Tests.Infrastructure;
using CompetitivePosts.Web.Data;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CompetitivePosts.Web.Tests.Browser;

/// <summary>
/// The live tally in Chromium: a dashboard opened before the first ballot follows every ballot without a
/// reload, and after its connection drops and comes back shows the full state; the round's projector at
/// 1920×1080 shows turnout only until the close; the 计票结果报告 printed to PDF.
/// </summary>
[Collection(AppTests.Name)]
public class LiveTallyBrowserTests(AppFixture app)
{
    private static readonly string PdfDirectory = Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(Screenshots.Directory)!, "pdf")).FullName;

    // Keeps every WebSocket the page opens, so a test can cut the circuit's connection as a network drop would.
    private const string KeepSockets = """
        window.__sockets = [];
        const Native = window.WebSocket;
        window.WebSocket = class extends Native {
            constructor(...args) { super(...args); window.__sockets.push(this); }
        };
        """;

    [Fact]
    public async Task Dashboard_OpenedBeforeVoting_ShowsEachBallotWithoutReloadAndFullStateAfterItsConnectionDrops()
    {
        var s = await app.OpenForVotingAsync("实时计票-" + Guid.NewGuid().ToString("N")[..6]);
        await using var desk = await app.NewContextAsync(BrowserHelpers.Desktop);
        await desk.AddInitScriptAsync(KeepSockets);
        var org = await desk.SignInAsync("organizer");
        await org.GotoInteractiveAsync($"/competitions/{s.CompetitionId}/tally");
        await org.EvaluateAsync("() => window.__samePage = true");
        var turnoutA = org.Locator("[data-testid=turnout-A] [data-testid=ballots]");
        var turnoutC = org.Locator("[data-testid=turnout-C] [data-testid=ballots]");
        await Assertions.Expect(turnoutA).ToHaveTextAsync("0");
        // Before any ballot the minimum says nothing, not "reached" at 0%.
        await Assertions.Expect(Row(org, "丙").Locator("[data-testid=threshold]")).ToHaveTextAsync("—");

        await app.VoteAsync(s, "甲", ("乙", Choice.Agree), ("丙", Choice.Disagree));
        await Assertions.Expect(turnoutA).ToHaveTextAsync("1");
        await Assertions.Expect(Row(org, "乙").Locator("[data-testid=counts-A] [data-testid=agree]")).ToHaveTextAsync("1");
        await Assertions.Expect(Row(org, "乙").Locator("[data-testid=score]")).ToHaveTextAsync("100.00%");
        await app.VoteAsync(s, "乙", ("乙", Choice.Abstain), ("丙", Choice.Agree));
        await Assertions.Expect(org.Locator("[data-testid=turnout-B] [data-testid=ballots]")).ToHaveTextAsync("1");
        await Assertions.Expect(Row(org, "丙").Locator("[data-testid=counts-B] [data-testid=agree]")).ToHaveTextAsync("1");

        // The network drops: the circuit's socket is cut and cannot come back while two more ballots commit.
        await desk.SetOfflineAsync(true);
        await org.EvaluateAsync("() => window.__sockets.forEach(s => s.close())");
        await app.VoteAsync(s, "丙", ("乙", Choice.Agree), ("丙", Choice.Agree));
        await app.VoteAsync(s, "丁", ("乙", Choice.Disagree));
        await org.WaitForTimeoutAsync(1500);
        var whileOffline = await turnoutC.TextContentAsync();
        await desk.SetOfflineAsync(false);

        await Assertions.Expect(turnoutC).ToHaveTextAsync("2", new() { Timeout = 40_000 });
        Assert.Equal("0", whileOffline);
        Assert.True(await org.EvaluateAsync<bool>("() => window.__samePage === true"), "the page was not reloaded");
        // Every figure equals the recount from the stored ballots.
        using var scope = app.Services.CreateScope();
        var tally = await scope.ServiceProvider.GetRequiredService<TallyQuery>().GetAsync(s.CompetitionId, Scenarios.Reviewer);
        foreach (var c in tally.Posts.SelectMany(p => p.Candidates))
        {
            var row = Row(org, c.Name);
            await Assertions.Expect(row.Locator("[data-testid=score]")).ToHaveTextAsync(c.Result.Percent.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "%");
            await Assertions.Expect(row.Locator("[data-testid=rank]")).ToHaveTextAsync(c.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var k in Enum.GetValues<VoterCategory>())
            {
                await Assertions.Expect(row.Locator($"[data-testid=counts-{k}] [data-testid=agree]"))
                    .ToHaveTextAsync(c.Result.Counts[k].Agree.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        // The reconnect dialog (grey backdrop) that the cut socket brought up closes with a 0.5 s display/overlay
        // transition during which the backdrop still covers the page: the shot waits until it is gone.
        await Assertions.Expect(org.Locator("#components-reconnect-modal")).ToBeHiddenAsync();
        await org.ShotAsync("34-live-tally");
        await org.SetViewportSizeAsync(BrowserHelpers.Tablet.Width, BrowserHelpers.Tablet.Height);
        Assert.True(await org.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "nothing is cut off at 810 px");
        await org.ClickAsync("[data-testid=recount]");
        await Assertions.Expect(org.Locator("[data-testid=recount-result]")).ToContainTextAsync("4");
    }

    [Fact]
    public async Task Dashboard_PostScrolledFarOutOfView_KeepsWhatItDrewUntilItComesBackThenShowsTheLatest()
    {
        var s = await app.OpenForVotingAsync("计票滚动-" + Guid.NewGuid().ToString("N")[..6]);
        await using var desk = await app.NewContextAsync(BrowserHelpers.Desktop);
        var org = await desk.SignInAsync("organizer");
        await org.GotoInteractiveAsync($"/competitions/{s.CompetitionId}/tally");
        var posts = org.Locator("[data-testid=tally-posts]");
        var agree = Row(org, "乙").Locator("[data-testid=counts-A] [data-testid=agree]");
        var sections = await org.Locator("[data-testid=tally-post-section]").CountAsync();
        var all = string.Join(',', Enumerable.Range(0, sections));
        Assert.True(sections >= 2, "the scenario has more than one post");
        await Assertions.Expect(posts).ToHaveAttributeAsync("data-near", all);
        await Assertions.Expect(agree).ToHaveTextAsync("0");

        // The post goes far below the screen: the browser reports it, and the circuit stops re-rendering it.
        await org.EvaluateAsync("() => { document.querySelector('[data-testid=tally-posts]').style.marginTop = '8000px'; }");
        await Assertions.Expect(posts).ToHaveAttributeAsync("data-near", "");
        await app.VoteAsync(s, "甲", ("乙", Choice.Agree), ("丙", Choice.Disagree));
        await Assertions.Expect(org.Locator("[data-testid=turnout-A] [data-testid=ballots]")).ToHaveTextAsync("1");
        await org.WaitForTimeoutAsync(500);
        Assert.Equal("0", await agree.TextContentAsync());

        // Scrolled back into view, it shows the figures of the latest push at once, without a new ballot.
        await agree.ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(posts).ToHaveAttributeAsync("data-near", new Regex("^0(,|$)"));
        await Assertions.Expect(agree).ToHaveTextAsync("1");
        await Assertions.Expect(Row(org, "丙").Locator("[data-testid=counts-A] [data-testid=agree]")).ToHaveTextAsync("0");
        await Assertions.Expect(Row(org, "乙").Locator("[data-testid=score]")).ToHaveTextAsync("100.00%");

        // Before a print every post is rendered, wherever it is.
        await org.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Assertions.Expect(posts).ToHaveAttributeAsync("data-near", "");
        await org.EvaluateAsync("() => window.dispatchEvent(new Event('beforeprint'))");
        await Assertions.Expect(posts).ToHaveAttributeAsync("data-near", all);
    }

    [Fact]
    public async Task Projector_RoundOpenThenClosed_ShowsTurnoutOnlyThenTheRanking()
    {
        var s = await app.OpenForVotingAsync("计票投影-" + Guid.NewGuid().ToString("N")[..6]);
        var (screen, page) = await app.OpenTallyProjectorAsync(s);
        await using var _ = screen;

        await app.VoteAsync(s, "甲", ("乙", Choice.Agree), ("丙", Choice.Disagree));
        await app.VoteAsync(s, "丙", ("乙", Choice.Agree), ("丙", Choice.Agree));
        await Assertions.Expect(page.Locator("[data-testid=tp-turnout-C] [data-field=ballots]")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-testid=tp-turnout-A] [data-field=ballots]")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-testid=tp-waiting]")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("[data-testid=tp-candidate]").CountAsync());
        Assert.DoesNotContain("乙", await page.Locator("[data-tally-projector]").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Directory, "35-tally-projector-open-1920.png") });

        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<RoundControl>().CloseAsync(s.CompetitionId, Scenarios.Organizer(await app.DemoUnitIdAsync()), s.RoundId);
        await Assertions.Expect(page.Locator("[data-testid=tp-candidate]")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-testid=tp-candidate]").First).ToContainTextAsync("乙");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Directory, "36-tally-projector-closed-1920.png") });
        await page.SetViewportSizeAsync(BrowserHelpers.Tablet.Width, BrowserHelpers.Tablet.Height);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "nothing is cut off at 810 px");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Directory, "36-tally-projector-closed-810.png") });
    }

    [Fact]
    public async Task Projector_PlanShowsResultsDuringVoting_ShowsTheQualifiedRankingWhileOpenAndFollowsEachBallot()
    {
        var s = await app.OpenForVotingAsync("投影公布-" + Guid.NewGuid().ToString("N")[..6]);
        var control = await app.OpenForVotingAsync("投影对照-" + Guid.NewGuid().ToString("N")[..6]);
        var organizer = Scenarios.Organizer(await app.DemoUnitIdAsync());
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<SetTallyProjector>()
            .RunAsync(s.CompetitionId, s.RoundId, ProjectorResults.QualifiedOnly, duringVoting: true, organizer);
        var links = scope.ServiceProvider.GetRequiredService<ProjectorLinks>();
        var link = await links.IssueAsync(s.CompetitionId, ProjectorPurposes.Tally, s.RoundId, TimeSpan.FromHours(2), organizer);
        var controlLink = await links.IssueAsync(control.CompetitionId, ProjectorPurposes.Tally, control.RoundId, TimeSpan.FromHours(2), organizer);
        await using var screen = await app.NewContextAsync(new ViewportSize { Width = 1920, Height = 1080 });
        var page = await screen.NewPageAsync();
        await page.GotoAsync($"/projector/tally/{link.Token}");
        await page.WaitForSelectorAsync("[data-tally-projector][data-joined=true]");
        await page.EvaluateAsync("() => window.__samePage = true");
        var other = await screen.NewPageAsync();
        await other.GotoAsync($"/projector/tally/{controlLink.Token}");

        // 甲 (A) and 丙 (C): 乙 100%; 丙 gets A disagree and C agree, 3/7 = 42.86%, below the minimum of 50%.
        await app.VoteAsync(s, "甲", ("乙", Choice.Agree), ("丙", Choice.Disagree));
        await app.VoteAsync(s, "丙", ("乙", Choice.Agree), ("丙", Choice.Agree));
        await app.VoteAsync(control, "甲", ("乙", Choice.Agree));
        var candidates = page.Locator("[data-testid=tp-candidate]");
        await Assertions.Expect(page.Locator("[data-testid=tp-turnout-C] [data-field=ballots]")).ToHaveTextAsync("1");
        await Assertions.Expect(candidates).ToHaveCountAsync(1);
        await Assertions.Expect(candidates.First).ToContainTextAsync("乙");
        await Assertions.Expect(candidates.First).ToContainTextAsync("100.00%");
        await Assertions.Expect(page.Locator("[data-testid=tp-status]")).ToHaveTextAsync("投票进行中");
        Assert.Equal(0, await page.Locator("[data-testid=tp-waiting]").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Directory, "35b-tally-projector-live-results-1920.png") });

        // 乙 (B) abstains on 乙 and agrees with 丙; with B voting the weights are 4:3:3 again: 乙 (4·1 + 3·0 + 3·1)/10 = 70%,
        // 丙 (4·0 + 3·1 + 3·1)/10 = 60%, now above the minimum. The list follows without a reload.
        await app.VoteAsync(s, "乙", ("乙", Choice.Abstain), ("丙", Choice.Agree));
        await Assertions.Expect(candidates).ToHaveCountAsync(2);
        await Assertions.Expect(candidates.Filter(new() { HasText = "丙" })).ToContainTextAsync("60.00%");
        await Assertions.Expect(candidates.Filter(new() { HasText = "乙" })).ToContainTextAsync("70.00%");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__samePage === true"), "the projector was not reloaded");

        // The control round, whose plan keeps results until the close, shows its turnout only.
        await Assertions.Expect(other.Locator("[data-testid=tp-waiting]")).ToBeVisibleAsync();
        Assert.Equal(0, await other.Locator("[data-testid=tp-candidate]").CountAsync());

        // The plan stops showing results during voting: the ranking already on the big screen goes, the turnout stays.
        await scope.ServiceProvider.GetRequiredService<SetTallyProjector>()
            .RunAsync(s.CompetitionId, s.RoundId, ProjectorResults.QualifiedOnly, duringVoting: false, organizer);
        await Assertions.Expect(page.Locator("[data-testid=tp-waiting]")).ToBeVisibleAsync();
        await Assertions.Expect(candidates).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=tp-turnout-B] [data-field=ballots]")).ToHaveTextAsync("1");
    }

    [Fact]
    public async Task Dashboard_AnotherRoundChosen_FollowsThatRoundsBallotsWithoutAReload()
    {
        // Round 1 an evaluation, closed; round 2 a recommendation, open, with slips of its own.
        var s = await app.OpenForVotingAsync("换轮计票-" + Guid.NewGuid().ToString("N")[..6], new RoundSettings(RoundKind.Evaluation, IsSigned: false));
        var organizer = Scenarios.Organizer(await app.DemoUnitIdAsync());
        await app.GradeAsync(s, "甲", ("乙", Grade.Excellent));
        VotingScenario second;
        using (var scope = app.Services.CreateScope())
        {
            var control = scope.ServiceProvider.GetRequiredService<RoundControl>();
            await control.CloseAsync(s.CompetitionId, organizer, s.RoundId);
            var roundId = await scope.ServiceProvider.GetRequiredService<CreateRound>()
                .HandleAsync(s.CompetitionId, organizer, new RoundSettings(RoundKind.Recommendation));
            await control.OpenAsync(s.CompetitionId, organizer, roundId);
            var slips = await scope.ServiceProvider.GetRequiredService<PrintSlips>().IssueAsync(s.CompetitionId, roundId, null, organizer);
            second = s with { RoundId = roundId, Tokens = slips.Slips.ToDictionary(x => x.VoterName, x => x.Token) };
        }

        await using var desk = await app.NewContextAsync(BrowserHelpers.Desktop);
        var org = await desk.SignInAsync("organizer");
        await org.GotoInteractiveAsync($"/competitions/{s.CompetitionId}/tally?round={s.RoundId}");
        await org.EvaluateAsync("() => window.__samePage = true");
        var turnoutA = org.Locator("[data-testid=turnout-A] [data-testid=ballots]");
        await Assertions.Expect(turnoutA).ToHaveTextAsync("1");

        await org.Locator("[data-testid=tally-round]").Nth(1).ClickAsync();
        await Assertions.Expect(turnoutA).ToHaveTextAsync("0");
        await app.VoteAsync(second, "甲", ("乙", Choice.Agree));

        await Assertions.Expect(turnoutA).ToHaveTextAsync("1");
        await Assertions.Expect(Row(org, "乙").Locator("[data-testid=counts-A] [data-testid=agree]")).ToHaveTextAsync("1");
        Assert.True(await org.EvaluateAsync<bool>("() => window.__samePage === true"), "the page was not reloaded");
    }

    [Fact]
    public async Task Projector_ExpiredLink_IsRefusedInChineseWithNoDataOnThePageOrTheHub()
    {
        var s = await app.OpenForVotingAsync("投影过期-" + Guid.NewGuid().ToString("N")[..6]);
        await app.VoteAsync(s, "甲", ("乙", Choice.Agree), ("丙", Choice.Disagree));
        var organizer = Scenarios.Organizer(await app.DemoUnitIdAsync());
        // Issued three hours ago for two hours: it expired an hour ago.
        var issuedEarlier = new ProjectorLinks(app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>(), new ProjectorLinkNotifier(),
            new ShiftedClock(TimeSpan.FromHours(-3)));
        var expired = await issuedEarlier.IssueAsync(s.CompetitionId, ProjectorPurposes.Tally, s.RoundId, TimeSpan.FromHours(2), organizer);
        var valid = await app.Services.GetRequiredService<ProjectorLinks>()
            .IssueAsync(s.CompetitionId, ProjectorPurposes.Tally, s.RoundId, TimeSpan.FromHours(2), organizer);
        await using var screen = await app.NewContextAsync(new ViewportSize { Width = 1920, Height = 1080 });
        var page = await screen.NewPageAsync();

        await page.GotoAsync($"/projector/tally/{expired.Token}");

        await Assertions.Expect(page.Locator("[data-testid=projector-invalid]")).ToContainTextAsync("投影链接无效或已过期");
        var text = await page.Locator("body").InnerTextAsync();
        Assert.DoesNotContain("投影过期", text, StringComparison.Ordinal);
        Assert.DoesNotContain("乙", text, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("[data-tally-projector]").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Directory, "35c-tally-projector-expired-1920.png") });
        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(app.BaseUri, "hubs/tally")).Build();
        await hub.StartAsync();
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<TallyPushDto>(nameof(TallyHub.WatchAsProjector), expired.Token));

        // Control: the link issued now for the same round opens it.
        await page.GotoAsync($"/projector/tally/{valid.Token}");
        await Assertions.Expect(page.Locator("[data-tally-projector]")).ToContainTextAsync("投影过期");
        Assert.NotNull(await hub.InvokeAsync<TallyPushDto>(nameof(TallyHub.WatchAsProjector), valid.Token));
    }

    [Fact]
    public async Task Report_ScrutineersNamed_PrintsOnA4WithTheirSignatureLines()
    {
        var s = await app.OpenForVotingAsync("计票报告-" + Guid.NewGuid().ToString("N")[..6]);
        await app.VoteAsync(s, "甲", ("乙", Choice.Agree), ("丙", Choice.Disagree));
        await app.VoteAsync(s, "丁", ("乙", Choice.Agree), ("丙", Choice.Abstain));
        await using var desk = await app.NewContextAsync(BrowserHelpers.Desktop);
        var org = await desk.SignInAsync("organizer");
        await org.GotoInteractiveAsync($"/competitions/{s.CompetitionId}/tally/report?round={s.RoundId}");
        await org.FillMudAsync("report-monitors", "李监票\n周监票");
        await org.FillMudAsync("report-counters", "吴计票");
        await Assertions.Expect(org.Locator("[data-testid=report-signature]").Filter(new() { HasText = "吴计票" })).ToHaveCountAsync(1);

        var sheet = await org.Locator("[data-testid=tally-report-sheet]").InnerTextAsync();
        Assert.Contains("计票结果报告", sheet, StringComparison.Ordinal);
        Assert.Contains("李监票", sheet, StringComparison.Ordinal);
        Assert.Equal(2, await org.Locator("[data-testid=report-row]").CountAsync());
        await Assertions.Expect(org.Locator("[data-testid=report-signature]")).ToHaveCountAsync(4);
        await org.ShotAsync("37-tally-report");
        await org.PdfAsync(new() { Path = Path.Combine(PdfDirectory, "tally-report.pdf"), Format = "A4", PrintBackground = true });
        Assert.True(new FileInfo(Path.Combine(PdfDirectory, "tally-report.pdf")).Length > 10_000);

        var export = await org.APIRequest.GetAsync($"/competitions/{s.CompetitionId}/tally/export.xlsx?round={s.RoundId}");
        Assert.Equal(200, export.Status);
        var sheetRows = Web.Features.Common.Spreadsheets.Read("t.xlsx", await export.BodyAsync());
        Assert.Equal(ExportTally.ResultHeaders, sheetRows.Headers);
        Assert.Equal(2, sheetRows.Rows.Count);
    }

    /// <summary>A round created but not opened: its report names it as not started and marks nobody either way (no ballot counts yet).</summary>
    [Fact]
    public async Task Report_RoundNotOpenedYet_NamesItNotStartedAndLeavesTheMinimumBlank()
    {
        var s = await app.OpenForVotingAsync("未开轮次-" + Guid.NewGuid().ToString("N")[..6]);
        await app.VoteAsync(s, "甲", ("乙", Choice.Agree), ("丙", Choice.Disagree));
        int prepared;
        using (var scope = app.Services.CreateScope())
        {
            prepared = await scope.ServiceProvider.GetRequiredService<CreateRound>()
                .HandleAsync(s.CompetitionId, Scenarios.Organizer(await app.DemoUnitIdAsync()), new RoundSettings(RoundKind.Recommendation));
        }

        await using var desk = await app.NewContextAsync(BrowserHelpers.Desktop);
        var org = await desk.SignInAsync("organizer");
        await org.GotoInteractiveAsync($"/competitions/{s.CompetitionId}/tally/report?round={prepared}");
        var meta = org.Locator("[data-testid=tally-report-sheet] .print-meta");
        await Assertions.Expect(meta).ToContainTextAsync("第2轮");
        await Assertions.Expect(meta).ToContainTextAsync("未开始");
        var threshold = org.Locator("[data-testid=report-row] td:last-child");
        await Assertions.Expect(threshold).ToHaveCountAsync(2);
        Assert.All(await threshold.AllInnerTextsAsync(), t => Assert.Equal("—", t.Trim()));
        var export = Web.Features.Common.Spreadsheets.Read("t.xlsx",
            await (await org.APIRequest.GetAsync($"/competitions/{s.CompetitionId}/tally/export.xlsx?round={prepared}")).BodyAsync());
        Assert.All(export.Rows, r => Assert.True(r.Cells.GetValueOrDefault("达到最低得票") is null or "", "the minimum column is blank before any ballot"));

        // Control: the open round, with a ballot, is said to be open and marks each candidate.
        await org.GotoInteractiveAsync($"/competitions/{s.CompetitionId}/tally/report?round={s.RoundId}");
        await Assertions.Expect(meta).ToContainTextAsync("投票进行中");
        await Assertions.Expect(org.Locator("[data-testid=report-row]").Filter(new() { HasText = "丙" }).Locator("td:last-child")).ToHaveTextAsync("未达最低得票");
        await Assertions.Expect(org.Locator("[data-testid=report-row]").Filter(new() { HasText = "乙" }).Locator("td:last-child")).ToHaveTextAsync("已达到");
    }

    private static ILocator Row(IPage page, string name) => page.Locator($"[data-testid=tally-row][data-candidate='{name}']");
}
