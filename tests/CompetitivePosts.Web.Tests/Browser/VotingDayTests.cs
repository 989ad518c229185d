using System.Diagnostics;
using System.Text.RegularExpressions;
using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Web.Features.Voting;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CompetitivePosts.Web.Tests.Browser;

/// <summary>
/// The voting day in Chromium: the roll from the snapshot, an outside voter, a signed round with a
/// limit per post, the A4 slip sheet printed to PDF and its QR codes decoded back to their links, a voter
/// scanning one on an 810×1080 touch tablet, signing by finger and by mouse, the review, the receipt, a
/// second attempt refused, the receipt page, the kiosk tablet, turnout and the ballot chain.
/// </summary>
[Collection(AppTests.Name)]
public partial class VotingDayTests(AppFixture app)
{
    [GeneratedRegex(@"/b/([A-Za-z0-9_-]{22})$")]
    private static partial Regex BallotLink();

    private static readonly string PdfDirectory = Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(Screenshots.Directory)!, "pdf")).FullName;

    /// <summary>Two organizers at two screens: what one does to the slips shows on the other's round page (SlipsNotifier).</summary>
    [Fact]
    public async Task RoundPage_SlipRevokedElsewhere_ShowsTheNewIssuedCountWithoutAReload()
    {
        var s = await app.OpenForVotingAsync();
        await using var desk = await app.NewContextAsync(BrowserHelpers.Desktop);
        var org = await desk.SignInAsync("organizer");
        await org.GotoInteractiveAsync($"/competitions/{s.CompetitionId}/voting/rounds/{s.RoundId}");
        var issuedC = org.Locator("[data-testid=round-turnout-C] [data-testid=issued]");
        await Assertions.Expect(issuedC).ToHaveTextAsync("2");
        await org.EvaluateAsync("() => { window.__samePage = true; }");

        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<PrintSlips>()
                .RevokeAsync(s.CompetitionId, s.RoundId, s.Voters["丁"], Scenarios.Organizer(await app.DemoUnitIdAsync()));
        }

        await Assertions.Expect(issuedC).ToHaveTextAsync("1");
        Assert.True(await org.EvaluateAsync<bool>("() => window.__samePage === true"), "the page was reloaded");
        // Control: the other kinds' slips are as they were.
        await Assertions.Expect(org.Locator("[data-testid=round-turnout-A] [data-testid=issued]")).ToHaveTextAsync("1");
        await Assertions.Expect(org.Locator("[data-testid=round-turnout-B] [data-testid=issued]")).ToHaveTextAsync("1");
    }

    [Fact]
    public async Task VotingDay_SlipScannedOnATouchTablet_SignedReviewedReceiptAndSecondAttemptRefused()
    {
        var s = await app.AtSpeechesAsync(drawn: true, name: "投票日测试-" + Guid.NewGuid().ToString("N")[..6]);
        await using var desk = await app.NewContextAsync(BrowserHelpers.Desktop);
        var org = await desk.SignInAsync("organizer");

        // The roll from the reset snapshot, one outside voter added through the form.
        await org.GotoInteractiveAsync($"/competitions/{s.CompetitionId}/voting");
        await org.ClickAsync("[data-testid=issue-roll]");
        await Assertions.Expect(org.Locator("[data-testid=roll-row]")).ToHaveCountAsync(7);
        await Assertions.Expect(org.Locator("[data-testid=roll-row][data-name='王建国']")).ToHaveAttributeAsync("data-category", "B");
        foreach (var (name, kind, note, count) in new[] { ("赵书记", "A票", "市委组织部派驻", 8), ("钱主任", "C票", "工会主席（未列入干部名册）", 9) })
        {
            await org.FillMudAsync("outside-name", name);
            await org.SelectMudAsync("outside-category", kind);
            await org.FillMudAsync("outside-note", note);
            await org.ClickAsync("[data-testid=add-outside]");
            await Assertions.Expect(org.Locator("[data-testid=roll-row]")).ToHaveCountAsync(count);
        }

        await org.ClickAsync("[data-testid=create-round]");
        await Assertions.Expect(org.Locator("[data-testid=round-row]")).ToHaveCountAsync(1);
        await org.ShotAsync("24-voting");

        // Open the round, print the slips.
        await org.ClickAsync("[data-testid=round-link]");
        await org.WaitForCircuitAsync();
        await org.ClickAsync("[data-testid=open-round]");
        await org.ConfirmDialogAsync();
        await Assertions.Expect(org.Locator("[data-testid=round-head]")).ToHaveAttributeAsync("data-status", "Open");
        await org.ClickAsync("[data-testid=print-slips]");
        await Assertions.Expect(org.Locator("[data-testid=qr-slip]")).ToHaveCountAsync(9);
        await org.ShotAsync("25-slip-sheet");
        var expected = new Dictionary<string, string>();
        foreach (var slip in await org.Locator("[data-testid=qr-slip]").AllAsync())
        {
            expected[(await slip.GetAttributeAsync("data-url"))!] = (await slip.GetAttributeAsync("data-voter"))!;
        }

        Assert.Contains(expected, e => e.Value == "赵书记");
        Assert.All(expected.Keys, url => Assert.Matches(BallotLink(), url));
        await Assertions.Expect(org.Locator("[data-testid=slip-sheet]")).ToContainTextAsync("投票日测试");
        Assert.DoesNotContain("未投票", await org.Locator("[data-testid=slip-sheet]").InnerTextAsync(), StringComparison.Ordinal);
        var pdf = Path.Combine(PdfDirectory, "ballot-slips.pdf");
        await org.PdfAsync(new() { Path = pdf, Format = "A4", PrintBackground = true });

        var decoded = await DecodeQrCodesAsync(pdf);

        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), decoded.Order(StringComparer.Ordinal));
        var tokens = expected.Keys.Select(u => BallotLink().Match(u).Groups[1].Value).ToList();

        // Clearing the sheet asks first (the slips cannot be shown again): cancelled, the sheet stays.
        await org.ClickAsync("[data-testid=slips-done]");
        var dialog = org.Locator(".mud-dialog");
        await Assertions.Expect(dialog).ToContainTextAsync("清除后无法再次显示");
        await dialog.Locator(".mud-dialog-actions button").First.ClickAsync();
        await dialog.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await Assertions.Expect(org.Locator("[data-testid=qr-slip]").First).ToBeVisibleAsync();

        // Once the sheet is put away, neither the round page nor the roll shows a token.
        await org.ClickAsync("[data-testid=slips-done]");
        await org.ConfirmDialogAsync();
        await org.Locator("[data-testid=slips-table]").WaitForAsync();
        await Assertions.Expect(org.Locator("[data-testid=slip-row][data-slip=Printed]")).ToHaveCountAsync(9);
        var roundPage = await org.ContentAsync();
        await org.GotoInteractiveAsync($"/competitions/{s.CompetitionId}/voting");
        var rollPage = await org.ContentAsync();
        Assert.All(tokens, t => Assert.DoesNotContain(t, roundPage + rollPage, StringComparison.Ordinal));

        // A voter scans their slip on a touch tablet.
        var sunUrl = expected.Single(e => e.Value == "孙书记").Key;
        await using var tabletContext = await app.NewContextAsync(BrowserHelpers.Tablet);
        var tablet = await tabletContext.NewPageAsync();
        await tablet.GotoAsync(sunUrl);
        await Assertions.Expect(tablet.Locator("[data-testid=ballot-group]")).ToHaveCountAsync(3);
        await Assertions.Expect(tablet.Locator("[data-testid=ballot-voter]")).ToHaveTextAsync("孙书记");
        await tablet.ShotAsync("26-ballot-signed");
        await Mark(tablet, "王建国", "Agree");
        await Mark(tablet, "陈志强", "Disagree");
        await Mark(tablet, "李明华", "Agree");
        await Mark(tablet, "张卫东", "Agree");
        await tablet.FillAsync("[data-testid=signed-name]", "孙书记");
        await DrawByTouchAsync(tabletContext, tablet);
        var afterFinger = await tablet.Locator("#signature-data").InputValueAsync();
        await DrawByMouseAsync(tablet);
        Assert.StartsWith("data:image/png;base64,", afterFinger, StringComparison.Ordinal); // the finger alone signed
        Assert.NotEqual(afterFinger, await tablet.Locator("#signature-data").InputValueAsync()); // and the mouse added to it
        await tablet.Locator("[data-testid=ballot-review]").TapAsync();

        await Assertions.Expect(tablet.Locator("[data-testid=review-row]")).ToHaveCountAsync(6);
        await Assertions.Expect(tablet.Locator("[data-testid=review-row][data-name='陈志强']")).ToHaveAttributeAsync("data-choice", "Disagree");
        await Assertions.Expect(tablet.Locator("[data-testid=review-row][data-name='刘晓燕']")).ToHaveAttributeAsync("data-choice", "Abstain");
        await Assertions.Expect(tablet.Locator("[data-testid=review-signature]")).ToBeVisibleAsync();
        await tablet.ShotAsync("27-ballot-review");
        await tablet.Locator("[data-testid=ballot-submit]").TapAsync();

        var receipt = (await tablet.Locator("[data-testid=receipt-code]").InnerTextAsync()).Trim();
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", receipt);
        await tablet.ShotAsync("28-ballot-receipt");
        await using (var db = app.NewDb())
        {
            var ballot = await db.SignedBallots.SingleAsync(b => b.Receipt == receipt);
            Assert.Equal("孙书记", ballot.SignedName);
            Assert.Null(SignatureImage.Problem(ballot.Signature)); // what was drawn is stored, as a PNG with ink
        }

        // The same slip again: refused, nothing changed.
        await tablet.GotoAsync(sunUrl);
        await Assertions.Expect(tablet.Locator("[data-testid=ballot-already]")).ToContainTextAsync("已投票");

        // The voter checks the receipt on the public page.
        await tablet.GotoAsync("/receipt");
        await tablet.FillAsync("[data-testid=receipt-input]", receipt.ToLowerInvariant());
        await tablet.Locator("[data-testid=receipt-submit]").TapAsync();
        await Assertions.Expect(tablet.Locator("[data-testid=receipt-counted]")).ToContainTextAsync("已计入");
        await tablet.ShotAsync("29-receipt-check");

        // A staffed tablet: the organizer picks 王建国, who votes on it; his printed slip dies.
        await using var kioskContext = await app.NewContextAsync(BrowserHelpers.Tablet);
        var kiosk = await kioskContext.SignInAsync("organizer");
        await kiosk.GotoInteractiveAsync($"/competitions/{s.CompetitionId}/voting/rounds/{await RoundIdAsync(s.CompetitionId)}/kiosk");
        await Assertions.Expect(kiosk.Locator("[data-testid=kiosk-voter]")).ToHaveCountAsync(8); // 孙书记 has voted
        await kiosk.ShotAsync("30-kiosk");
        await kiosk.Locator("[data-testid=kiosk-voter][data-name='王建国']").TapAsync();
        await kiosk.ConfirmDialogAsync();
        await kiosk.WaitForURLAsync(BallotLink());
        await Assertions.Expect(kiosk.Locator("[data-testid=ballot-voter]")).ToHaveTextAsync("王建国");
        await Mark(kiosk, "王建国", "Agree");
        await kiosk.FillAsync("[data-testid=signed-name]", "王建国");
        await DrawByTouchAsync(kioskContext, kiosk);
        await kiosk.Locator("[data-testid=ballot-review]").TapAsync();
        await kiosk.Locator("[data-testid=ballot-submit]").TapAsync();
        await kiosk.Locator("[data-testid=receipt-code]").WaitForAsync();
        await tablet.GotoAsync(expected.Single(e => e.Value == "王建国").Key);
        await Assertions.Expect(tablet.Locator("[data-testid=ballot-unknown]")).ToBeVisibleAsync();

        // Turnout, who has not voted, the chain; then the close.
        await org.GotoInteractiveAsync($"/competitions/{s.CompetitionId}/voting/rounds/{await RoundIdAsync(s.CompetitionId)}");
        await Assertions.Expect(org.Locator("[data-testid=round-turnout-A] [data-testid=cast]")).ToHaveTextAsync("1");
        await Assertions.Expect(org.Locator("[data-testid=round-turnout-A] [data-testid=issued]")).ToHaveTextAsync("2");
        await Assertions.Expect(org.Locator("[data-testid=round-turnout-B] [data-testid=cast]")).ToHaveTextAsync("1");
        await Assertions.Expect(org.Locator("[data-testid=not-voted-name]")).ToHaveCountAsync(7);
        await org.ClickAsync("[data-testid=verify-chain]");
        await Assertions.Expect(org.Locator("[data-testid=chain-verdict]")).ToHaveAttributeAsync("data-intact", "True");
        await org.ShotAsync("31-round-turnout");
        await org.ClickAsync("[data-testid=close-round]");
        await org.ConfirmDialogAsync();
        await Assertions.Expect(org.Locator("[data-testid=round-head]")).ToHaveAttributeAsync("data-status", "Closed");
        await tablet.GotoAsync(expected.Single(e => e.Value == "李明华").Key);
        await Assertions.Expect(tablet.Locator("[data-testid=ballot-unknown]")).ToBeVisibleAsync(); // the round is closed
    }

    /// <summary>返回修改: the voter goes back from the last look, finds their marks, name and signature, changes a mark and casts that.</summary>
    [Fact]
    public async Task Ballot_BackFromTheReview_ShowsTheMarksAndSignatureAgainAndStoresTheChangedBallot()
    {
        var s = await app.OpenForVotingAsync();
        await using var tabletContext = await app.NewContextAsync(BrowserHelpers.Tablet);
        var tablet = await tabletContext.NewPageAsync();
        await tablet.GotoAsync($"/b/{s.Tokens["甲"]}");
        await Mark(tablet, "乙", "Agree");
        await Mark(tablet, "丙", "Disagree");
        await tablet.FillAsync("[data-testid=signed-name]", "甲");
        await DrawByMouseAsync(tablet);
        var signature = await tablet.Locator("#signature-data").InputValueAsync();
        await tablet.Locator("[data-testid=ballot-review]").TapAsync();
        await Assertions.Expect(tablet.Locator("[data-testid=review-row][data-name='乙']")).ToHaveAttributeAsync("data-choice", "Agree");

        await tablet.Locator("[data-testid=ballot-edit]").TapAsync();

        // The marking step again, as the voter left it: nothing is saved yet.
        await Assertions.Expect(tablet.Locator("[data-testid=ballot-review]")).ToBeVisibleAsync();
        await Assertions.Expect(tablet.Locator("[data-testid=candidate][data-name='乙'] input[data-choice=Agree]")).ToBeCheckedAsync();
        await Assertions.Expect(tablet.Locator("[data-testid=candidate][data-name='丙'] input[data-choice=Disagree]")).ToBeCheckedAsync();
        await Assertions.Expect(tablet.Locator("[data-testid=signed-name]")).ToHaveValueAsync("甲");
        Assert.Equal(signature, await tablet.Locator("#signature-data").InputValueAsync());
        Assert.Equal(0, await BallotsAsync(s.RoundId));
        await tablet.ShotAsync("27b-ballot-back-to-marks");

        await Mark(tablet, "乙", "Abstain");
        await tablet.Locator("[data-testid=ballot-review]").TapAsync();
        await Assertions.Expect(tablet.Locator("[data-testid=review-row][data-name='乙']")).ToHaveAttributeAsync("data-choice", "Abstain");
        await tablet.Locator("[data-testid=ballot-submit]").TapAsync();
        await Assertions.Expect(tablet.Locator("[data-testid=receipt-code]")).ToBeVisibleAsync();

        using var scope = app.Services.CreateScope();
        var tally = await scope.ServiceProvider.GetRequiredService<CompetitivePosts.Web.Features.Tally.TallyQuery>().GetAsync(s.CompetitionId, Scenarios.Reviewer, s.RoundId);
        var yi = tally.Posts.SelectMany(p => p.Candidates).Single(c => c.Name == "乙").Result.Counts[VoterCategory.A];
        var bing = tally.Posts.SelectMany(p => p.Candidates).Single(c => c.Name == "丙").Result.Counts[VoterCategory.A];
        Assert.Equal((0, 0, 1), (yi.Agree, yi.Disagree, yi.Abstain));
        Assert.Equal((0, 1, 0), (bing.Agree, bing.Disagree, bing.Abstain)); // control: the mark left alone is stored as it was
        Assert.Equal(1, await BallotsAsync(s.RoundId));
    }

    private async Task<int> BallotsAsync(int roundId)
    {
        await using var db = app.NewDb();
        return await db.SignedBallots.CountAsync(b => b.RoundId == roundId);
    }

    [Fact]
    public async Task EvaluationRound_UnsignedBallotsOfEveryKind_RoundPageShowsGradesPerKind()
    {
        var s = await app.OpenForVotingAsync(settings: new RoundSettings(RoundKind.Evaluation, IsSigned: false));
        await using (var tabletContext = await app.NewContextAsync(BrowserHelpers.Tablet))
        {
            var tablet = await tabletContext.NewPageAsync();
            await tablet.GotoAsync($"/b/{s.Tokens["丁"]}");
            await Assertions.Expect(tablet.Locator("[data-testid=candidate][data-name='乙'] input[type=radio]")).ToHaveCountAsync(4);
            await Assertions.Expect(tablet.Locator("[data-testid=ballot-voter]")).ToHaveCountAsync(0); // unsigned: no name on the ballot
            await tablet.ShotAsync("32-ballot-evaluation");
        }

        foreach (var (voter, grade) in new[] { ("甲", "Excellent"), ("乙", "Competent"), ("丙", "Excellent"), ("丁", "BasicallyCompetent") })
        {
            Assert.Equal(SubmitOutcome.Accepted, (await app.SubmitAsync(s.Tokens[voter], TestBallots.Fields([(s.Id("乙"), grade)], null))).Outcome);
        }

        await using var desk = await app.NewContextAsync(BrowserHelpers.Desktop);
        var org = await desk.SignInAsync("organizer");
        await org.GotoInteractiveAsync($"/competitions/{s.CompetitionId}/voting/rounds/{s.RoundId}");
        var c = org.Locator("[data-testid=evaluation-row][data-name='乙'][data-category=C]");
        await Assertions.Expect(c.Locator("[data-testid=grade-Excellent]")).ToContainTextAsync("1 (50.0%)");
        await Assertions.Expect(c.Locator("[data-testid=grade-BasicallyCompetent]")).ToContainTextAsync("1 (50.0%)");
        await Assertions.Expect(c.Locator("[data-testid=ballots]")).ToHaveTextAsync("2");
        var all = org.Locator("[data-testid=evaluation-row][data-name='乙'][data-category=All]");
        await Assertions.Expect(all.Locator("[data-testid=grade-Excellent]")).ToContainTextAsync("2 (50.0%)");
        await Assertions.Expect(org.Locator("[data-testid=not-voted-name]")).ToHaveCountAsync(0); // unsigned: nobody is listed
        await org.ShotAsync("33-evaluation-results");
    }

    private static Task Mark(IPage page, string candidate, string choice) =>
        page.Locator($"[data-testid=candidate][data-name='{candidate}'] label:has(input[data-choice={choice}])").TapAsync();

    private async Task<int> RoundIdAsync(int competitionId)
    {
        await using var db = app.NewDb();
        return await db.VotingRounds.Where(r => r.CompetitionId == competitionId).Select(r => r.Id).SingleAsync();
    }

    /// <summary>A finger's stroke: raw touch events through the DevTools protocol, which Chromium turns into pointer events.</summary>
    private static async Task DrawByTouchAsync(IBrowserContext context, IPage page)
    {
        // Both take coordinates in the viewport, so the pad is scrolled into it first.
        await page.Locator("[data-testid=signature-pad]").ScrollIntoViewIfNeededAsync();
        var box = (await page.Locator("[data-testid=signature-pad]").BoundingBoxAsync())!;
        var cdp = await context.NewCDPSessionAsync(page);
        Dictionary<string, object> Touch(string type, double fx, double fy) => new()
        {
            ["type"] = type,
            ["touchPoints"] = type == "touchEnd" ? Array.Empty<object>() : new object[] { new Dictionary<string, object> { ["x"] = box.X + (box.Width * fx), ["y"] = box.Y + (box.Height * fy) } },
        };
        await cdp.SendAsync("Input.dispatchTouchEvent", Touch("touchStart", 0.1, 0.6));
        for (var i = 1; i <= 12; i++)
        {
            await cdp.SendAsync("Input.dispatchTouchEvent", Touch("touchMove", 0.1 + (i * 0.03), 0.6 - (Math.Sin(i / 2.0) * 0.25)));
            await page.WaitForTimeoutAsync(16);
        }

        // The finger rests before it lifts, as a hand does: a stroke that ends at speed is a fling to
        // Chromium, and the next tap would only stop the fling instead of clicking.
        await page.WaitForTimeoutAsync(150);
        await cdp.SendAsync("Input.dispatchTouchEvent", Touch("touchEnd", 0, 0));
    }

    /// <summary>A stroke drawn with the mouse on the ballot's signature pad.</summary>
    internal static async Task DrawByMouseAsync(IPage page)
    {
        await page.Locator("[data-testid=signature-pad]").ScrollIntoViewIfNeededAsync();
        var box = (await page.Locator("[data-testid=signature-pad]").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync((float)(box.X + (box.Width * 0.55)), (float)(box.Y + (box.Height * 0.4)));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((float)(box.X + (box.Width * 0.85)), (float)(box.Y + (box.Height * 0.7)), new() { Steps = 10 });
        await page.Mouse.UpAsync();
    }

    /// <summary>
    /// Renders each PDF page with poppler's pdftoppm and decodes every QR code on it with zbar's zbarimg.
    /// zbar now and then misses one code of eight at a given resolution, as a phone camera would on the
    /// first try, so each page is read at two resolutions and the codes found are pooled (each URL once).
    /// </summary>
    private static async Task<List<string>> DecodeQrCodesAsync(string pdf)
    {
        var urls = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dpi in new[] { "200", "300" })
        {
            var prefix = Path.Combine(Path.GetTempPath(), "slips-" + Guid.NewGuid().ToString("N"));
            await RunAsync("pdftoppm", ["-r", dpi, "-png", pdf, prefix]);
            var pages = Directory.GetFiles(Path.GetDirectoryName(prefix)!, Path.GetFileName(prefix) + "*.png").Order(StringComparer.Ordinal).ToList();
            Assert.Equal(2, pages.Count); // 8 slips a page: 9 slips take two
            foreach (var png in pages)
            {
                urls.UnionWith((await RunAsync("zbarimg", ["--raw", "-q", png])).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                File.Delete(png);
            }
        }

        return [.. urls];
    }

    private static async Task<string> RunAsync(string file, string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{file} failed: {await process.StandardError.ReadToEndAsync()}");
        return output;
    }
}
