using System.Text.Json;
using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Web.Features.Projector;
using CompetitivePosts.Web.Features.Speeches;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CompetitivePosts.Web.Tests.Browser;

/// <summary>
/// Every target a finger can hit on the organizer pages is at least 44 × 44 CSS px on a 810 px
/// wide tablet (WCAG 2.5.5). Each page is measured with its edit controls showing, at the stage
/// where they show; the failure lists every offender with its size.
/// </summary>
[Collection(AppTests.Name)]
public class TouchTargetTests(AppFixture app)
{
    private const double Minimum = 44;

    // Interactive elements as a browser sees them. Excluded, with the reason:
    // - elements not rendered (display none, zero size) and inputs of type hidden: nothing to hit;
    // - MudBlazor's select and checkbox inputs inside a larger control: the control is the target and is measured itself
    //   (the select's box is a .mud-input-slot div, the checkbox's is its .mud-icon-button).
    private const string Script = """
        () => {
          const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=tab], [tabindex]:not([tabindex="-1"]), .mud-select .mud-input-slot';
          const seen = new Set();
          const found = [];
          for (const el of document.querySelectorAll(selector)) {
            if (seen.has(el)) continue;
            seen.add(el);
            if (el.matches('.mud-select input, .mud-checkbox input')) continue;
            const style = getComputedStyle(el);
            const r = el.getBoundingClientRect();
            if (style.display === 'none' || style.visibility === 'hidden' || (r.width === 0 && r.height === 0)) continue;
            found.push({
              what: el.tagName.toLowerCase() + (el.dataset.testid ? '[' + el.dataset.testid + ']' : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).slice(0, 3).join('.') : ''),
              text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 30),
              width: Math.round(r.width * 10) / 10,
              height: Math.round(r.height * 10) / 10,
            });
          }
          return found;
        }
        """;

    private sealed record Target(string What, string Text, double Width, double Height);

    private static async Task<List<Target>> MeasureAsync(IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement>(Script);
        return [.. json.EnumerateArray().Select(e => new Target(
            e.GetProperty("what").GetString()!, e.GetProperty("text").GetString()!, e.GetProperty("width").GetDouble(), e.GetProperty("height").GetDouble()))];
    }

    /// <summary>One competition at each stage, so that every page shows its edit controls.</summary>
    private async Task<Dictionary<string, string>> PagesAsync()
    {
        var unitId = await app.DemoUnitIdAsync();
        int draft, registration;
        await using (var db = app.NewDb())
        {
            var d = new Competition(unitId, "触控-名册-" + Guid.NewGuid().ToString("N")[..6], DateTimeOffset.UtcNow);
            d.AddCadre("王建国", VoterCategory.B);
            d.AddCadre("张卫东", VoterCategory.C);
            var r = new Competition(unitId, "触控-报名-" + Guid.NewGuid().ToString("N")[..6], DateTimeOffset.UtcNow);
            r.AddCadre("李明华", VoterCategory.B);
            db.Competitions.AddRange(d, r);
            db.Audit(() => d.Id, Scenarios.Arranger, Scenarios.ArrangeAction);
            await db.SaveChangesAsync();
            d.AddPost("办公室主任", PostLevel.Principal, null, d.Cadres[0].Id);
            r.AddPost("财务科科长", PostLevel.Principal, null, null);
            db.Audit(d.Id, Scenarios.Arranger, Scenarios.ArrangeAction);
            await db.SaveChangesAsync();
            r.ResetToZero(DateTimeOffset.UtcNow);
            db.Audit(r.Id, Scenarios.Arranger, Scenarios.ArrangeAction);
            await db.SaveChangesAsync();
            (draft, registration) = (d.Id, r.Id);
        }

        var speeches = await app.AtSpeechesAsync(drawn: true);
        var organizer = Scenarios.Organizer(unitId);
        await app.Services.GetRequiredService<ProjectorLinks>().IssueAsync(speeches.CompetitionId, ProjectorPurposes.Speeches, null, TimeSpan.FromHours(4), organizer);
        var running = await app.AtSpeechesAsync(drawn: true);
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ControlSpeech.Handler>().HandleAsync(new(running.CompetitionId, ControlSpeech.Button.Start), organizer);
        }

        var voting = await app.OpenForVotingAsync();
        var deciding = await app.OpenForVotingAsync();
        await using (var db = app.NewDb())
        {
            var c = await db.CompetitionAggregate.SingleAsync(x => x.Id == deciding.CompetitionId);
            c.CloseRound(deciding.RoundId, DateTimeOffset.UtcNow);
            c.CloseVoting();
            db.Audit(c.Id, Scenarios.Arranger, Scenarios.ArrangeAction);
            await db.SaveChangesAsync();
        }

        return new()
        {
            ["home"] = "/",
            ["roster"] = $"/competitions/{draft}/roster",
            ["registration"] = $"/competitions/{registration}/registration",
            ["speeches"] = $"/competitions/{speeches.CompetitionId}/speeches",
            ["speeches-before-draw"] = $"/competitions/{(await app.AtSpeechesAsync()).CompetitionId}/speeches",
            ["control panel"] = $"/competitions/{running.CompetitionId}/speeches/panel",
            ["schedule"] = $"/competitions/{speeches.CompetitionId}/speeches/schedule",
            ["voting"] = $"/competitions/{speeches.CompetitionId}/voting",
            ["voting-open"] = $"/competitions/{voting.CompetitionId}/voting",
            ["round"] = $"/competitions/{voting.CompetitionId}/voting/rounds/{voting.RoundId}",
            ["kiosk"] = $"/competitions/{voting.CompetitionId}/voting/rounds/{voting.RoundId}/kiosk",
            ["tally"] = $"/competitions/{voting.CompetitionId}/tally",
            ["decisions"] = $"/competitions/{deciding.CompetitionId}/decisions",
            ["history"] = $"/competitions/{voting.CompetitionId}/history",
        };
    }

    [Fact]
    public async Task OrganizerPages_AtTabletWidth_EveryTouchTargetIsAtLeast44Px()
    {
        var pages = await PagesAsync();
        await using var context = await app.NewContextAsync(BrowserHelpers.Tablet);
        var page = await context.SignInAsync("organizer");
        var offenders = new List<string>();
        var measured = 0;
        foreach (var (name, url) in pages)
        {
            await page.GotoInteractiveAsync(url);
            await page.Locator(".stage-nav, [data-testid=empty-competitions], .mud-table, .kiosk-grid").First.WaitForAsync();
            var targets = await MeasureAsync(page);
            measured += targets.Count;
            offenders.AddRange(targets.Where(t => t.Width < Minimum || t.Height < Minimum)
                .Select(t => $"{name}: {t.What} \"{t.Text}\" {t.Width}×{t.Height}"));
        }

        // control: the measurement sees the pages' controls, so an empty list means something
        Assert.True(measured > 100, $"only {measured} targets measured");
        Assert.True(offenders.Count == 0, $"{offenders.Count} targets under {Minimum} px:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public async Task Measurement_ADeliberatelySmallButton_IsReported()
    {
        // control for the rule itself: a 30 px button on an otherwise measured page is caught.
        await using var context = await app.NewContextAsync(BrowserHelpers.Tablet);
        var page = await context.SignInAsync("organizer");
        await page.EvaluateAsync("() => { const b = document.createElement('button'); b.textContent = 'x'; b.style.cssText = 'height:30px;width:30px;min-height:0;padding:0'; document.body.appendChild(b); }");

        var targets = await MeasureAsync(page);

        Assert.Contains(targets, t => t.What.StartsWith("button", StringComparison.Ordinal) && t.Height < Minimum);
    }
}
