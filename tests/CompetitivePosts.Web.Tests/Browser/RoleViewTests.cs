using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CompetitivePosts.Web.Tests.Browser;

/// <summary>What each role sees on the same pages.</summary>
[Collection(AppTests.Name)]
public class RoleViewTests(AppFixture app)
{
    private async Task<int> DemoCompetitionIdAsync()
    {
        await using var db = app.NewDb();
        var unit = await app.DemoUnitIdAsync();
        return db.Competitions.Where(c => c.UnitId == unit).OrderBy(c => c.Id).Select(c => c.Id).First();
    }

    [Theory]
    [InlineData("organizer", 1)]
    [InlineData("reviewer", 0)]
    public async Task Roster_DemoCompetition_OnlyTheUnitsOrganizerGetsEditControls(string user, int controls)
    {
        var id = await DemoCompetitionIdAsync();
        await using var context = await app.NewContextAsync(BrowserHelpers.Desktop);
        var page = await context.SignInAsync(user);

        await page.GotoInteractiveAsync($"/competitions/{id}/roster");

        await Assertions.Expect(page.Locator("[data-testid=cadres-table] tbody tr")).ToHaveCountAsync(30);
        await Assertions.Expect(page.Locator("[data-testid=add-cadre]")).ToHaveCountAsync(controls);
        await Assertions.Expect(page.Locator("[data-testid=reset-to-zero]")).ToHaveCountAsync(controls);
        await page.ShotAsync($"02b-demo-roster-{user}");
    }

    [Fact]
    public async Task Home_Administrator_AddsAUnit()
    {
        await using var context = await app.NewContextAsync(BrowserHelpers.Desktop);
        var page = await context.SignInAsync("admin");
        var name = "新单位-" + Guid.NewGuid().ToString("N")[..6];

        await page.FillMudAsync("new-unit-name", name);
        await page.ClickAsync("[data-testid=create-unit]");

        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("已添加单位");
        await page.ShotAsync("01b-home-admin");
    }
}
