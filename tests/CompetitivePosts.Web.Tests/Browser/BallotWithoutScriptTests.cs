using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Web.Tests.Features.Voting;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CompetitivePosts.Web.Tests.Browser;

/// <summary>
/// The tablet ballot must work with no Blazor circuit and, for marking and submitting, with no script at
/// all: here the browser runs none. An unsigned round needs nothing more; a signed one says that its
/// signature pad needs JavaScript.
/// </summary>
[Collection(AppTests.Name)]
public class BallotWithoutScriptTests(AppFixture app)
{
    private static readonly RoundSettings Unsigned = new(RoundKind.Recommendation, IsSigned: false, LimitMode: AgreeLimitMode.Headcount);

    private static ILocator Choice(IPage page, string candidate, string choice) =>
        page.Locator($"[data-testid=candidate][data-name='{candidate}'] label:has(input[data-choice={choice}])");

    [Fact]
    public async Task Ballot_JavaScriptDisabled_SubmitsOnceAndRefusesTheSecondPost()
    {
        var s = await app.OpenForVotingAsync(settings: Unsigned);
        await using var tablet = await app.NewContextAsync(BrowserHelpers.Tablet, javaScript: false);
        var page = await tablet.NewPageAsync();

        await page.GotoAsync($"/b/{s.Tokens["丁"]}");
        await Choice(page, "丙", "Agree").ClickAsync();
        await Choice(page, "乙", "Disagree").ClickAsync();
        await page.ShotAsync("06-ballot");
        await page.ClickAsync("[data-testid=ballot-review]");

        await Assertions.Expect(page.Locator("[data-testid=review-row][data-name='丙']")).ToHaveAttributeAsync("data-choice", "Agree");
        await Assertions.Expect(page.Locator("[data-testid=review-row][data-name='乙']")).ToHaveAttributeAsync("data-choice", "Disagree");
        await page.ShotAsync("06a-ballot-review");
        Assert.Equal(0, await app.BallotCountAsync(s.RoundId)); // the review saves nothing

        // The very form the voter is about to submit, to post it a second time below.
        var fields = new Dictionary<string, object>();
        foreach (var input in await page.Locator("#ballot-form input[type=hidden]").AllAsync())
        {
            fields[(await input.GetAttributeAsync("name"))!] = (await input.GetAttributeAsync("value"))!;
        }

        fields["Step"] = "Submit";
        await page.ClickAsync("[data-testid=ballot-submit]");
        await Assertions.Expect(page.Locator("[data-testid=ballot-submitted]")).ToContainTextAsync("已提交");
        await using (var db = app.NewDb())
        {
            var ballot = await db.UnsignedBallots.SingleAsync(b => b.RoundId == s.RoundId);
            var round = await db.VotingRounds.SingleAsync(r => r.Id == s.RoundId);
            Assert.Equal((short)Domain.Choice.Agree, ballot.Choices[round.Items.Single(i => i.Name == "丙").Position]);
        }

        var after = await app.SnapshotAsync(s.CompetitionId, s.RoundId);
        var second = await tablet.APIRequest.PostAsync($"/b/{s.Tokens["丁"]}", new() { Form = Form(tablet.APIRequest, fields) });

        Assert.Equal(200, second.Status);
        Assert.Contains("已投票", await second.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(after, await app.SnapshotAsync(s.CompetitionId, s.RoundId));
        Assert.Equal(1, await app.BallotCountAsync(s.RoundId));
        await page.GotoAsync($"/b/{s.Tokens["丁"]}");
        await Assertions.Expect(page.Locator("[data-testid=ballot-already]")).ToBeVisibleAsync();
        await page.ShotAsync("06e-ballot-already");
    }

    [Fact]
    public async Task Ballot_TwoTabletsSubmittingOneSlip_OneIsAcceptedAndTheOtherSaysAlreadyCast()
    {
        var s = await app.OpenForVotingAsync(settings: Unsigned);
        await using var one = await app.NewContextAsync(BrowserHelpers.Tablet, javaScript: false);
        await using var two = await app.NewContextAsync(BrowserHelpers.Tablet, javaScript: false);
        var first = await one.NewPageAsync();
        var second = await two.NewPageAsync();
        foreach (var page in new[] { first, second })
        {
            await page.GotoAsync($"/b/{s.Tokens["丙"]}");
            await page.ClickAsync("[data-testid=ballot-review]");
        }

        await first.ClickAsync("[data-testid=ballot-submit]");
        await second.ClickAsync("[data-testid=ballot-submit]");

        await first.Locator("[data-testid=ballot-submitted]").WaitForAsync();
        await Assertions.Expect(second.Locator("[data-testid=ballot-already]")).ToContainTextAsync("已投票");
        Assert.Equal(1, await app.BallotCountAsync(s.RoundId));
    }

    [Fact]
    public async Task Ballot_OverTheAgreeLimit_ShowsChineseErrorNamingThePostAndKeepsMarks()
    {
        var s = await app.OpenForVotingAsync(settings: Unsigned);
        await using var tablet = await app.NewContextAsync(BrowserHelpers.Tablet, javaScript: false);
        var page = await tablet.NewPageAsync();
        await page.GotoAsync($"/b/{s.Tokens["甲"]}");
        await Choice(page, "乙", "Agree").ClickAsync();
        await Choice(page, "丙", "Agree").ClickAsync();

        await page.ClickAsync("[data-testid=ballot-review]");

        await Assertions.Expect(page.Locator("[data-testid=ballot-error]")).ToContainTextAsync("综合科科长");
        await Assertions.Expect(page.Locator("[data-testid=candidate][data-name='乙'] input[data-choice=Agree]")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("[data-testid=candidate][data-name='丙'] input[data-choice=Agree]")).ToBeCheckedAsync();
        await page.ShotAsync("06b-ballot-error");
        Assert.Equal(0, await app.BallotCountAsync(s.RoundId));
    }

    [Fact]
    public async Task Ballot_SignedRoundWithoutJavaScript_SaysTheSignaturePadNeedsItAndSavesNothing()
    {
        var s = await app.OpenForVotingAsync();
        await using var tablet = await app.NewContextAsync(BrowserHelpers.Tablet, javaScript: false);
        var page = await tablet.NewPageAsync();
        await page.GotoAsync($"/b/{s.Tokens["甲"]}");
        await Assertions.Expect(page.Locator("noscript")).ToHaveCountAsync(1);
        Assert.Contains("JavaScript", await page.ContentAsync(), StringComparison.Ordinal);
        await page.FillAsync("[data-testid=signed-name]", "甲");

        await page.ClickAsync("[data-testid=ballot-review]");

        await Assertions.Expect(page.Locator("[data-testid=ballot-error]")).ToContainTextAsync("手写签名");
        Assert.Equal(0, await app.BallotCountAsync(s.RoundId));
    }

    [Fact]
    public async Task Ballot_UnknownToken_ShowsGenericMessage()
    {
        await using var tablet = await app.NewContextAsync(BrowserHelpers.Tablet, javaScript: false);
        var page = await tablet.NewPageAsync();

        await page.GotoAsync("/b/not-a-real-token");

        await Assertions.Expect(page.Locator("[data-testid=ballot-unknown]")).ToContainTextAsync("不能使用");
        await page.ShotAsync("06c-ballot-unknown");
    }

    [Fact]
    public async Task Ballot_PostWithoutAntiforgeryToken_ShowsChineseExpiredPageAndSavesNothing()
    {
        var s = await app.OpenForVotingAsync(settings: Unsigned);
        await using var tablet = await app.NewContextAsync(BrowserHelpers.Tablet, javaScript: false);
        var page = await tablet.NewPageAsync();
        var before = await app.SnapshotAsync(s.CompetitionId, s.RoundId);
        // A form from elsewhere (or from before a restart): same fields, no valid antiforgery token.
        await page.SetContentAsync($"""
            <form method="post" action="{app.BaseUri}b/{s.Tokens["乙"]}">
              <input name="Step" value="Submit"><input name="Marks[0].CandidateId" value="{s.Id("乙")}"><input name="Marks[0].Choice" value="Agree">
              <button id="go">go</button>
            </form>
            """);

        await page.ClickAsync("#go");

        await Assertions.Expect(page.Locator("[data-testid=ballot-expired]")).ToContainTextAsync("已过期");
        await page.ShotAsync("06d-ballot-expired");
        Assert.Equal(before, await app.SnapshotAsync(s.CompetitionId, s.RoundId));
        await page.ClickAsync("[data-testid=ballot-reload]");
        await Assertions.Expect(page.Locator("[data-testid=candidate]")).ToHaveCountAsync(2); // control: the reloaded ballot works
    }

    private static IFormData Form(IAPIRequestContext request, Dictionary<string, object> fields)
    {
        var form = request.CreateFormData();
        foreach (var (key, value) in fields)
        {
            form.Set(key, (string)value);
        }

        return form;
    }
}
