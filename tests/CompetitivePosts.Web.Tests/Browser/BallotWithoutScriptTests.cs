using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CompetitivePosts.Web.Tests.Browser;

/// <summary>The tablet ballot must work with no Blazor circuit: here the browser runs no script at all.</summary>
[Collection(AppTests.Name)]
public class BallotWithoutScriptTests(AppFixture app)
{
    [Fact]
    public async Task Ballot_JavaScriptDisabled_SubmitsOnceAndRefusesTheSecond()
    {
        var s = await app.OpenForVotingAsync();
        await using var tablet = await app.NewContextAsync(BrowserHelpers.Tablet, javaScript: false);
        var page = await tablet.NewPageAsync();

        await page.GotoAsync($"/b/{s.Tokens["丁"]}");
        await page.Locator("[data-testid=candidate][data-name='丙'] label:has(input[data-choice=Agree])").ClickAsync();
        await page.Locator("[data-testid=candidate][data-name='乙'] label:has(input[data-choice=Disagree])").ClickAsync();
        await page.FillAsync("[data-testid=signed-name]", "丁");
        await page.ClickAsync("[data-testid=ballot-submit]");

        await Assertions.Expect(page.Locator("[data-testid=ballot-submitted]")).ToContainTextAsync("已提交");
        await using (var db = app.NewDb())
        {
            var ballot = await db.Ballots.Include(b => b.Marks).SingleAsync(b => b.CompetitionId == s.CompetitionId);
            Assert.Equal(Domain.Choice.Agree, ballot.Marks.Single(m => m.CandidateId == s.Id("丙")).Choice);
        }

        // Back to the form in the browser's history and submit again: the database refuses it.
        await page.GoBackAsync();
        await page.GotoAsync($"/b/{s.Tokens["丁"]}");
        await Assertions.Expect(page.Locator("[data-testid=ballot-already]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Ballot_ResubmittedFormAfterFirstSubmit_ShowsAlreadySubmitted()
    {
        var s = await app.OpenForVotingAsync();
        await using var one = await app.NewContextAsync(BrowserHelpers.Tablet, javaScript: false);
        await using var two = await app.NewContextAsync(BrowserHelpers.Tablet, javaScript: false);
        var first = await one.NewPageAsync();
        var second = await two.NewPageAsync();
        await first.GotoAsync($"/b/{s.Tokens["丙"]}");
        await second.GotoAsync($"/b/{s.Tokens["丙"]}");

        foreach (var page in new[] { first, second })
        {
            await page.FillAsync("[data-testid=signed-name]", "丙");
            await page.ClickAsync("[data-testid=ballot-submit]");
        }

        await first.Locator("[data-testid=ballot-submitted]").WaitForAsync();
        await Assertions.Expect(second.Locator("[data-testid=ballot-already]")).ToContainTextAsync("已经提交");
    }

    [Fact]
    public async Task Ballot_WrongSignature_ShowsChineseErrorAndKeepsMarks()
    {
        var s = await app.OpenForVotingAsync();
        await using var tablet = await app.NewContextAsync(BrowserHelpers.Tablet, javaScript: false);
        var page = await tablet.NewPageAsync();
        await page.GotoAsync($"/b/{s.Tokens["甲"]}");
        await page.Locator("[data-testid=candidate][data-name='乙'] label:has(input[data-choice=Agree])").ClickAsync();

        await page.FillAsync("[data-testid=signed-name]", "乙");
        await page.ClickAsync("[data-testid=ballot-submit]");

        await Assertions.Expect(page.Locator("[data-testid=ballot-error]")).ToContainTextAsync("签名");
        await Assertions.Expect(page.Locator("[data-testid=candidate][data-name='乙'] input[data-choice=Agree]")).ToBeCheckedAsync();
        await page.ShotAsync("06b-ballot-error");
        await using var db = app.NewDb();
        Assert.False(await db.Ballots.AnyAsync(b => b.CompetitionId == s.CompetitionId));
    }

    [Fact]
    public async Task Ballot_UnknownToken_ShowsGenericMessage()
    {
        await using var tablet = await app.NewContextAsync(BrowserHelpers.Tablet, javaScript: false);
        var page = await tablet.NewPageAsync();

        await page.GotoAsync("/b/not-a-real-token");

        await Assertions.Expect(page.Locator("[data-testid=ballot-unknown]")).ToContainTextAsync("无效");
        await page.ShotAsync("06c-ballot-unknown");
    }
}
