using System.Net;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Tests.Features.Security;

/// <summary>The key ring lives in PostgreSQL, so a restarted or second instance reads the first one's cookies and tokens.</summary>
[Collection(AppTests.Name)]
public class DataProtectionTests(AppFixture app)
{
    [Fact]
    public async Task KeyRing_SecondInstanceOnTheSameDatabase_AcceptsTheFirstInstancesCookieAndAntiforgeryToken()
    {
        var s = await app.OpenForVotingAsync();
        using var signedIn = await WebSession.SignInAsync(app, "organizer");
        using var visitor = new WebSession(app.BaseUri);
        var loginPage = await visitor.Http.GetStringAsync("/account/login");
        await using var second = new SecondInstance(app);

        using var page = await second.SendAsync(HttpMethod.Get, $"/competitions/{s.CompetitionId}/roster", signedIn.Cookies, app.BaseUri);
        var form = WebSession.HiddenFields(loginPage);
        form["_handler"] = "login";
        form["Form.UserName"] = "reviewer";
        form["Form.Password"] = DemoSeeder.Password;
        using var login = await second.SendAsync(HttpMethod.Post, "/account/login", visitor.Cookies, app.BaseUri, new FormUrlEncodedContent(form));
        using var anonymous = await second.SendAsync(HttpMethod.Get, $"/competitions/{s.CompetitionId}/roster", new CookieContainer(), app.BaseUri);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(s.CompetitionId + "/registration", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode); // signed in: the token from the first instance was valid
        Assert.Contains(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
        // control: without the cookie the second instance sends the caller to sign in.
        Assert.Contains("/account/login", anonymous.Headers.Location?.OriginalString, StringComparison.Ordinal);
        await using var db = app.NewDb();
        Assert.True(await db.DataProtectionKeys.AnyAsync(k => k.Xml!.Contains("<key ")));
    }
}
