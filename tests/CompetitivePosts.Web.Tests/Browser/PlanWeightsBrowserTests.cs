using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Tally;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CompetitivePosts.Web.Tests.Browser;

/// <summary>The category weights on the plan page in Chromium: a refused entry shown in Chinese, a saved one stored, fixed once voting opens.</summary>
[Collection(AppTests.Name)]
public class PlanWeightsBrowserTests(AppFixture app)
{
    private async Task<Weights> StoredAsync(int competitionId)
    {
        await using var db = app.NewDb();
        return (await db.Competitions.AsNoTracking().SingleAsync(c => c.Id == competitionId)).TallyWeights;
    }

    [Fact]
    public async Task PlanPage_Weights_RefusesAllZeroSavesFiveThreeTwoAndIsFixedOnceVotingOpens()
    {
        var s = await app.ArrangeAsync(CompetitionStatus.Speeches);
        var voting = await app.OpenForVotingAsync();
        await using var context = await app.NewContextAsync(BrowserHelpers.Desktop);
        var org = await context.SignInAsync("organizer");

        await org.GotoInteractiveAsync($"/competitions/{s.CompetitionId}/plan");
        await org.Locator("[data-testid=weights-shares]").Filter(new() { HasText = "40%" }).WaitForAsync();
        foreach (var k in new[] { "a", "b", "c" })
        {
            await org.FillMudAsync("weight-" + k, "0");
        }

        await org.ClickAsync("[data-testid=weights-save]");
        await org.Locator(".mud-snackbar").Filter(new() { HasText = "至少有一类权重须大于零" }).WaitForAsync();
        Assert.Equal(Weights.Baoding, await StoredAsync(s.CompetitionId));

        await org.FillMudAsync("weight-a", "5");
        await org.FillMudAsync("weight-b", "3");
        await org.FillMudAsync("weight-c", "2");
        await org.ClickAsync("[data-testid=weights-save]");
        await org.Locator("[data-testid=weights-shares]").Filter(new() { HasText = "20%" }).WaitForAsync();
        await org.Locator(".mud-snackbar").Filter(new() { HasText = "已保存" }).First.WaitForAsync();
        Assert.Equal(new Weights(5, 3, 2), await StoredAsync(s.CompetitionId));
        await org.ShotAsync("70a-plan-weights");

        await org.GotoInteractiveAsync($"/competitions/{voting.CompetitionId}/plan");
        await org.Locator("[data-testid=weights-fixed]").WaitForAsync();
        Assert.Equal(0, await org.Locator("[data-testid=weights-save]").CountAsync());
        await org.ShotAsync("70a-plan-weights-fixed");
    }
}
