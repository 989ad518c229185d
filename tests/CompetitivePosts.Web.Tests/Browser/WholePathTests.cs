using System.Text.RegularExpressions;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CompetitivePosts.Web.Tests.Browser;

/// <summary>
/// Steps 1 to 9 of the foundation issue and the whole decision loop of issue 8 (justify, refuse, amend and
/// compare, accept, 公示), as the organizer, three voters on tablets and the organization department's
/// reviewer would do them, in a real Chromium.
/// </summary>
[Collection(AppTests.Name)]
public partial class WholePathTests(AppFixture app)
{
    [GeneratedRegex(@"/competitions/(\d+)/roster")]
    private static partial Regex RosterUrl();

    [Fact]
    public async Task WholePath_OrganizerVotersReviewerAndNotice_AppointeesHoldTheirPostsOnceTheNoticeCloses()
    {
        var name = "路径测试-" + Guid.NewGuid().ToString("N")[..6];
        await using var orgContext = await app.NewContextAsync(BrowserHelpers.Desktop);
        var anonymous = await orgContext.NewPageAsync();
        await anonymous.GotoAsync("/");
        await anonymous.ShotAsync("00-welcome");
        await anonymous.GotoAsync("/competitions/1/roster");
        await anonymous.WaitForURLAsync(new Regex("/account/login\\?returnurl=", RegexOptions.IgnoreCase));
        await anonymous.FillAsync("input[name='Form.UserName']", "organizer");
        await anonymous.FillAsync("input[name='Form.Password']", "wrong");
        await anonymous.ClickAsync("[data-testid=login-submit]");
        await Assertions.Expect(anonymous.Locator("[data-testid=login-error]")).ToContainTextAsync("用户名或密码错误");
        await anonymous.ShotAsync("00-login-error");
        await anonymous.GotoAsync("/no-such-page");
        await anonymous.ShotAsync("00-not-found");
        await anonymous.CloseAsync();
        var org = await orgContext.SignInAsync("organizer");
        await org.ShotAsync("01-home");

        // 1. Competition, cadres and posts (one excluded, with its reason).
        await org.FillMudAsync("new-competition-name", name);
        await org.ClickAsync("[data-testid=create-competition]");
        await org.WaitForURLAsync(RosterUrl());
        var id = int.Parse(RosterUrl().Match(org.Url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        await org.WaitForCircuitAsync();

        // Birth and rank dates relative to today: a new plan counts ages on the day the competition is created.
        var born = DateTime.UtcNow.AddYears(-38).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var since = DateTime.UtcNow.AddYears(-6).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (cadre, category) in new[] { ("甲领导", "A票"), ("乙科长", "B票"), ("丙干部", "C票"), ("丁干部", "C票") })
        {
            await org.ClickAsync("[data-testid=add-cadre]");
            await org.FillMudAsync("cadre-name", cadre);
            await org.SelectMudAsync("cadre-category", category);
            await org.FillMudAsync("cadre-birth", born);
            await org.SelectMudAsync("cadre-education", "大学本科");
            await org.SelectMudAsync("cadre-rank", "副科级");
            await org.FillMudAsync("cadre-rank-since", since);
            if (category == "A票")
            {
                await org.ShotAsync("02a-cadre-editor");
            }

            await org.ClickAsync("[data-testid=save-cadre]");
            await org.Locator("[data-testid=cadres-table]").GetByText(cadre).WaitForAsync();
        }

        foreach (var (post, level, holder, excluded) in new[]
                 {
                     ("综合科科长", "正科", "乙科长", ""), ("机要室主任", "正科", "", "涉及重要机密"), ("综合科副科长", "副科", "", ""),
                 })
        {
            await org.ClickAsync("[data-testid=add-post]");
            await org.FillMudAsync("post-name", post);
            await org.SelectMudAsync("post-level", level);
            if (holder.Length > 0)
            {
                await org.PickMudAsync("post-holder", holder);
            }

            if (excluded.Length > 0)
            {
                await org.SelectMudAsync("post-exclusion", excluded);
            }

            await org.ClickAsync("[data-testid=save-post]");
            await org.Locator("[data-testid=posts-table]").GetByText(post).First.WaitForAsync();
        }

        await Assertions.Expect(org.Locator("[data-testid=posts-table]")).ToContainTextAsync("涉及重要机密");
        await org.ShotAsync("02-roster");

        // 2. Reset to zero.
        await org.ClickAsync("[data-testid=reset-to-zero]");
        await org.ConfirmDialogAsync();
        await Assertions.Expect(org.Locator("[data-testid=reset-to-zero]")).ToHaveCountAsync(0);
        await Assertions.Expect(org.Locator("[data-testid=posts-table] tr").Filter(new() { HasText = "综合科科长" })).ToContainTextAsync("空缺");

        // 3. Registration: opened, each form starting clean, closed; then qualification review and the published list.
        await org.GotoInteractiveAsync($"/competitions/{id}/registration");
        await org.ClickAsync("[data-testid=open-registration]");
        await org.ConfirmDialogAsync();
        await org.PickMudAsync("reg-cadre", "丁干部");
        await org.PickMudAsync("reg-pref-1", "综合科副科长");
        await org.Locator(BrowserHelpers.MudInput("reg-accepts")).CheckAsync();
        await org.ClickAsync("[data-testid=register]");
        await Assertions.Expect(org.Locator("[data-testid=applications-table] tbody tr")).ToHaveCountAsync(1);
        var registered = 1;
        foreach (var cadre in new[] { "乙科长", "丙干部" })
        {
            // 服从调剂 does not carry over from the registration before.
            await Assertions.Expect(org.Locator(BrowserHelpers.MudInput("reg-accepts"))).Not.ToBeCheckedAsync();
            await org.PickMudAsync("reg-cadre", cadre);
            await org.PickMudAsync("reg-pref-1", "综合科科长");
            await org.ClickAsync("[data-testid=register]");

            // The form clears once the registration is saved: picking the next cadre before that would be wiped.
            await Assertions.Expect(org.Locator("[data-testid=applications-table] tbody tr")).ToHaveCountAsync(++registered);
        }

        await Assertions.Expect(org.Locator("[data-testid=applications-table] tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(org.Locator("[data-testid=registration-row][data-name='丁干部'] [data-testid=accepts]")).ToHaveTextAsync("是");
        await Assertions.Expect(org.Locator("[data-testid=registration-row][data-name='丙干部'] [data-testid=accepts]")).ToHaveTextAsync("否");
        await org.ShotAsync("03-registration");
        await org.ClickAsync("[data-testid=close-registration]");
        await org.ConfirmDialogAsync();
        await Assertions.Expect(org.Locator("[data-testid=close-registration]")).ToHaveCountAsync(0);
        await org.GotoInteractiveAsync($"/competitions/{id}/review");
        await org.ClickAsync("[data-testid=approve-all]");
        await org.ConfirmDialogAsync();
        await org.ClickAsync("[data-testid=publish-list]");
        await org.ConfirmDialogAsync();
        await org.Locator("[data-testid=published-alert]").WaitForAsync();

        // 4. Speeches: the order, drawn by lot.
        await org.GotoInteractiveAsync($"/competitions/{id}/speeches");
        await org.ClickAsync("[data-testid=draw-order]");
        await org.ConfirmDialogAsync(); // the draw is once only, so it asks first
        await Assertions.Expect(org.Locator("[data-testid=speech-row]")).ToHaveCountAsync(3);
        await org.ShotAsync("04-speeches");

        // 5. Voter roll from the snapshot, a signed recommendation round, open it, print the QR slips.
        await org.GotoInteractiveAsync($"/competitions/{id}/voting");
        await org.ClickAsync("[data-testid=issue-roll]");
        await Assertions.Expect(org.Locator("[data-testid=roll-row]")).ToHaveCountAsync(4);
        await org.ClickAsync("[data-testid=create-round]");
        await Assertions.Expect(org.Locator("[data-testid=round-row]")).ToHaveCountAsync(1);
        await org.ShotAsync("05-voter-roll");
        await org.ClickAsync("[data-testid=round-link]");
        await org.WaitForCircuitAsync();
        var roundUrl = org.Url;
        await org.ClickAsync("[data-testid=open-round]");
        await org.ConfirmDialogAsync();
        await Assertions.Expect(org.Locator("[data-testid=round-head]")).ToHaveAttributeAsync("data-status", "Open");
        await org.ClickAsync("[data-testid=print-slips]");
        await Assertions.Expect(org.Locator("[data-testid=qr-slip]")).ToHaveCountAsync(4);
        var urls = new Dictionary<string, string>();
        foreach (var slip in await org.Locator("[data-testid=qr-slip]").AllAsync())
        {
            urls[(await slip.GetAttributeAsync("data-voter"))!] = (await slip.GetAttributeAsync("data-url"))!;
        }

        await org.ClickAsync("[data-testid=slips-done]");
        await org.ConfirmDialogAsync();

        // 7. The dashboard is open before anyone votes; a marker in the window proves it never reloads.
        await org.GotoInteractiveAsync($"/competitions/{id}/tally");
        await org.EvaluateAsync("() => window.__notReloaded = true");
        await Assertions.Expect(org.Locator("[data-testid=turnout-A] [data-testid=ballots]")).ToHaveTextAsync("0");

        // 6. Three voters on three tablets.
        var votes = new[]
        {
            ("甲领导", "A", new[] { ("乙科长", "Agree"), ("丙干部", "Agree"), ("丁干部", "Agree") }),
            ("乙科长", "B", new[] { ("乙科长", "Agree"), ("丙干部", "Agree"), ("丁干部", "Disagree") }),
            ("丙干部", "C", new[] { ("乙科长", "Disagree"), ("丙干部", "Agree"), ("丁干部", "Agree") }),
        };
        var tablets = new List<IBrowserContext>();
        try
        {
            foreach (var (voter, category, marks) in votes)
            {
                var tablet = await app.NewContextAsync(BrowserHelpers.Tablet);
                tablets.Add(tablet);
                var ballot = await tablet.NewPageAsync();
                await ballot.GotoAsync(urls[voter]);
                if (category == "A")
                {
                    await ballot.ShotAsync("06-ballot");
                }

                foreach (var (candidate, choice) in marks)
                {
                    await ballot.Locator($"[data-testid=candidate][data-name='{candidate}'] label:has(input[data-choice={choice}])").TapAsync();
                }

                await ballot.FillAsync("[data-testid=signed-name]", voter);
                await VotingDayTests.DrawByMouseAsync(ballot);
                await ballot.ClickAsync("[data-testid=ballot-review]");
                await ballot.ClickAsync("[data-testid=ballot-submit]");
                await ballot.Locator("[data-testid=ballot-submitted]").WaitForAsync();
                if (category == "A")
                {
                    await ballot.ShotAsync("07-ballot-submitted");
                }

                await Assertions.Expect(org.Locator($"[data-testid=turnout-{category}] [data-testid=ballots]")).ToHaveTextAsync("1");

                // The same link again: refused, the first ballot stands.
                await ballot.GotoAsync(urls[voter]);
                await ballot.Locator("[data-testid=ballot-already]").WaitForAsync();
            }
        }
        finally
        {
            foreach (var t in tablets)
            {
                await t.DisposeAsync();
            }
        }

        Assert.True(await org.EvaluateAsync<bool>("() => window.__notReloaded === true"));
        var chiefRows = org.Locator("[data-testid=tally-post][data-post='综合科科长'] [data-testid=tally-row]");
        await Assertions.Expect(chiefRows.First).ToHaveAttributeAsync("data-candidate", "丙干部");
        await Assertions.Expect(chiefRows.First.Locator("[data-testid=score]")).ToHaveTextAsync("100.00%");
        await Assertions.Expect(chiefRows.Nth(1).Locator("[data-testid=score]")).ToHaveTextAsync("70.00%");
        await org.ShotAsync("08-tally");

        await org.GotoInteractiveAsync(new Uri(roundUrl).PathAndQuery);
        await org.ClickAsync("[data-testid=close-round]");
        await org.ConfirmDialogAsync();
        await Assertions.Expect(org.Locator("[data-testid=round-head]")).ToHaveAttributeAsync("data-status", "Closed");
        await org.GotoInteractiveAsync($"/competitions/{id}/voting");
        await org.ClickAsync("[data-testid=close-voting]");
        await org.ConfirmDialogAsync();
        await Assertions.Expect(org.Locator("[data-testid=close-voting]")).ToHaveCountAsync(0);

        // 8. Decisions (issue 8, loop step 1): the meeting, then passing over the top scorer is stopped until a
        //    justification with a category and at least 20 characters is written.
        await org.GotoInteractiveAsync($"/competitions/{id}/decisions");
        await org.FillMudAsync("meeting-date", "2009-06-05");
        await org.FillMudAsync("meeting-minutes", "党委会纪要〔2009〕5号");
        await org.Locator("[data-testid=meeting-members]").GetByText("甲领导").ClickAsync();
        await org.ClickAsync("[data-testid=save-meeting]");
        await Assertions.Expect(org.Locator("[data-testid=meeting-members] input[type=checkbox]").First).ToBeCheckedAsync();
        var chief = org.Locator("[data-testid=decision-post][data-post='综合科科长']");
        await org.SelectMudAsync(chief.Locator("[data-testid=appointee-select]"), "乙科长");
        await chief.Locator("[data-testid=justification-required]").WaitForAsync();
        await chief.Locator("[data-testid=save-decision]").ClickAsync();
        await org.ExpectErrorSnackbarAsync();
        await Assertions.Expect(chief.Locator("[data-testid=decision-none]")).ToHaveCountAsync(1);
        await org.SelectMudAsync(chief.Locator("[data-testid=justification-category]"), "工作需要");
        await chief.Locator(BrowserHelpers.MudInput("justification")).First.FillAsync("。");
        await chief.Locator("[data-testid=save-decision]").ClickAsync();
        await org.ExpectErrorSnackbarAsync();
        await Assertions.Expect(chief.Locator("[data-testid=decision-none]")).ToHaveCountAsync(1);
        await chief.Locator(BrowserHelpers.MudInput("justification")).First.FillAsync("乙科长长期主持综合科工作，熟悉业务，协调能力强，工作需要由其继续担任");
        await chief.Locator("[data-testid=save-decision]").ClickAsync();
        await Assertions.Expect(chief.Locator("[data-testid=decision-appointee]")).ToHaveTextAsync("乙科长");
        await Assertions.Expect(chief.Locator("[data-testid=decision-justification]")).ToContainTextAsync("熟悉业务");
        // The picker shows the saved choice.
        await Assertions.Expect(chief.Locator(BrowserHelpers.MudInput("appointee-select")).First).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("乙科长"));

        var deputy = org.Locator("[data-testid=decision-post][data-post='综合科副科长']");
        await org.SelectMudAsync(deputy.Locator("[data-testid=appointee-select]"), "丁干部");
        await Assertions.Expect(deputy.Locator("[data-testid=justification-required]")).ToHaveCountAsync(0);
        await deputy.Locator("[data-testid=save-decision]").ClickAsync();
        await Assertions.Expect(deputy.Locator("[data-testid=decision-appointee]")).ToHaveTextAsync("丁干部");
        await org.ShotAsync("09-decisions");

        // 9. Filing (loop step 2): the reviewer refuses 综合科科长 and files 综合科副科长. A refusal without its reason
        //    is refused before any confirmation is asked.
        await org.ClickAsync("[data-testid=submit-filing]");
        await org.ConfirmDialogAsync();
        await org.Locator("[data-testid=pending-alert]").WaitForAsync();

        await using var reviewerContext = await app.NewContextAsync(BrowserHelpers.Desktop);
        var reviewer = await reviewerContext.SignInAsync("reviewer", "/filings");
        await reviewer.Locator("[data-testid=filing-due]").First.WaitForAsync();
        await reviewer.ShotAsync("10-filings");
        await reviewer.Locator("[data-testid=filing-link]").Filter(new() { HasText = name }).ClickAsync();
        await reviewer.WaitForURLAsync($"**/filings/{id}");
        await reviewer.WaitForCircuitAsync();
        var chiefReview = reviewer.Locator("[data-testid=review-post][data-post='综合科科长']");
        await Assertions.Expect(chiefReview.Locator("[data-testid=decision-justification]")).ToContainTextAsync("熟悉业务");
        await Assertions.Expect(reviewer.Locator("[data-testid=frozen-note]")).ToContainTextAsync("SHA-256");
        await reviewer.ShotAsync("11-review");
        await chiefReview.Locator("[data-testid=refuse-decision]").ClickAsync();
        await reviewer.Locator("[data-testid=review-post][data-post='综合科副科长'] [data-testid=accept-decision]").ClickAsync();
        await reviewer.ClickAsync("[data-testid=submit-review]");
        await reviewer.ExpectErrorSnackbarAsync();
        await Assertions.Expect(reviewer.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await chiefReview.Locator(BrowserHelpers.MudInput("refusal-reason")).First.FillAsync("未说明为何不任用得票最高的丙干部，理由不够充分");
        await reviewer.FillMudAsync("review-note", "理由不够充分，请补充");
        await reviewer.ClickAsync("[data-testid=submit-review]");
        await reviewer.ConfirmDialogAsync();
        await reviewer.Locator("[data-testid=filing-row][data-status=Refused]").WaitForAsync();
        await Assertions.Expect(chiefReview.Locator("[data-testid=verdict]")).ToContainTextAsync("理由不够充分");

        // Loop step 3: the unit sees which decision was refused and why, amends it and resubmits.
        await org.GotoInteractiveAsync($"/competitions/{id}/decisions");
        await Assertions.Expect(org.Locator("[data-testid=refused-alert]")).ToContainTextAsync("理由不够充分");
        chief = org.Locator("[data-testid=decision-post][data-post='综合科科长']");
        await Assertions.Expect(chief.Locator("[data-testid=decision-refused]")).ToContainTextAsync("丙干部");
        await org.SelectMudAsync(chief.Locator("[data-testid=appointee-select]"), "丙干部");
        await chief.Locator("[data-testid=save-decision]").ClickAsync();
        await Assertions.Expect(chief.Locator("[data-testid=decision-appointee]")).ToHaveTextAsync("丙干部");
        await org.ClickAsync("[data-testid=submit-filing]");
        await org.ConfirmDialogAsync();
        await org.Locator("[data-testid=pending-alert]").WaitForAsync();

        // The reviewer compares the versions side by side: only 综合科科长 changed.
        await reviewer.GotoInteractiveAsync($"/filings/{id}");
        await reviewer.ClickAsync("[data-testid=compare-link]");
        await reviewer.WaitForURLAsync($"**/filings/{id}/compare**");
        await reviewer.WaitForCircuitAsync();
        await Assertions.Expect(reviewer.Locator("[data-testid=compare-row][data-post='综合科科长']")).ToHaveAttributeAsync("data-changed", "true");
        await Assertions.Expect(reviewer.Locator("[data-testid=compare-row][data-post='综合科副科长']")).ToHaveAttributeAsync("data-changed", "false");
        await reviewer.ShotAsync("11b-compare");

        // Loop step 4: the reviewer accepts every decision of version 2.
        await reviewer.GotoInteractiveAsync($"/filings/{id}");
        await reviewer.ClickAsync("[data-testid=accept-all]");
        await reviewer.ClickAsync("[data-testid=submit-review]");
        await reviewer.ConfirmDialogAsync();
        await reviewer.Locator("[data-testid=filing-row][data-status=Accepted]").WaitForAsync();

        await org.GotoInteractiveAsync($"/competitions/{id}/decisions");
        await org.Locator("[data-testid=accepted-alert]").WaitForAsync();
        await Assertions.Expect(org.Locator("[data-testid=filing-row]")).ToHaveCountAsync(2);
        await org.ShotAsync("12-accepted");

        // Loop step 5 (公示): the notice of the filed appointees is published, runs its five working days and closes;
        // only then do the appointees hold their posts on the roster and in the unit's outcome report.
        await org.GotoInteractiveAsync($"/competitions/{id}/notice");
        await Assertions.Expect(org.Locator("[data-testid=notice-entry]")).ToHaveCountAsync(2);
        await Assertions.Expect(org.Locator("[data-testid=notice-entry][data-name='丙干部']")).ToBeVisibleAsync();
        await org.FillMudAsync("notice-contact", "组织人事科 0312-5555555");
        await org.ClickAsync("[data-testid=publish-notice]");
        await org.ConfirmDialogAsync();
        await Assertions.Expect(org.Locator("[data-testid=notice-status]")).ToContainTextAsync("5 个工作日");
        await org.ShotAsync("12a-notice-published");
        // Before its last working day has ended the notice cannot close: it says so before asking to confirm.
        await org.FillMudAsync("notice-conclusion", "公示期满，无异议，按程序办理任职手续。");
        await org.ClickAsync("[data-testid=close-notice]");
        await org.ExpectErrorSnackbarAsync();
        await Assertions.Expect(org.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Assertions.Expect(org.Locator("[data-testid=notice-closed]")).ToHaveCountAsync(0);

        await app.PassNoticePeriodAsync(id);

        await org.GotoInteractiveAsync($"/competitions/{id}/notice");
        await org.FillMudAsync("notice-conclusion", "公示期满，无异议，按程序办理任职手续。");
        await org.ClickAsync("[data-testid=close-notice]");
        await org.ConfirmDialogAsync();
        await Assertions.Expect(org.Locator("[data-testid=notice-closed]")).ToBeVisibleAsync();
        await org.ShotAsync("12b-notice-closed");

        await org.GotoInteractiveAsync($"/competitions/{id}/roster");
        await Assertions.Expect(org.Locator("[data-testid=post-row][data-post='综合科科长'] [data-testid=holder-now]")).ToHaveTextAsync(["丙干部"]);
        await Assertions.Expect(org.Locator("[data-testid=post-row][data-post='综合科副科长'] [data-testid=holder-now]")).ToHaveTextAsync(["丁干部"]);
        await Assertions.Expect(org.Locator("[data-testid=cadre-row][data-name='丙干部'] [data-testid=cadre-post]")).ToHaveTextAsync("综合科科长");
        // 乙科长 was not chosen: no post now, the post before the reset as a hint.
        await Assertions.Expect(org.Locator("[data-testid=cadre-row][data-name='乙科长'] [data-testid=cadre-post]")).ToHaveTextAsync(new Regex(@"^—\s*归零前：综合科科长$"));
        await org.Locator("[data-testid=posts-table]").ScrollIntoViewIfNeededAsync();
        await org.ShotAsync("12c-roster-after-notice");

        await org.GotoInteractiveAsync($"/competitions/{id}/outcomes");
        await Assertions.Expect(org.Locator("[data-testid=cadre-outcome][data-name='丙干部']")).ToHaveAttributeAsync("data-outcome", "Promoted");
        await Assertions.Expect(org.Locator("[data-testid=cadre-outcome][data-name='丁干部']")).ToHaveAttributeAsync("data-outcome", "Promoted");
        await Assertions.Expect(org.Locator("[data-testid=cadre-outcome][data-name='乙科长']")).ToHaveAttributeAsync("data-outcome", "Dropped");
        await org.ShotAsync("12d-unit-report");

        // English is one click away and the page stays usable in it.
        await org.GotoInteractiveAsync($"/competitions/{id}/decisions");
        await org.Locator("[data-testid=lang-en]").ClickAsync();
        await org.WaitForURLAsync($"**/competitions/{id}/decisions");
        await org.WaitForCircuitAsync();
        await Assertions.Expect(org.Locator("[data-testid=accepted-alert]")).ToContainTextAsync("accepted the filing");
        await org.ShotAsync("13-decisions-english");
    }
}
