using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CompetitivePosts.Web.Tests.Browser;

/// <summary>The administrator creates an organizer for a new unit, who signs in and sees only that unit.</summary>
[Collection(AppTests.Name)]
public class UserManagementBrowserTests(AppFixture app)
{
    [Fact]
    public async Task Administrator_CreatesAnOrganizerForANewUnit_WhoSeesOnlyThatUnit()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var unit = "保定市审计局-" + suffix;
        var userName = "audit-" + suffix;
        const string first = "Audit#2026go";
        const string own = "Shenji#2026ok";

        await using (var adminContext = await app.NewContextAsync(BrowserHelpers.Desktop))
        {
            var admin = await adminContext.SignInAsync("admin");
            // Text typed before the circuit has taken over the prerendered field is lost; a refused add saves nothing, so type again.
            for (var attempt = 0; attempt < 3 && !await admin.Locator(".mud-snackbar").Filter(new() { HasText = "已添加单位" }).IsVisibleAsync(); attempt++)
            {
                await admin.FillMudAsync("new-unit-name", unit);
                await admin.ClickAsync("[data-testid=create-unit]");
                await admin.Locator(".mud-snackbar").Last.WaitForAsync();
            }

            await Assertions.Expect(admin.Locator(".mud-snackbar").Filter(new() { HasText = "已添加单位" })).ToBeVisibleAsync();

            await admin.ClickAsync("[data-testid=nav-users]");
            await Assertions.Expect(admin.Locator("[data-testid=user-link][data-user=organizer]")).ToBeVisibleAsync();
            await admin.ShotAsync("20-accounts");

            await admin.ClickAsync("[data-testid=new-user]");
            await admin.FillMudAsync("user-name", userName);
            await admin.FillMudAsync("display-name", "审计局人事科");
            await admin.ClickAsync("[data-testid=user-units]");
            await admin.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = unit }).ClickAsync();
            await admin.CloseMudListAsync();
            await admin.FillMudAsync("user-password", "weak");
            await admin.ClickAsync("[data-testid=save-user]");
            // A weak first password is refused beside its field, and nothing is created.
            await Assertions.Expect(admin.Locator(".mud-input-helper-text.mud-input-error").First).ToContainTextAsync("密码");
            await admin.ShotAsync("21-account-new-refused");
            await admin.FillMudAsync("user-password", first);
            await admin.ClickAsync("[data-testid=save-user]");
            await Assertions.Expect(admin.Locator(".mud-snackbar").Last).ToContainTextAsync("账号已创建");
            await Assertions.Expect(admin.Locator("[data-testid=user-title]")).ToContainTextAsync(userName);
            await admin.ShotAsync("22-account-created");
        }

        await using var context = await app.NewContextAsync(BrowserHelpers.Tablet);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("input[name='Form.UserName']", userName);
        await page.FillAsync("input[name='Form.Password']", first);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.Locator("[data-testid=must-change]").WaitForAsync();
        await page.ShotAsync("23-change-password");
        await page.FillAsync("[data-testid=current-password]", first);
        await page.FillAsync("[data-testid=new-password]", own);
        await page.FillAsync("[data-testid=confirm-password]", own);
        await page.ClickAsync("[data-testid=password-submit]");
        await page.WaitForCircuitAsync();

        await Assertions.Expect(page.Locator("[data-testid=empty-competitions]")).ToBeVisibleAsync();
        await page.FillMudAsync("new-competition-name", "2026年审计局中层干部竞争上岗");
        await page.ClickAsync("[data-testid=create-competition]");
        await Assertions.Expect(page.Locator("[data-testid=competition-name]")).ToHaveTextAsync("2026年审计局中层干部竞争上岗");
        await Assertions.Expect(page.Locator(".stage-header")).ToContainTextAsync(unit);
        await page.GotoInteractiveAsync("/");
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("tbody")).ToContainTextAsync(unit);
        await Assertions.Expect(page.Locator("tbody")).Not.ToContainTextAsync(DemoSeeder.UnitName);
        await page.ShotAsync("24-new-organizer-home");

        // control: the demo competition exists and the server refuses it to this organizer, not just hides it,
        // whether the browser navigates inside the Blazor circuit or loads the page anew.
        await using var db = app.NewDb();
        var demo = await db.Competitions.Where(c => c.Name == "2009年中层干部竞争上岗").Select(c => c.Id).FirstAsync();
        await page.EvaluateAsync($"() => Blazor.navigateTo('/competitions/{demo}/roster')");
        await page.WaitForURLAsync("**/account/denied**");
        await Assertions.Expect(page.Locator("[data-testid=access-denied]")).ToBeVisibleAsync();
        await page.GotoInteractiveAsync("/");
        var response = await page.GotoAsync($"/competitions/{demo}/roster");
        Assert.EndsWith("/account/denied?ReturnUrl=%2Fcompetitions%2F" + demo + "%2Froster", page.Url, StringComparison.Ordinal);
        Assert.NotNull(response);
        await page.ShotAsync("25-denied");
    }
}
