using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Features.Decisions;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CompetitivePosts.Web.Tests.Browser;

/// <summary>What people see when security says no: a locked account, a stale form, a filing they may not review.</summary>
[Collection(AppTests.Name)]
public class SecurityPagesBrowserTests(AppFixture app)
{
    [Fact]
    public async Task Login_FiveWrongPasswords_ShowsTheLockoutInChinese()
    {
        var name = "m-lockpage-" + Guid.NewGuid().ToString("N")[..6];
        await app.EnsureAsync(name, Roles.Observer);
        await using var context = await app.NewContextAsync(BrowserHelpers.Tablet);
        var page = await context.NewPageAsync();

        for (var i = 0; i < 5; i++)
        {
            await page.GotoAsync("/account/login");
            await page.FillAsync("input[name='Form.UserName']", name);
            await page.FillAsync("input[name='Form.Password']", "Wrong#2009x");
            await page.ClickAsync("[data-testid=login-submit]");
            await page.Locator("[data-testid=login-error]").WaitForAsync();
        }

        await Assertions.Expect(page.Locator("[data-testid=login-error]")).ToContainTextAsync("此账号已锁定15分钟");
        await page.ShotAsync("26-login-locked");
    }

    [Fact]
    public async Task Form_PostedAfterItsSessionEnded_GetsTheExpiredPage()
    {
        await using var context = await app.NewContextAsync(BrowserHelpers.Tablet);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await context.ClearCookiesAsync(); // the browser was closed in between: a new antiforgery cookie, an old form

        await page.FillAsync("input[name='Form.UserName']", "reviewer");
        await page.FillAsync("input[name='Form.Password']", DemoSeeder.Password);
        await page.ClickAsync("[data-testid=login-submit]");

        await Assertions.Expect(page.Locator("[data-testid=status-400]")).ToContainTextAsync("页面已过期");
        await page.ShotAsync("27-form-expired");
        // control: following the advice (reload, try again) signs in.
        await page.GotoAsync("/account/login");
        await page.FillAsync("input[name='Form.UserName']", "reviewer");
        await page.FillAsync("input[name='Form.Password']", DemoSeeder.Password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.Locator("[data-testid=current-user]").WaitForAsync();
    }

    [Fact]
    public async Task FilingReview_ReviewerWhoDecided_SeesWhyAndNoButtons()
    {
        var s = await app.ReadyToDecideAsync();
        var unit = await app.DemoUnitIdAsync();
        var name = "m-both-roles-" + Guid.NewGuid().ToString("N")[..6];
        var id = await app.EnsureAsync(name, Roles.Organizer, unit);
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.AddToRoleAsync((await users.FindByIdAsync(id))!, Roles.Reviewer);
            var decider = new Actor(name, ActorRoles.Organizer | ActorRoles.Reviewer, [unit], id);
            var decisions = scope.ServiceProvider.GetRequiredService<DecisionsHandler>();
            await decisions.DecideAsync(s.CompetitionId, decider, await app.PostIdAsync(s.CompetitionId, "综合科科长"), s.Id("乙"), null);
            await app.RecordMeetingAsync(s.CompetitionId, decider);
            await decisions.SubmitFilingAsync(s.CompetitionId, decider);
        }

        await using var context = await app.NewContextAsync(BrowserHelpers.Desktop);
        var page = await context.SignInAsync(name);
        await page.GotoInteractiveAsync($"/filings/{s.CompetitionId}");

        await Assertions.Expect(page.Locator("[data-testid=review-conflict]")).ToContainTextAsync("不能审核其备案");
        await Assertions.Expect(page.Locator("[data-testid=submit-review]")).ToHaveCountAsync(0);
        await page.ShotAsync("28-review-conflict");
        // control: an uninvolved reviewer gets the buttons on the same filing.
        await using var other = await app.NewContextAsync(BrowserHelpers.Desktop);
        var reviewer = await other.SignInAsync("reviewer");
        await reviewer.GotoInteractiveAsync($"/filings/{s.CompetitionId}");
        await Assertions.Expect(reviewer.Locator("[data-testid=submit-review]")).ToHaveCountAsync(1);
    }
}
