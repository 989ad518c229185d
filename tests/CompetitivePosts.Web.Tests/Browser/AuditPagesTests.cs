using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CompetitivePosts.Web.Tests.Browser;

/// <summary>The history page per competition and the verification page for the organization department.</summary>
[Collection(AppTests.Name)]
public class AuditPagesTests(AppFixture app)
{
    private async Task<int> DemoCompetitionIdAsync()
    {
        await using var db = app.NewDb();
        var unit = await app.DemoUnitIdAsync();
        return db.Competitions.Where(c => c.UnitId == unit).OrderBy(c => c.Id).Select(c => c.Id).First();
    }

    [Fact]
    public async Task History_Organizer_SeesEntriesNewestFirstAndFiltersByAction()
    {
        var id = await DemoCompetitionIdAsync();
        await using var context = await app.NewContextAsync(BrowserHelpers.Desktop);
        var page = await context.SignInAsync("organizer");

        await page.GotoInteractiveAsync($"/competitions/{id}/history");

        var entries = page.Locator("[data-testid=history-entry]");
        await Assertions.Expect(entries.First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=verify-chain]")).ToHaveCountAsync(0);
        await entries.First.Locator("summary").ClickAsync();
        await Assertions.Expect(entries.First.Locator(".audit-json").First).ToBeVisibleAsync();
        await page.ShotAsync("14-history");

        await page.SelectMudAsync("history-action", "生成演示数据");
        await Assertions.Expect(page.Locator("[data-testid=history-entry]:not([data-action='demo.seed'])")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=history-entry]").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Verify_Reviewer_SeesTheDemoChainIntact()
    {
        var id = await DemoCompetitionIdAsync();
        await using var context = await app.NewContextAsync(BrowserHelpers.Desktop);
        var page = await context.SignInAsync("reviewer");

        await page.GotoInteractiveAsync($"/competitions/{id}/history");
        await page.ClickAsync("[data-testid=verify-chain]");
        await Assertions.Expect(page.Locator("[data-testid=verify-intact]")).ToContainTextAsync("完整");

        await page.ClickAsync("[data-testid=nav-audit]");
        await page.WaitForSelectorAsync("[data-testid=chains-table]");
        await page.ClickAsync("[data-testid=verify-all]");
        var demoRow = page.Locator("[data-testid=chain-row]").Filter(new() { HasText = "2009年中层干部竞争上岗" }).First;
        await Assertions.Expect(demoRow).ToContainTextAsync("完整");
        await page.ShotAsync("15-audit-verify");
    }
}
