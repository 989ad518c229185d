using System.Net;
using CompetitivePosts.Web.Tests.Infrastructure;

namespace CompetitivePosts.Web.Tests.Features.Security;

/// <summary>
/// Sign-in and ballot links are limited per client address. The suite's own instance has very high
/// limits (AppFactory); these tests start an instance with limits of 3 and 4.
/// </summary>
[Collection(AppTests.Name)]
public class RateLimitTests(AppFixture app)
{
    [Fact]
    public async Task Login_MorePostsThanTheLimit_AreAnsweredWith429AndAChineseMessage()
    {
        await using var instance = new SecondInstance(app, ("RateLimits:LoginPermitLimit", "3"), ("RateLimits:LoginWindowSeconds", "600"));
        var before = await DbSnapshot.TakeAsync(app);
        var page = await instance.Browser.GetStringAsync("/account/login");
        var statuses = new List<HttpStatusCode>();
        string last = "";
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 5; i++)
        {
            var form = WebSession.HiddenFields(page);
            form["_handler"] = "login";
            form["Form.UserName"] = "nobody-" + i;
            form["Form.Password"] = "Guess#" + i + "aaaa";
            var response = await instance.Browser.PostAsync("/account/login", new FormUrlEncodedContent(form));
            statuses.Add(response.StatusCode);
            last = await response.Content.ReadAsStringAsync();
            limited?.Dispose();
            limited = response;
        }

        using var show = await instance.Browser.GetAsync("/account/login");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Contains("请求过于频繁", last, StringComparison.Ordinal);
        Assert.True(int.Parse(limited!.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        limited.Dispose();
        // Showing the form is not counted, and the refused attempts changed nothing.
        Assert.Equal(HttpStatusCode.OK, show.StatusCode);
        before.AssertUnchanged(await DbSnapshot.TakeAsync(app));
    }

    [Fact]
    public async Task BallotLinks_GuessingTokens_IsStoppedAfterTheLimitAndSavesNothing()
    {
        var s = await app.OpenForVotingAsync();
        await using var instance = new SecondInstance(app, ("RateLimits:BallotPermitLimit", "4"), ("RateLimits:BallotWindowSeconds", "600"));
        var before = await DbSnapshot.TakeAsync(app);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var guess = await instance.Http.GetAsync("/b/" + Guid.NewGuid().ToString("N"));
            statuses.Add(guess.StatusCode);
        }

        // Even the right token is refused from this address until the window passes.
        using var right = await instance.Http.GetAsync("/b/" + s.Tokens["甲"]);
        var message = await right.Content.ReadAsStringAsync();

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 4), statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Contains("请求过于频繁", message, StringComparison.Ordinal);
        Assert.DoesNotContain("乙", message, StringComparison.Ordinal);
        before.AssertUnchanged(await DbSnapshot.TakeAsync(app));
        // control: the suite's own instance still serves the same link.
        using var session = new WebSession(app.BaseUri);
        Assert.Contains("乙", await session.Http.GetStringAsync("/b/" + s.Tokens["甲"]), StringComparison.Ordinal);
    }
}
