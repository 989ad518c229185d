using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CompetitivePosts.Web.Tests.Browser;

/// <summary>
/// Step 5 of the loop (公示): the organizer publishes the notice of the filed appointee, records an
/// objection and its handling, closes the notice, and the roster shows the appointee in post; the
/// notice and the unit report print on A4.
/// </summary>
[Collection(AppTests.Name)]
public class NoticeBrowserTests(AppFixture app)
{
    [Fact]
    public async Task Notice_PublishObjectAndClose_AppointeeHoldsThePostAndPrints()
    {
        var s = await app.AcceptedAsync("公示测试-" + Guid.NewGuid().ToString("N")[..6]);
        await using var context = await app.NewContextAsync(BrowserHelpers.Desktop);
        var page = await context.SignInAsync("organizer");

        await page.GotoInteractiveAsync($"/competitions/{s.CompetitionId}/notice");
        await Assertions.Expect(page.Locator("[data-testid=notice-entry][data-name='乙']")).ToBeVisibleAsync();
        await page.ShotAsync("80-notice-publish");
        await page.FillMudAsync("notice-contact", "市国资委组织人事科 0312-5555555");
        await page.ClickAsync("[data-testid=publish-notice]");
        await page.ConfirmDialogAsync();
        await Assertions.Expect(page.Locator("[data-testid=notice-status]")).ToContainTextAsync("5 个工作日");

        // An objection, then its handling: the notice cannot close while it is open.
        await page.FillMudAsync("objection-content", "来电反映乙同志工作作风问题。");
        await page.ClickAsync("[data-testid=record-objection]");
        await Assertions.Expect(page.Locator("[data-testid=objection-row]")).ToHaveCountAsync(1);
        await page.ClickAsync("[data-testid=handle-objection]");
        await page.FillMudAsync("handling-text", "经组织部门调查核实，反映问题不属实。");
        await page.Locator("[data-testid=handling-result] .mud-radio").First.ClickAsync();
        await page.ClickAsync("[data-testid=save-handling]");
        await Assertions.Expect(page.Locator("[data-testid=objection-row]")).ToContainTextAsync("反映不属实");

        await app.PassNoticePeriodAsync(s.CompetitionId);

        await page.GotoInteractiveAsync($"/competitions/{s.CompetitionId}/notice");
        // Closing without a conclusion says so before asking to confirm.
        await page.ClickAsync("[data-testid=close-notice]");
        await page.ExpectErrorSnackbarAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await page.FillMudAsync("notice-conclusion", "公示期满，反映问题经核查不属实，按程序办理任职手续。");
        await page.ClickAsync("[data-testid=close-notice]");
        await page.ConfirmDialogAsync();
        await Assertions.Expect(page.Locator("[data-testid=notice-closed]")).ToBeVisibleAsync();
        await page.ShotAsync("81-notice-closed");

        await page.GotoInteractiveAsync($"/competitions/{s.CompetitionId}/roster");
        await Assertions.Expect(page.Locator("tr", new() { HasText = "综合科科长" }).First).ToContainTextAsync("乙");

        await page.GotoInteractiveAsync($"/competitions/{s.CompetitionId}/notice/print");
        await Assertions.Expect(page.Locator("[data-testid=notice-sheet]")).ToContainTextAsync("乙");
        await page.ShotAsync("82-notice-print");
        await page.PdfAsync(new() { Path = Path.Combine(Screenshots.Directory, "82-notice.pdf"), Format = "A4", PrintBackground = true });

        await page.GotoInteractiveAsync($"/competitions/{s.CompetitionId}/outcomes");
        await Assertions.Expect(page.Locator("[data-testid=cadre-outcome][data-name='乙']")).ToContainTextAsync("留任");
        await page.ShotAsync("83-unit-report");
        await page.PdfAsync(new() { Path = Path.Combine(Screenshots.Directory, "83-unit-report.pdf"), Format = "A4", PrintBackground = true });
    }

    [Fact]
    public async Task Roster_TwoSeatPostAfterTheNotice_ListsEveryHolder()
    {
        var s = await app.TwoSeatsInPostAsync();
        await using var context = await app.NewContextAsync(BrowserHelpers.Desktop);
        var page = await context.SignInAsync("organizer");

        await page.GotoInteractiveAsync($"/competitions/{s.CompetitionId}/roster");
        await Assertions.Expect(page.Locator("[data-testid=post-row][data-post='综合科副科长'] [data-testid=holder-now]")).ToHaveTextAsync(["丁", "丙"]);
        // The one-seat post is the control.
        await Assertions.Expect(page.Locator("[data-testid=post-row][data-post='综合科科长'] [data-testid=holder-now]")).ToHaveTextAsync(["乙"]);
        await Assertions.Expect(page.Locator("[data-testid=cadre-row][data-name='丙'] [data-testid=cadre-post]")).ToHaveTextAsync("综合科副科长");
        await page.ShotAsync("85-roster-two-seats");
    }

    [Fact]
    public async Task Calendar_Administrator_SeesTheSeededHolidays()
    {
        await using var context = await app.NewContextAsync(BrowserHelpers.Desktop);
        var page = await context.SignInAsync("admin");
        await page.GotoInteractiveAsync("/admin/calendar");
        while (await page.Locator("[data-testid=calendar-year]").InnerTextAsync() != "2026")
        {
            var year = int.Parse(await page.Locator("[data-testid=calendar-year]").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
            await page.ClickAsync(year > 2026 ? "[data-testid=calendar-prev]" : "[data-testid=calendar-next]");
        }

        await Assertions.Expect(page.Locator("[data-testid=calendar-day]", new() { HasText = "国庆节调休" })).ToHaveCountAsync(2);
        await page.ShotAsync("84-holiday-calendar");
    }
}
