using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CompetitivePosts.Web.Tests.Browser;

/// <summary>The main pages work in Chromium under the Content-Security-Policy and raise no violation.</summary>
[Collection(AppTests.Name)]
public class ContentSecurityPolicyTests(AppFixture app)
{
    private const string Collect =
        "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));";

    private static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("() => window.__csp || []");

    [Fact]
    public async Task MainPages_EveryRole_RunWithoutAViolation()
    {
        var s = await app.ReadyToDecideAsync();
        var id = s.CompetitionId;
        var voting = await app.OpenForVotingAsync();
        var found = new List<string>();
        var pages = new (string? User, string Url, bool Interactive)[]
        {
            (null, "/", true),
            (null, "/account/login", false),
            (null, "/b/" + voting.Tokens["丁"], false),
            ("organizer", "/", true),
            ("organizer", $"/competitions/{id}/roster", true),
            ("organizer", $"/competitions/{id}/registration", true),
            ("organizer", $"/competitions/{id}/speeches", true),
            ("organizer", $"/competitions/{voting.CompetitionId}/voting", true),
            ("organizer", $"/competitions/{voting.CompetitionId}/tally", true),
            ("organizer", $"/competitions/{id}/decisions", true),
            ("organizer", $"/competitions/{id}/history", true),
            ("organizer", "/account/password", false),
            ("reviewer", "/filings", true),
            ("reviewer", "/audit", true),
            ("admin", "/admin/users", true),
            ("admin", "/admin/users/new", true),
        };
        await using var contexts = new SignedInContexts(app, Collect);
        foreach (var (user, url, interactive) in pages)
        {
            var context = await contexts.ForAsync(user);
            var page = await context.NewPageAsync();
            var console = new List<string>();
            page.Console += (_, m) =>
            {
                if (m.Type == "error")
                {
                    console.Add(m.Text);
                }
            };
            await page.GotoAsync(url);
            if (interactive)
            {
                await page.WaitForCircuitAsync();
            }

            found.AddRange((await ViolationsAsync(page)).Select(v => $"{url} as {user ?? "anonymous"}: {v}"));
            found.AddRange(console.Where(c => c.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)).Select(c => $"{url}: {c}"));
            await page.CloseAsync();
        }

        Assert.True(found.Count == 0, string.Join("\n", found));

        // control: an injected inline script is blocked and reported, so the listener works.
        var probe = await (await contexts.ForAsync("organizer")).NewPageAsync();
        await probe.GotoInteractiveAsync("/");
        await probe.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1'; document.body.appendChild(s); }");
        await probe.WaitForFunctionAsync("() => window.__csp.length > 0");
        Assert.False(await probe.EvaluateAsync<bool>("() => window.__ran === 1"));
        Assert.Contains(await ViolationsAsync(probe), v => v.StartsWith("script-src", StringComparison.Ordinal));
    }
}
