using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Projector;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CompetitivePosts.Web.Tests.Browser;

/// <summary>What a person does with the pages: sign in, pick from a Mud select, confirm a dialog.</summary>
public static class BrowserHelpers
{
    public static readonly ViewportSize Desktop = new() { Width = 1366, Height = 900 };
    public static readonly ViewportSize Tablet = new() { Width = 810, Height = 1080 };

    public static async Task<IBrowserContext> NewContextAsync(this AppFixture app, ViewportSize size, bool javaScript = true)
    {
        var browser = await app.BrowserAsync();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUri.ToString(),
            ViewportSize = size,
            JavaScriptEnabled = javaScript,
            Locale = "zh-CN",
            HasTouch = size.Width == Tablet.Width,
        });
        context.SetDefaultTimeout(20_000);
        return context;
    }

    /// <summary>
    /// The hall's big screen (1920×1080) on the projector page of the scenario's round, through a link the unit's organizer
    /// has just issued, once it has joined the hub. Dispose the screen.
    /// </summary>
    public static async Task<(IBrowserContext Screen, IPage Page)> OpenTallyProjectorAsync(this AppFixture app, VotingScenario s)
    {
        string token;
        using (var scope = app.Services.CreateScope())
        {
            token = (await scope.ServiceProvider.GetRequiredService<ProjectorLinks>().IssueAsync(s.CompetitionId, ProjectorPurposes.Tally, s.RoundId,
                TimeSpan.FromHours(2), Scenarios.Organizer(await app.DemoUnitIdAsync()))).Token;
        }

        var screen = await app.NewContextAsync(new ViewportSize { Width = 1920, Height = 1080 });
        var page = await screen.NewPageAsync();
        await page.GotoAsync($"/projector/tally/{token}");
        await page.WaitForSelectorAsync("[data-tally-projector][data-joined=true]");
        return (screen, page);
    }

    public static async Task<IPage> SignInAsync(this IBrowserContext context, string user, string? returnUrl = null)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        await page.FillAsync("input[name='Form.UserName']", user);
        await page.FillAsync("input[name='Form.Password']", DemoSeeder.Password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForSelectorAsync("[data-testid=current-user]");
        await WaitForCircuitAsync(page);
        return page;
    }

    /// <summary>
    /// Interactive handlers only work once the Blazor circuit is up. An interactive page (it carries the reconnect dialog)
    /// is up when the layout's circuit marker has been drawn; a click before that lands on the prerendered page and is
    /// lost (a busy run once lost the create button's click this way). A static page has no circuit to wait for.
    /// </summary>
    public static async Task WaitForCircuitAsync(this IPage page)
    {
        await page.WaitForFunctionAsync(
            "() => window.Blazor !== undefined && document.querySelector('.mud-layout') !== null"
            + " && (document.getElementById('components-reconnect-modal') === null || document.querySelector('[data-circuit=up]') !== null)");
        await page.WaitForTimeoutAsync(300);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    public static async Task GotoInteractiveAsync(this IPage page, string url)
    {
        await page.GotoAsync(url);
        await WaitForCircuitAsync(page);
    }

    public static Task FillMudAsync(this IPage page, string testId, string value) =>
        page.Locator(MudInput(testId)).First.FillAsync(value);

    /// <summary>MudBlazor puts a text field's attributes on the input itself, other components' on their root.</summary>
    public static string MudInput(string testId) =>
        $"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea";

    public static Task SelectMudAsync(this IPage page, string testId, string optionText) =>
        page.SelectMudAsync(page.Locator($"[data-testid={testId}]"), optionText);

    public static async Task SelectMudAsync(this IPage page, ILocator select, string optionText)
    {
        await select.ClickAsync();
        var item = page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = optionText }).First;
        await item.ClickAsync();
        await page.Locator(".mud-popover-open").WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    /// <summary>
    /// Closes an open MudBlazor list that stays open after a choice (a multi-select): Escape, as a person would, and when a busy
    /// machine lets the key go by, a click away from it.
    /// </summary>
    public static async Task CloseMudListAsync(this IPage page)
    {
        var open = page.Locator(".mud-popover-open");
        await page.Keyboard.PressAsync("Escape");
        try
        {
            await open.WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 3000 });
        }
        catch (TimeoutException)
        {
            await page.Mouse.ClickAsync(2, 2);
            await open.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        }
    }

    /// <summary>Types into a MudAutocomplete and picks the first suggestion that contains <paramref name="optionText"/>.</summary>
    public static async Task PickMudAsync(this IPage page, string testId, string optionText, string? typed = null)
    {
        var input = page.Locator(MudInput(testId)).First;
        await input.ClickAsync();
        await input.FillAsync(typed ?? optionText);
        var item = page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = optionText }).First;
        await item.ClickAsync();
        try
        {
            await page.Locator(".mud-popover-open .mud-list-item").First.WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 3000 });
        }
        catch (TimeoutException)
        {
            // Some pages reload after the choice and the list opens again under the cursor: close it as a person would,
            // by pressing Escape in the box and then clicking away from it.
            await input.PressAsync("Escape");
            await input.EvaluateAsync("el => el.blur()");
            await page.Mouse.ClickAsync(2, 2);
        }

        // What matters is the choice the box holds, whether or not a stray list is still fading out.
        await Assertions.Expect(input).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(optionText)));
    }

    /// <summary>Answers the reason dialog: types the reason and presses its button.</summary>
    public static async Task GiveReasonAsync(this IPage page, string reason)
    {
        var dialog = page.Locator(".mud-dialog");
        await dialog.WaitForAsync();
        await dialog.Locator("textarea").First.FillAsync(reason);
        await dialog.Locator("[data-testid=reason-submit]").ClickAsync();
        await dialog.WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    public static async Task ConfirmDialogAsync(this IPage page)
    {
        var dialog = page.Locator(".mud-dialog");
        await dialog.WaitForAsync();
        await dialog.Locator(".mud-dialog-actions button").Last.ClickAsync();
        await dialog.WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    public static Task ExpectErrorSnackbarAsync(this IPage page) =>
        page.Locator(".mud-snackbar.mud-alert-filled-error").First.WaitForAsync();

    /// <summary>
    /// Saves the page at desktop and at tablet size into artifacts/screenshots, for people to look at.
    /// </summary>
    public static async Task ShotAsync(this IPage page, string name)
    {
        var dir = Screenshots.Directory;
        var current = page.ViewportSize;
        var original = current is null ? Desktop : new ViewportSize { Width = current.Width, Height = current.Height };
        // A full-page shot taken while scrolled draws the fixed app bar over the middle of the page.
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        foreach (var (label, size) in new[] { ("desktop", Desktop), ("tablet", Tablet) })
        {
            await page.SetViewportSizeAsync(size.Width, size.Height);
            await page.WaitForTimeoutAsync(150);
            await page.ScreenshotAsync(new() { Path = Path.Combine(dir, $"{name}-{label}.png"), FullPage = true });
        }

        await page.SetViewportSizeAsync(original.Width, original.Height);
    }
}

public static class Screenshots
{
    public static string Directory { get; } = Create();

    private static string Create()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CompetitivePosts.sln")))
        {
            dir = dir.Parent;
        }

        var path = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "artifacts", "screenshots");
        System.IO.Directory.CreateDirectory(path);
        return path;
    }
}

/// <summary>One browser context per person, signed in once and shared by the pages a test opens for them (signing in is the slow part).</summary>
public sealed class SignedInContexts(AppFixture app, string? initScript = null) : IAsyncDisposable
{
    private readonly Dictionary<string, IBrowserContext> _contexts = [];

    /// <summary>The context of <paramref name="user"/>, or of nobody signed in when it is null.</summary>
    public async Task<IBrowserContext> ForAsync(string? user)
    {
        if (!_contexts.TryGetValue(user ?? "", out var context))
        {
            context = await app.NewContextAsync(BrowserHelpers.Desktop);
            if (initScript is not null)
            {
                await context.AddInitScriptAsync(initScript);
            }

            _contexts[user ?? ""] = context;
            if (user is not null)
            {
                await (await context.SignInAsync(user)).CloseAsync();
            }
        }

        return context;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _contexts.Values)
        {
            await c.DisposeAsync();
        }
    }
}
