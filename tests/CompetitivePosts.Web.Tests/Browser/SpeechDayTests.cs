using System.Globalization;
using System.Text.RegularExpressions;
using CompetitivePosts.Domain.Speeches;
using CompetitivePosts.Web.Features.Speeches;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CompetitivePosts.Web.Tests.Browser;

/// <summary>
/// The speech day on two devices: the organizer's control panel on a tablet and the projector on
/// a 1920 × 1080 screen, each its own browser context with its own cookies (the projector is not
/// signed in), so the only path between them is the server and its SignalR hub.
/// </summary>
[Collection(AppTests.Name)]
public partial class SpeechDayTests(AppFixture app)
{
    public static readonly ViewportSize Projector = new() { Width = 1920, Height = 1080 };

    [GeneratedRegex(@"/projector/speeches/[A-Za-z0-9_-]+$")]
    private static partial Regex ProjectorUrl();

    private async Task<string[]> OrderAsync(int competitionId)
    {
        await using var db = app.NewDb();
        var ids = await db.Competitions.Where(c => c.Id == competitionId).SelectMany(c => c.SpeechSlots)
            .OrderBy(s => s.Order).Select(s => s.CadreId).ToListAsync();
        var names = await db.Cadres.Where(c => c.CompetitionId == competitionId).ToDictionaryAsync(c => c.Id, c => c.Name);
        return [.. ids.Select(id => names[id])];
    }

    /// <summary>The remaining time as the server's own state gives it now: what a correct screen shows.</summary>
    private async Task<double> ServerRemainingMsAsync(int competitionId)
    {
        await using var db = app.NewDb();
        var c = await db.CompetitionAggregate.AsNoTracking().SingleAsync(x => x.Id == competitionId);
        return c.SpeechLiveAt(DateTimeOffset.UtcNow).Remaining.TotalMilliseconds;
    }

    private static async Task<double> ShownRemainingMsAsync(IPage page, string testId) =>
        double.Parse(await page.Locator($"[data-testid={testId}]").GetAttributeAsync("data-remaining-ms") ?? "NaN", CultureInfo.InvariantCulture);

    /// <summary>Moves the clock's start back, as if the speech had run longer, and tells the screens (test arrangement only).</summary>
    private async Task RewindClockAsync(int competitionId, TimeSpan by)
    {
        await using (var db = app.NewDb())
        {
            await db.Database.ExecuteSqlAsync(
                $"""UPDATE "SpeechProgress" SET "SegmentStartedAt" = "SegmentStartedAt" - {by} WHERE "CompetitionId" = {competitionId}""");
        }

        await app.Services.GetRequiredService<SpeechNotifier>().PublishAsync(competitionId);
    }

    [Fact]
    public async Task PanelAndProjector_TwoDevices_ProjectorFollowsTheClockLiveAndAReloadShowsServerTime()
    {
        var s = await app.AtSpeechesAsync();
        await using var orgContext = await app.NewContextAsync(BrowserHelpers.Tablet);
        var org = await orgContext.SignInAsync("organizer", $"/competitions/{s.CompetitionId}/speeches");
        await org.Locator("[data-testid=speech-plan]").WaitForAsync();

        // Sessions, typed as an organizer types them.
        foreach (var (start, end, count) in new[] { ("08:30", "09:00", 1), ("14:30", "17:30", 2) })
        {
            await org.FillMudAsync("session-date", "2009-06-18");
            await org.FillMudAsync("session-start", start);
            await org.FillMudAsync("session-end", end);
            await org.FillMudAsync("session-venue", "市国资委第一会议室");
            await org.ClickAsync("[data-testid=session-add]");
            await Assertions.Expect(org.Locator("[data-testid=session-row]")).ToHaveCountAsync(count);
        }

        // The draw asks first: cancelled, nothing is drawn; confirmed, the order is drawn once.
        await org.ClickAsync("[data-testid=draw-order]");
        await org.Locator(".mud-dialog").WaitForAsync();
        await org.ShotAsync("14a-speeches-draw-confirm");
        await org.Locator(".mud-dialog-actions button").First.ClickAsync();
        await org.Locator(".mud-dialog").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await Assertions.Expect(org.Locator("[data-testid=speech-empty]")).ToBeVisibleAsync();
        Assert.Empty(await OrderAsync(s.CompetitionId));
        await org.ClickAsync("[data-testid=draw-order]");
        await org.ConfirmDialogAsync();
        await Assertions.Expect(org.Locator("[data-testid=speech-row]")).ToHaveCountAsync(6);
        var order = await OrderAsync(s.CompetitionId);
        Assert.Equal(6, order.Length);

        await org.ClickAsync("[data-testid=draw-verify]");
        await Assertions.Expect(org.Locator("[data-testid=draw-check]")).ToContainTextAsync("完全一致");
        await org.ClickAsync("[data-testid=projector-issue]");
        var url = (await org.Locator("[data-testid=projector-url]").InnerTextAsync()).Trim();
        Assert.Matches(ProjectorUrl(), url);
        await org.ShotAsync("14-speeches-drawn");

        // The projector: another device, not signed in, whose own clock is an hour wrong.
        await using var screenContext = await app.NewContextAsync(Projector);
        var screen = await screenContext.NewPageAsync();
        await screen.Clock.SetSystemTimeAsync(DateTime.UtcNow.AddHours(-1));
        await screen.GotoAsync(url);
        var root = screen.Locator("[data-projector]");
        await Assertions.Expect(root).ToHaveAttributeAsync("data-joined", "true");
        await Assertions.Expect(root).ToHaveAttributeAsync("data-phase", "NotStarted");
        await Assertions.Expect(screen.Locator("[data-testid=projector-next]")).ToHaveTextAsync(order[0]);

        await org.GotoInteractiveAsync($"/competitions/{s.CompetitionId}/speeches/panel");
        await org.ShotAsync("15a-panel-not-started");

        // Start reaches the projector without a reload.
        await org.ClickAsync("[data-testid=panel-start]");
        await Assertions.Expect(root).ToHaveAttributeAsync("data-phase", "Running");
        await Assertions.Expect(screen.Locator("[data-testid=projector-current]")).ToHaveTextAsync(order[0]);
        await Assertions.Expect(screen.Locator("[data-testid=projector-next]")).ToHaveTextAsync(order[1]);
        await Assertions.Expect(screen.Locator("[data-testid=projector-countdown]")).ToHaveAttributeAsync("data-level", "ok");
        await Assertions.Expect(org.Locator("[data-testid=panel-countdown]")).ToHaveAttributeAsync("data-level", "ok");

        // Pause reaches it too, and the paused time is the server's.
        await screen.WaitForTimeoutAsync(1500);
        await org.ClickAsync("[data-testid=panel-pause]");
        await Assertions.Expect(root).ToHaveAttributeAsync("data-phase", "Paused");
        await Assertions.Expect(screen.Locator("[data-testid=projector-paused]")).ToBeVisibleAsync();
        await screen.WaitForTimeoutAsync(400);
        Assert.InRange(await ShownRemainingMsAsync(screen, "projector-countdown") - await ServerRemainingMsAsync(s.CompetitionId), -2000, 2000);
        await screen.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Directory, "16a-projector-paused-1920.png") });
        await org.ClickAsync("[data-testid=panel-resume]");
        await Assertions.Expect(root).ToHaveAttributeAsync("data-phase", "Running");

        // Next: the first turn ends, the second speaker is called, the clock is full again.
        await org.ClickAsync("[data-testid=panel-next-button]");
        await Assertions.Expect(root).ToHaveAttributeAsync("data-phase", "Ready");
        await Assertions.Expect(screen.Locator("[data-testid=projector-current]")).ToHaveTextAsync(order[1]);
        await Assertions.Expect(screen.Locator("[data-testid=projector-countdown]")).ToHaveTextAsync("05:00");
        await org.ClickAsync("[data-testid=panel-start]");
        await Assertions.Expect(root).ToHaveAttributeAsync("data-phase", "Running");
        await org.ClickAsync("[data-testid=panel-pause]");
        await Assertions.Expect(root).ToHaveAttributeAsync("data-phase", "Paused");
        await screen.WaitForTimeoutAsync(1000);
        await org.ClickAsync("[data-testid=panel-resume]");
        await Assertions.Expect(root).ToHaveAttributeAsync("data-phase", "Running");
        await org.ShotAsync("15-panel-running");

        // A projector reloaded mid-speech, after a pause, shows what the server's state gives.
        await screen.WaitForTimeoutAsync(1500);
        await screen.ReloadAsync();
        await Assertions.Expect(root).ToHaveAttributeAsync("data-joined", "true");
        var shown = await ShownRemainingMsAsync(screen, "projector-countdown");
        var expected = await ServerRemainingMsAsync(s.CompetitionId);
        Assert.InRange(shown - expected, -2000, 2000);
        Assert.InRange(expected, 60_000, 299_000); // control: the speech has run, and the test is not comparing two full clocks
        // The screen's own clock really is an hour off, and the hall clock it shows is still the server's (China time).
        Assert.InRange(await screen.EvaluateAsync<double>("Date.now()") - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), -3_700_000, -3_500_000);
        var hallClock = TimeOnly.Parse(await screen.Locator("[data-field=clock]").InnerTextAsync(), CultureInfo.InvariantCulture);
        var chinaNow = TimeOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var apart = (hallClock - chinaNow).TotalSeconds; // TimeOnly differences wrap around midnight
        Assert.InRange(Math.Min(apart, 86_400 - apart), 0, 3);
        await screen.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Directory, "16-projector-running-1920.png") });

        // The last minute is amber, and after the end the overrun counts up in red.
        await RewindClockAsync(s.CompetitionId, TimeSpan.FromMinutes(4));
        await Assertions.Expect(screen.Locator("[data-testid=projector-countdown]")).ToHaveAttributeAsync("data-level", "warn");
        await screen.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Directory, "16b-projector-last-minute-1920.png") });
        await RewindClockAsync(s.CompetitionId, TimeSpan.FromMinutes(1.5));
        await Assertions.Expect(screen.Locator("[data-testid=projector-countdown]")).ToHaveAttributeAsync("data-level", "over");
        await Assertions.Expect(screen.Locator("[data-testid=projector-countdown]")).ToHaveTextAsync(new Regex(@"^\+00:[0-5]\d$"));
        await screen.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Directory, "16c-projector-overrun-1920.png") });
        await Assertions.Expect(org.Locator("[data-testid=panel-countdown]")).ToHaveAttributeAsync("data-level", "over");
        // Refreshed by a change published from another thread (here the test's), the panel keeps its own language.
        await Assertions.Expect(org.Locator("[data-testid=panel-phase]")).ToHaveTextAsync("正在演讲");
        await org.ShotAsync("15b-panel-overrun");

        // An absent speaker: called, not there, sent to the end; the projector calls the next one.
        await org.ClickAsync("[data-testid=panel-next-button]");
        await Assertions.Expect(screen.Locator("[data-testid=projector-current]")).ToHaveTextAsync(order[2]);
        await org.ClickAsync("[data-testid=panel-absent]");
        await org.ConfirmDialogAsync();
        await Assertions.Expect(screen.Locator("[data-testid=projector-current]")).ToHaveTextAsync(order[3]);
        Assert.Equal([order[0], order[1], order[3], order[4], order[5], order[2]], await OrderAsync(s.CompetitionId));
        await screen.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Directory, "16d-projector-called-1920.png") });
    }

    [Fact]
    public async Task ProjectorLink_RevokedWhileOpen_ClosesTheScreenAndAnUnknownLinkShowsNothing()
    {
        var s = await app.AtSpeechesAsync(drawn: true);
        await using var orgContext = await app.NewContextAsync(BrowserHelpers.Desktop);
        var org = await orgContext.SignInAsync("organizer", $"/competitions/{s.CompetitionId}/speeches");
        await org.ClickAsync("[data-testid=projector-issue]");
        var url = (await org.Locator("[data-testid=projector-url]").InnerTextAsync()).Trim();
        await using var screenContext = await app.NewContextAsync(Projector);
        var screen = await screenContext.NewPageAsync();
        await screen.GotoAsync(url);
        await Assertions.Expect(screen.Locator("[data-projector]")).ToHaveAttributeAsync("data-joined", "true");
        await Assertions.Expect(screen.Locator("[data-testid=projector-closed]")).ToBeHiddenAsync(); // control

        await org.ClickAsync("[data-testid=projector-revoke]");

        await Assertions.Expect(screen.Locator("[data-testid=projector-closed]")).ToBeVisibleAsync();
        await screen.GotoAsync(url);
        await Assertions.Expect(screen.Locator("[data-testid=projector-invalid]")).ToContainTextAsync("投影链接无效或已过期");
        await screen.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Directory, "16e-projector-invalid-1920.png") });
    }

    [Fact]
    public async Task ScheduleAndNotices_PrintedByChromium_AreA4PdfsWithEveryCandidate()
    {
        var s = await app.AtSpeechesAsync(drawn: true);
        await using var orgContext = await app.NewContextAsync(BrowserHelpers.Desktop);
        var org = await orgContext.SignInAsync("organizer", $"/competitions/{s.CompetitionId}/speeches/schedule");
        await Assertions.Expect(org.Locator("[data-testid=schedule-row]")).ToHaveCountAsync(6);
        await Assertions.Expect(org.Locator("[data-testid=schedule-session]")).ToHaveCountAsync(2);
        await org.ShotAsync("17-speech-schedule");
        var pdfDir = Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(Screenshots.Directory)!, "pdf")).FullName;
        var schedule = await org.PdfAsync(new() { Path = Path.Combine(pdfDir, "speech-schedule.pdf"), Format = "A4", PrintBackground = true });

        await org.GotoInteractiveAsync($"/competitions/{s.CompetitionId}/speeches/notices");
        await Assertions.Expect(org.Locator("[data-testid=notice]")).ToHaveCountAsync(6);
        await Assertions.Expect(org.Locator("[data-testid=notice-time]").First).ToHaveTextAsync("08:30");
        await org.ShotAsync("18-speech-notices");
        var notices = await org.PdfAsync(new() { Path = Path.Combine(pdfDir, "speech-notices.pdf"), Format = "A4", PrintBackground = true });

        Assert.Equal(1, PdfPages(schedule));
        Assert.Equal(6, PdfPages(notices)); // one notice a page
    }

    /// <summary>Chromium writes one "/Type /Page" object per page, uncompressed.</summary>
    private static int PdfPages(byte[] pdf) => Regex.Count(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page(?![a-zA-Z])");
}
