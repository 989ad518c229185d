using CompetitivePosts.Web.Tests.Features.Security;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CompetitivePosts.Web.Tests.Browser;

/// <summary>
/// XSS in every free-text field (HostileInputs.Fields): the payload is stored through the page's use
/// case, then each page that shows it is opened in Chromium by the person who would see it. No script
/// runs, no element with a handler appears, and the text shows as typed.
/// </summary>
[Collection(AppTests.Name)]
public class HostileInputBrowserTests(AppFixture app)
{
    private const string Ran = "() => window.__xss !== undefined";
    private const string Handlers = "() => document.querySelectorAll('[onload], [onerror]').length";

    [Fact]
    public async Task Pages_XssInEveryField_IsShownAsTextAndNeverRuns()
    {
        var failures = new List<string>();
        var checkedPages = 0;
        await using var contexts = new SignedInContexts(app);
        foreach (var field in HostileInputs.Fields)
        {
            var stored = await field.StoreAsync(app, await field.PrepareAsync(app, HostileInputs.Xss), HostileInputs.Xss);
            foreach (var shown in stored.Pages)
            {
                var context = await contexts.ForAsync(shown.Viewer);
                var page = await context.NewPageAsync();
                await page.GotoAsync(shown.Url);
                if (shown.Viewer is not null)
                {
                    await page.WaitForCircuitAsync();
                }

                if (shown.Literal)
                {
                    // The interactive render reloads the page's data after the circuit starts: wait until the text is back.
                    try
                    {
                        await page.WaitForFunctionAsync("t => document.body.innerText.includes(t)", HostileInputs.Xss, new() { Timeout = 15_000 });
                    }
                    catch (TimeoutException)
                    {
                        // Reported below with what the page does show.
                    }
                }

                var text = await page.Locator("body").InnerTextAsync();
                var where = $"{field.Name} on {shown.Url}";
                if (await page.EvaluateAsync<bool>(Ran))
                {
                    failures.Add($"{where}: the payload ran");
                }

                if (await page.EvaluateAsync<int>(Handlers) > 0)
                {
                    failures.Add($"{where}: an element with an event handler appeared");
                }

                if (shown.Literal && !text.Contains(HostileInputs.Xss, StringComparison.Ordinal))
                {
                    var near = text.IndexOf("svg", StringComparison.Ordinal);
                    failures.Add($"{where}: the text is not shown as typed" + (near < 0 ? "" : $" (shown: …{text[Math.Max(0, near - 60)..Math.Min(text.Length, near + 60)]}…)"));
                }

                if (text.Contains("An unhandled error", StringComparison.Ordinal) || text.Contains("发生了未处理的错误", StringComparison.Ordinal))
                {
                    failures.Add($"{where}: the page failed");
                }

                checkedPages++;
                await page.CloseAsync();
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // control: every field was shown somewhere.
        Assert.True(checkedPages >= HostileInputs.Fields.Count, $"only {checkedPages} pages checked");
    }

    [Fact]
    public async Task Login_XssInTheUserName_IsEchoedAsTextAndNeverRuns()
    {
        await using var context = await app.NewContextAsync(BrowserHelpers.Desktop);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");

        await page.FillAsync("input[name='Form.UserName']", HostileInputs.Xss);
        await page.FillAsync("input[name='Form.Password']", "x");
        await page.ClickAsync("[data-testid=login-submit]");
        await page.Locator("[data-testid=login-error]").WaitForAsync();

        Assert.Equal(HostileInputs.Xss, await page.InputValueAsync("input[name='Form.UserName']"));
        Assert.False(await page.EvaluateAsync<bool>(Ran));
        Assert.Equal(0, await page.EvaluateAsync<int>(Handlers));
    }
}
