using System.Text.RegularExpressions;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace CompetitivePosts.Web.Tests.Browser;

/// <summary>
/// Issue 5 as an organizer does it in Chromium: the template downloaded and filled with 108 cadres,
/// imported through the page with the posts, reset to zero, registration with two preferences (one
/// cadre through their personal link on a phone), a withdrawal, a rejection in review, and the
/// published list of qualified candidates printed to PDF.
/// </summary>
[Collection(AppTests.Name)]
public partial class RosterToQualifiedListTests(AppFixture app)
{
    [GeneratedRegex(@"/competitions/(\d+)/roster")]
    private static partial Regex RosterUrl();

    private static string Name(int i) => RosterFiles.CadreName(i);

    private static string Principal(int i) => RosterFiles.Departments[i] + (i == 0 ? "主任" : "科长");

    private static string Deputy(int i) => RosterFiles.Departments[i] + (i == 0 ? "副主任" : "副科长");

    [Fact]
    public async Task RosterToQualifiedList_TemplateImportResetRegisterReviewPublish_ListsTheQualified()
    {
        var work = Directory.CreateTempSubdirectory("cp-import-");
        await using var context = await app.NewContextAsync(BrowserHelpers.Desktop);
        var org = await context.SignInAsync("organizer");
        await org.FillMudAsync("new-competition-name", "导入路径-" + Guid.NewGuid().ToString("N")[..6]);
        await org.ClickAsync("[data-testid=create-competition]");
        await org.WaitForURLAsync(RosterUrl());
        var id = int.Parse(RosterUrl().Match(org.Url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        await org.WaitForCircuitAsync();
        await org.ShotAsync("14-roster-empty");

        // The template, downloaded through the page, filled in its own column order with 108 cadres.
        await org.ClickAsync("[data-testid=import-cadres]");
        await org.WaitForURLAsync($"**/competitions/{id}/roster/import?kind=cadres");
        await org.WaitForCircuitAsync();
        var download = await org.RunAndWaitForDownloadAsync(() => org.ClickAsync("[data-testid=download-template]"));
        var template = Path.Combine(work.FullName, "template.xlsx");
        await download.SaveAsAsync(template);
        var headers = MiniExcel.Query(template, useHeaderRow: false).Cast<IDictionary<string, object>>().First()
            .Values.Select(v => v?.ToString() ?? "").ToList();
        Assert.Equal(RosterFiles.CadreHeaders, headers);
        var cadres = RosterFiles.Cadres();

        // First a file with two bad rows: every problem is listed by row and column, and nothing can be imported.
        var bad = cadres.Select(r => new Dictionary<string, object?>(r)).ToList();
        bad[4]["出生日期"] = "1975-02-30";
        bad[7]["学历"] = "夜大";
        await UploadAsync(org, work, "有错的名册.xlsx", headers, bad);
        await Assertions.Expect(org.Locator("[data-testid=import-problem]")).ToHaveCountAsync(2);
        await Assertions.Expect(org.Locator("[data-testid=import-problems]")).ToContainTextAsync("第6行 · 出生日期");
        await Assertions.Expect(org.Locator("[data-testid=import-problems]")).ToContainTextAsync("第9行 · 学历");
        await Assertions.Expect(org.Locator("[data-testid=import-commit]")).ToHaveCountAsync(0);
        await org.ShotAsync("15-import-problems");

        await UploadAsync(org, work, "干部名册.xlsx", headers, cadres);
        await Assertions.Expect(org.Locator("[data-testid=import-counts]")).ToContainTextAsync("共108行：新增108，修改0，不变0");
        await org.ShotAsync("16-import-preview");
        await org.ClickAsync("[data-testid=import-commit]");
        await org.WaitForURLAsync($"**/competitions/{id}/roster");
        await Assertions.Expect(org.Locator("[data-testid=cadre-row]")).ToHaveCountAsync(108);

        await org.GotoInteractiveAsync($"/competitions/{id}/roster/import?kind=posts");
        await UploadAsync(org, work, "职位.xlsx", RosterFiles.PostHeaders, RosterFiles.Posts());
        await Assertions.Expect(org.Locator("[data-testid=import-counts]")).ToContainTextAsync("共54行：新增54");
        await org.ClickAsync("[data-testid=import-commit]");
        await org.WaitForURLAsync($"**/competitions/{id}/roster");
        await Assertions.Expect(org.Locator("[data-testid=post-row]")).ToHaveCountAsync(54);
        await org.FillMudAsync("cadre-search", Name(40));
        await Assertions.Expect(org.Locator("[data-testid=cadre-row]")).ToHaveCountAsync(1);
        await org.FillMudAsync("cadre-search", "");
        await org.ShotAsync("17-roster-imported");

        // The plan: every reason for a 科员 who may not compete for a principal post.
        await org.GotoInteractiveAsync($"/competitions/{id}/plan");
        await org.PickMudAsync("plan-cadre", Name(31));
        var row = org.Locator($"[data-testid=eligibility-row][data-post='{Principal(1)}']");
        await Assertions.Expect(row.Locator("[data-testid=ineligible]")).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("[data-testid=reason]")).ToContainTextAsync("正科职位须具有副科级及以上职级");
        await Assertions.Expect(org.Locator($"[data-testid=eligibility-row][data-post='{Deputy(1)}'] [data-testid=eligible]")).ToHaveCountAsync(1);
        await org.ShotAsync("18-plan");

        // Reset to zero, then personal links and opening registration.
        await org.GotoInteractiveAsync($"/competitions/{id}/roster");
        await org.ClickAsync("[data-testid=reset-to-zero]");
        await org.ConfirmDialogAsync();
        await org.Locator("[data-testid=undo-reset]").WaitForAsync();
        await org.ShotAsync("18b-roster-reset");
        await org.GotoInteractiveAsync($"/competitions/{id}/registration/links");
        await org.ClickAsync("[data-testid=issue-links]");
        await Assertions.Expect(org.Locator("[data-testid=link-slip]")).ToHaveCountAsync(105);
        var link = await org.Locator($"[data-testid=link-slip][data-cadre='{Name(36)}']").GetAttributeAsync("data-url");
        await org.ShotAsync("19-registration-links");
        await org.GotoInteractiveAsync($"/competitions/{id}/registration");
        await org.ClickAsync("[data-testid=open-registration]");
        await org.ConfirmDialogAsync();

        // The organizer registers four cadres, two of them with two preferences; 服从调剂 never carries over.
        foreach (var (cadre, first, second, accepts) in new[]
                 {
                     (30, Principal(2), Deputy(2), true), (32, Principal(3), Deputy(3), false), (34, Deputy(4), (string?)null, false),
                     (38, Deputy(5), null, false),
                 })
        {
            await Assertions.Expect(org.Locator(BrowserHelpers.MudInput("reg-accepts"))).Not.ToBeCheckedAsync();
            await org.PickMudAsync("reg-cadre", Name(cadre));
            await org.PickMudAsync("reg-pref-1", first);
            if (second is not null)
            {
                await org.PickMudAsync("reg-pref-2", second);
            }

            if (accepts)
            {
                await org.Locator(BrowserHelpers.MudInput("reg-accepts")).CheckAsync();
            }

            await org.FillMudAsync("reg-statement", "本人从事相关工作多年，熟悉业务。");
            await org.ClickAsync("[data-testid=register]");
            await org.Locator($"[data-testid=registration-row][data-name='{Name(cadre)}']").WaitForAsync();
        }

        // One cadre registers on a phone through their own link; the organizer's page follows without a reload.
        await org.EvaluateAsync("() => window.__notReloaded = true");
        await using (var phone = await app.NewContextAsync(BrowserHelpers.Tablet, javaScript: false))
        {
            var self = await phone.NewPageAsync();
            await self.GotoAsync(link!);
            await Assertions.Expect(self.Locator("[data-testid=link-cadre]")).ToHaveTextAsync(Name(36));
            await self.SelectOptionAsync("[data-testid=link-pref-1]", new SelectOptionValue { Label = Principal(6) });
            await self.SelectOptionAsync("[data-testid=link-pref-2]", new SelectOptionValue { Label = Deputy(6) });
            await self.CheckAsync("[data-testid=link-accepts]");
            await self.FillAsync("[data-testid=link-statement]", "愿意到基层一线锻炼。");
            await self.ClickAsync("[data-testid=link-submit]");
            await self.Locator("[data-testid=link-saved]").WaitForAsync();
            await self.ShotAsync("20-self-registration");
            await self.GotoAsync("r/not-a-real-link");
            await self.Locator("[data-testid=link-unknown]").WaitForAsync();
            await self.ShotAsync("20b-link-unknown");
        }

        var selfRow = org.Locator($"[data-testid=registration-row][data-name='{Name(36)}']");
        await Assertions.Expect(selfRow).ToContainTextAsync(Principal(6));
        await Assertions.Expect(selfRow.Locator("[data-testid=accepts]")).ToHaveTextAsync("是");
        await Assertions.Expect(org.Locator($"[data-testid=registration-row][data-name='{Name(32)}'] [data-testid=accepts]")).ToHaveTextAsync("否");
        Assert.True(await org.EvaluateAsync<bool>("() => window.__notReloaded === true"));

        // A withdrawal, with its reason.
        await org.Locator($"[data-testid=registration-row][data-name='{Name(38)}'] [data-testid=withdraw]").ClickAsync();
        await org.GiveReasonAsync("因家庭原因主动放弃");
        await org.Locator($"[data-testid=registration-row][data-name='{Name(38)}'] [data-testid=withdrawn]").WaitForAsync();
        await org.ShotAsync("21-registration");

        await org.ClickAsync("[data-testid=close-registration]");
        await org.ConfirmDialogAsync();
        await org.GotoInteractiveAsync($"/competitions/{id}/review");
        var rejected = org.Locator($"[data-testid=review-row][data-name='{Name(32)}'][data-post='{Principal(3)}']");
        await rejected.Locator("[data-testid=reject]").ClickAsync();
        await org.GiveReasonAsync("任现职级年限核对不足两年");
        await Assertions.Expect(rejected).ToHaveAttributeAsync("data-status", "Rejected");
        await org.ClickAsync("[data-testid=approve-all]");
        await org.ConfirmDialogAsync();
        await Assertions.Expect(org.Locator("[data-testid=review-row][data-status=Pending]")).ToHaveCountAsync(0);
        await org.ClickAsync("[data-testid=publish-list]");
        await org.ConfirmDialogAsync();
        await org.Locator("[data-testid=published-alert]").WaitForAsync();
        await org.ShotAsync("22-review");

        await org.ClickAsync("[data-testid=qualified-list-link]");
        await org.WaitForURLAsync($"**/competitions/{id}/review/list");
        await org.WaitForCircuitAsync();
        var qualified = org.Locator("[data-testid=qualified-row]");
        await Assertions.Expect(qualified).ToHaveCountAsync(4);
        await Assertions.Expect(org.Locator($"[data-testid=qualified-row][data-name='{Name(38)}']")).ToHaveCountAsync(0);
        await Assertions.Expect(org.Locator($"[data-testid=qualified-row][data-name='{Name(32)}']")).ToContainTextAsync(Deputy(3));
        await Assertions.Expect(org.Locator($"[data-testid=qualified-row][data-name='{Name(32)}']")).Not.ToContainTextAsync(Principal(3));
        await org.ShotAsync("23-qualified-list");
        await org.EmulateMediaAsync(new() { Media = Media.Print });
        await org.PdfAsync(new() { Path = Path.Combine(Screenshots.Directory, "23-qualified-list.pdf"), Format = "A4", PrintBackground = true });
        work.Delete(recursive: true);
    }

    private static async Task UploadAsync(IPage page, DirectoryInfo work, string fileName, IReadOnlyList<string> headers, IEnumerable<Dictionary<string, object?>> rows)
    {
        var path = Path.Combine(work.FullName, fileName);
        File.Delete(path);
        // In the template's column order, as Excel would keep it.
        MiniExcel.SaveAs(path, rows.Select(r => headers.ToDictionary(h => h, h => r.GetValueOrDefault(h))).ToList());
        await page.Locator("input[type=file]").Last.SetInputFilesAsync(path);
    }
}
