using System.Net;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Users;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CompetitivePosts.Web.Tests.Features.Accounts;

/// <summary>Sign-in through the real form: lockout, a new session each time, disabled accounts, sign-out.</summary>
[Collection(AppTests.Name)]
public class SignInTests(AppFixture app)
{
    private const string CookieName = ".AspNetCore.Identity.Application";

    private static async Task<HttpResponseMessage> TryAsync(WebSession session, string user, string password) =>
        await session.SubmitAsync("/account/login", "login", new() { ["Form.UserName"] = user, ["Form.Password"] = password });

    private async Task<AppUser> UserAsync(string name)
    {
        await using var db = app.NewDb();
        return await db.Users.AsNoTracking().SingleAsync(u => u.UserName == name);
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_CountsEachAndLocksTheAccount()
    {
        var name = TestAccounts.NewName("m-lock");
        await app.EnsureAsync(name, Roles.Reviewer);
        using var session = new WebSession(app.BaseUri);

        using (var first = await TryAsync(session, name, "Wrong@2009"))
        {
            Assert.Contains("用户名或密码错误", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(1, (await UserAsync(name)).AccessFailedCount);
        for (var i = 2; i <= 5; i++)
        {
            (await TryAsync(session, name, "Wrong@2009")).Dispose();
        }

        var locked = await UserAsync(name);
        using var right = await TryAsync(session, name, DemoSeeder.Password);
        var page = await right.Content.ReadAsStringAsync();

        Assert.True(locked.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(10), $"locked until {locked.LockoutEnd}");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("密码错误次数过多", page, StringComparison.Ordinal);
        Assert.DoesNotContain(session.Cookies.GetCookies(app.BaseUri), c => c.Name == CookieName);

        // control: once an administrator unlocks it, the same password signs in.
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<UnlockUser.Handler>().HandleAsync(Scenarios.Administrator, new UnlockUser.Command(locked.Id));
        using var again = await TryAsync(session, name, DemoSeeder.Password);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(0, (await UserAsync(name)).AccessFailedCount);
    }

    [Fact]
    public async Task SignIn_SameUserTwiceInOneBrowser_StartsANewSession()
    {
        var name = TestAccounts.NewName("m-session");
        await app.EnsureAsync(name, Roles.Reviewer);
        using var session = new WebSession(app.BaseUri);

        (await TryAsync(session, name, DemoSeeder.Password)).Dispose();
        var first = session.Cookies.GetCookies(app.BaseUri)[CookieName]!.Value;
        (await TryAsync(session, name, DemoSeeder.Password)).Dispose();
        var second = session.Cookies.GetCookies(app.BaseUri)[CookieName]!.Value;

        var format = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme).TicketDataFormat;
        var firstSession = format.Unprotect(first)!.Principal.FindFirst(AppClaims.Session)!.Value;
        var secondSession = format.Unprotect(second)!.Principal.FindFirst(AppClaims.Session)!.Value;
        Assert.NotEqual(first, second);
        Assert.NotEqual(firstSession, secondSession);
        Assert.Equal(32, secondSession.Length);
    }

    [Fact]
    public async Task Logout_WithoutAntiforgeryToken_IsRefusedWithAClearPageAndStaysSignedIn()
    {
        var name = TestAccounts.NewName("m-logout");
        await app.EnsureAsync(name, Roles.Reviewer);
        using var session = await WebSession.SignInAsync(app, name);
        var stolen = session.Cookies.GetCookies(app.BaseUri)[CookieName]!.Value;

        using var forged = await session.Http.PostAsync("/account/logout", new FormUrlEncodedContent([]));
        var page = await forged.Content.ReadAsStringAsync();
        using var stillIn = await session.Http.GetAsync("/filings");

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("页面已过期", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);

        // control: the sign-out form of a page, token included, signs out; a copy of the old cookie dies with it.
        var home = await session.Http.GetStringAsync("/");
        var token = WebSession.HiddenFields(home)["__RequestVerificationToken"];
        using var real = await session.Http.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, real.StatusCode);
        using (var after = await session.Http.GetAsync("/filings"))
        {
            Assert.Equal(AuthorizationOutcome.Challenged, Classify(after));
        }

        await Task.Delay(TimeSpan.FromSeconds(3)); // Security:RevalidateSeconds is 2 in the tests
        using var replay = new WebSession(app.BaseUri);
        replay.Cookies.Add(app.BaseUri, new Cookie(CookieName, stolen));
        using var replayed = await replay.Http.GetAsync("/filings");
        Assert.Equal(AuthorizationOutcome.Challenged, Classify(replayed));
    }

    [Fact]
    public async Task SignIn_DisabledAccount_IsRefusedAndItsOpenSessionEnds()
    {
        var name = TestAccounts.NewName("m-disabled");
        var id = await app.EnsureAsync(name, Roles.Reviewer);
        using var session = await WebSession.SignInAsync(app, name);
        using (var before = await session.Http.GetAsync("/filings"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode); // control: the session works until the account is disabled
        }

        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<SetUserDisabled.Handler>().HandleAsync(Scenarios.Administrator, new SetUserDisabled.Command(id, true));
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        using var after = await session.Http.GetAsync("/filings");
        using var fresh = new WebSession(app.BaseUri);
        using var again = await TryAsync(fresh, name, DemoSeeder.Password);

        Assert.Equal(AuthorizationOutcome.Challenged, Classify(after));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("用户名或密码错误", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_AfterAdministratorReset_MustChangePasswordBeforeAnyPage()
    {
        var name = TestAccounts.NewName("m-reset");
        var id = await app.EnsureAsync(name, Roles.Reviewer);
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ResetPassword.Handler>().HandleAsync(Scenarios.Administrator, new ResetPassword.Command(id, "Temp#2026x"));
        }

        using var session = new WebSession(app.BaseUri);
        using var signIn = await TryAsync(session, name, "Temp#2026x");
        using var home = await session.Http.GetAsync("/filings");
        var changed = await session.SubmitAsync("/account/password", "password",
            new() { ["Form.Current"] = "Temp#2026x", ["Form.New"] = "Mine#2026yz", ["Form.Confirm"] = "Mine#2026yz" });
        using var afterwards = await session.Http.GetAsync("/filings");

        Assert.Contains("/account/password?", signIn.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("/account/password?", home.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
        Assert.False((await UserAsync(name)).MustChangePassword);
    }

    [Fact]
    public async Task ChangePassword_WeakOrMismatched_ShowsEveryReasonAndKeepsTheOldPassword()
    {
        var name = TestAccounts.NewName("m-weak");
        await app.EnsureAsync(name, Roles.Reviewer);
        using var session = await WebSession.SignInAsync(app, name);
        var before = (await UserAsync(name)).PasswordHash;

        using var weak = await session.SubmitAsync("/account/password", "password",
            new() { ["Form.Current"] = DemoSeeder.Password, ["Form.New"] = "abc", ["Form.Confirm"] = "abc" });
        var page = await weak.Content.ReadAsStringAsync();
        using var mismatch = await session.SubmitAsync("/account/password", "password",
            new() { ["Form.Current"] = DemoSeeder.Password, ["Form.New"] = "Good#2026xy", ["Form.Confirm"] = "Good#2026xz" });

        Assert.Contains("密码至少需要8个字符", page, StringComparison.Ordinal);
        Assert.Contains("密码必须包含大写字母", page, StringComparison.Ordinal);
        Assert.Contains("密码必须包含数字", page, StringComparison.Ordinal);
        Assert.Contains("两次输入的新密码不一致", await mismatch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, (await UserAsync(name)).PasswordHash);
    }

    private static AuthorizationOutcome Classify(HttpResponseMessage response) =>
        response.Headers.Location?.OriginalString.Contains("/account/login", StringComparison.Ordinal) == true ? AuthorizationOutcome.Challenged
        : response.StatusCode == HttpStatusCode.OK ? AuthorizationOutcome.Allowed : AuthorizationOutcome.Other;

    private enum AuthorizationOutcome
    {
        Allowed,
        Challenged,
        Other,
    }
}
