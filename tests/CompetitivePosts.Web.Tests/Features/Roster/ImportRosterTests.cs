using System.Diagnostics;
using System.Globalization;
using System.Text;
using CompetitivePosts.Domain;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Features.Competitions;
using CompetitivePosts.Web.Features.Roster;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Xunit.Abstractions;

namespace CompetitivePosts.Web.Tests.Features.Roster;

/// <summary>
/// The two-step import on the real PostgreSQL: bad files are refused with zh-CN messages and leave every
/// table and the audit chain as they were; good files commit in one transaction with one audit entry.
/// </summary>
[Collection(AppTests.Name)]
public class ImportRosterTests(AppFixture app, ITestOutputHelper output)
{
    private sealed record Tables(int Cadres, int Posts, int Entries, long Head, bool Intact, string Fingerprint);

    private async Task<(int Id, Actor Organizer)> NewCompetitionAsync()
    {
        var unit = await app.DemoUnitIdAsync();
        var organizer = Scenarios.Organizer(unit);
        using var scope = app.Services.CreateScope();
        var id = await scope.ServiceProvider.GetRequiredService<CompetitionsHandler>().CreateAsync(organizer, unit, "导入-" + Guid.NewGuid().ToString("N")[..8]);
        return (id, organizer);
    }

    private async Task<Tables> TablesAsync(int id)
    {
        await using var db = app.NewDb();
        var cadres = await db.Cadres.Where(c => c.CompetitionId == id).OrderBy(c => c.Id).Select(c => c.Name + c.BirthDate + c.Education + c.Department).ToListAsync();
        var entries = await db.AuditEntries.CountAsync(e => e.CompetitionId == id);
        var head = await db.AuditHeads.Where(h => h.CompetitionId == id).Select(h => h.Seq).FirstOrDefaultAsync();
        var verdict = await AuditTrail.VerifyChainAsync(db, id);
        return new Tables(cadres.Count, await db.Posts.CountAsync(p => p.CompetitionId == id), entries, head, verdict.Intact, string.Join("|", cadres));
    }

    /// <summary>Each message as a zh-CN user reads it, with its row and column.</summary>
    private List<string> Chinese(ImportRoster.Preview preview)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        try
        {
            var l = app.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
            var lines = preview.Problems.Select(p => l["Row {0} · {1}", p.Row, p.Column] + "：" + l.Message(p.Message)).ToList();
            if (preview.FileProblem is { } fp)
            {
                lines.Add(l.Message(fp));
            }

            return lines;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private static ImportRoster.Handler Importer(IServiceScope scope) => scope.ServiceProvider.GetRequiredService<ImportRoster.Handler>();

    public static TheoryData<string, string, string> BadFiles => new()
    {
        { "not-a-spreadsheet", "名单.xlsx", "该文件虽以 .xlsx 结尾，但不是Excel工作簿。" },
        { "zip-but-not-a-workbook", "名单.xlsx", "该文件虽以 .xlsx 结尾，但不是Excel工作簿。" },
        { "empty", "名单.xlsx", "文件是空的。" },
        { "header-only", "名单.xlsx", "文件没有数据行。" },
        { "renamed-column", "名单.xlsx", "第1行 · 出生日期：缺少该列；请使用模板的列名。" },
        { "missing-column", "名单.csv", "第1行 · 是否在编在岗：缺少该列；请使用模板的列名。" },
        { "wrong-date", "名单.xlsx", "第3行 · 出生日期：“1975-13-40”不是日期，请写成 1975-03-08。" },
        { "future-date", "名单.xlsx", "第4行 · 任现职级时间：日期" },
        { "duplicate-row", "名单.xlsx", "第5行 · 姓名：" },
        { "too-large", "名单.xlsx", "文件超过5 MB。" },
        { "too-many-rows", "名单.csv", "文件超过20000行，请拆分后分别导入。" },
    };

    private static byte[] BadFile(string kind)
    {
        var rows = RosterFiles.Cadres(6);
        switch (kind)
        {
            case "not-a-spreadsheet":
                return Encoding.UTF8.GetBytes("这不是表格，只是一段改了扩展名的文字。");
            case "zip-but-not-a-workbook":
                return [0x50, 0x4B, 0x03, 0x04, .. Encoding.ASCII.GetBytes("not really a zip archive at all")];
            case "empty":
                return [];
            case "header-only":
                return HeaderOnly();
            case "renamed-column":
                foreach (var r in rows)
                {
                    r["生日"] = r["出生日期"];
                    r.Remove("出生日期");
                }

                return RosterFiles.Xlsx(rows);
            case "missing-column":
                foreach (var r in rows)
                {
                    r.Remove("是否在编在岗");
                }

                return RosterFiles.Csv(rows, Encoding.UTF8, bom: true);
            case "wrong-date":
                rows[1]["出生日期"] = "1975-13-40";
                return RosterFiles.Xlsx(rows);
            case "future-date":
                rows[2]["任现职级时间"] = DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                return RosterFiles.Xlsx(rows);
            case "duplicate-row":
                rows[3] = new Dictionary<string, object?>(rows[0]);
                return RosterFiles.Xlsx(rows);
            case "too-large":
                return new byte[Spreadsheets.MaxBytes + 1];
            case "too-many-rows":
                var many = new StringBuilder(string.Join(",", RosterFiles.CadreHeaders)).Append('\n');
                for (var i = 0; i <= Spreadsheets.MaxRows; i++)
                {
                    many.Append("干部").Append(i).Append(",男,1975-03-08,汉族,群众,大学本科,,科员,2001-01-01,,,,否,否,,,,,是,,\n");
                }

                return Encoding.UTF8.GetBytes(many.ToString());
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    private static byte[] HeaderOnly()
    {
        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, new[] { RosterFiles.CadreHeaders.ToDictionary(h => h, object? (h) => h) }, printHeader: false,
            excelType: MiniExcelLibs.ExcelType.XLSX);
        return stream.ToArray();
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Import_BadFile_IsRefusedInChineseAndChangesNothing(string kind, string fileName, string expected)
    {
        var (id, organizer) = await NewCompetitionAsync();
        using var scope = app.Services.CreateScope();
        // A cadre already on the roster: the refusal must leave it, and everything else, exactly as it was.
        await scope.ServiceProvider.GetRequiredService<EditRoster>().AddCadreAsync(id, organizer, TestCadres.Eligible("原有干部"));
        var before = await TablesAsync(id);

        var preview = await Importer(scope).PreviewAsync(id, organizer, RosterFile.Cadres, fileName, BadFile(kind));
        var refusal = await Assert.ThrowsAsync<DomainException>(() => Importer(scope).CommitAsync(id, organizer, preview));

        var messages = Chinese(preview);
        Assert.False(preview.CanCommit);
        Assert.Contains(messages, m => m.StartsWith(expected, StringComparison.Ordinal));
        Assert.Equal("Fix every problem in the file and check it again before importing.", refusal.MessageKey);
        Assert.Equal(before, await TablesAsync(id));
        Assert.True(before.Intact);
        Assert.Equal(1, before.Cadres); // control: the table the test compares is not empty
    }

    [Fact]
    public async Task Import_GoodFilesOf108CadresAnd54Posts_EachCommitInOneTransactionWithOneEntry()
    {
        var (id, organizer) = await NewCompetitionAsync();
        using var scope = app.Services.CreateScope();
        var before = await TablesAsync(id);
        var cadres = RosterFiles.Xlsx(RosterFiles.Cadres());
        var posts = RosterFiles.Xlsx(RosterFiles.Posts());

        var watch = Stopwatch.StartNew();
        var preview = await Importer(scope).PreviewAsync(id, organizer, RosterFile.Cadres, "干部名册.xlsx", cadres);
        var checkedAt = watch.Elapsed;
        var counts = await Importer(scope).CommitAsync(id, organizer, preview);
        var committedAt = watch.Elapsed;
        var postPreview = await Importer(scope).PreviewAsync(id, organizer, RosterFile.Posts, "职位.xlsx", posts);
        var postCounts = await Importer(scope).CommitAsync(id, organizer, postPreview);
        watch.Stop();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"108 cadres: check {checkedAt.TotalMilliseconds:F0} ms, commit {(committedAt - checkedAt).TotalMilliseconds:F0} ms; 54 posts: check and commit {(watch.Elapsed - committedAt).TotalMilliseconds:F0} ms; total {watch.Elapsed.TotalMilliseconds:F0} ms"));

        Assert.Empty(preview.Problems);
        Assert.Equal(new Domain.Competitions.ImportCounts(108, 0, 0), counts);
        Assert.Equal(new Domain.Competitions.ImportCounts(54, 0, 0), postCounts);
        var after = await TablesAsync(id);
        Assert.Equal((108, 54, before.Entries + 2), (after.Cadres, after.Posts, after.Entries));
        Assert.True(after.Intact);
        await using var db = app.NewDb();
        var entries = await db.AuditEntries.Where(e => e.CompetitionId == id).OrderBy(e => e.Seq).Select(e => e.Action).ToListAsync();
        Assert.Equal([AuditActions.CompetitionCreate, AuditActions.CadresImport, AuditActions.PostsImport], entries);
        Assert.Equal(26, await db.Posts.CountAsync(p => p.CompetitionId == id && p.Level == PostLevel.Principal && p.HolderId != null && p.Exclusion == null));
        Assert.Equal(30, await db.Cadres.CountAsync(c => c.CompetitionId == id && c.Category != VoterCategory.C));
    }

    [Fact]
    public async Task Import_ReimportWithThreeChangedRows_ChangesExactlyThoseAndAddsNone()
    {
        var (id, organizer) = await NewCompetitionAsync();
        using var scope = app.Services.CreateScope();
        var rows = RosterFiles.Cadres();
        await Importer(scope).CommitAsync(id, organizer, await Importer(scope).PreviewAsync(id, organizer, RosterFile.Cadres, "a.xlsx", RosterFiles.Xlsx(rows)));
        Dictionary<string, (int Id, string? Department)> first;
        await using (var db = app.NewDb())
        {
            first = await db.Cadres.Where(c => c.CompetitionId == id).ToDictionaryAsync(c => c.Name, c => (c.Id, c.Department));
        }

        rows[10]["所在处室"] = "新设处室甲";
        rows[50]["所在处室"] = "新设处室乙";
        rows[90]["所在处室"] = "新设处室丙";
        var preview = await Importer(scope).PreviewAsync(id, organizer, RosterFile.Cadres, "b.xlsx", RosterFiles.Xlsx(rows));
        var counts = await Importer(scope).CommitAsync(id, organizer, preview);

        Assert.Equal(new Domain.Competitions.ImportCounts(0, 3, 105), preview.Counts);
        Assert.Equal(preview.Counts, counts);
        await using var check = app.NewDb();
        var now = await check.Cadres.Where(c => c.CompetitionId == id).ToDictionaryAsync(c => c.Name, c => (c.Id, c.Department));
        Assert.Equal(108, now.Count);
        Assert.Equal(first.Keys.Order(), now.Keys.Order()); // same people, same ids: nobody duplicated
        Assert.All(now, kv => Assert.Equal(first[kv.Key].Id, kv.Value.Id));
        var changed = now.Where(kv => kv.Value.Department != first[kv.Key].Department).Select(kv => kv.Key).Order().ToList();
        Assert.Equal(new[] { RosterFiles.CadreName(10), RosterFiles.CadreName(50), RosterFiles.CadreName(90) }.Order(), changed);
        var entry = await check.AuditEntries.Where(e => e.CompetitionId == id).OrderByDescending(e => e.Seq).FirstAsync();
        Assert.Equal(AuditActions.CadresImport, entry.Action);
        Assert.Equal(3, entry.After!.Split("\"Cadre#").Length - 1);
    }

    [Theory]
    [InlineData("GB18030")]
    [InlineData("UTF-8")]
    public async Task Import_CsvSavedByExcelInChina_ReadsTheChineseText(string encoding)
    {
        var (id, organizer) = await NewCompetitionAsync();
        using var scope = app.Services.CreateScope();
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var file = RosterFiles.Csv(RosterFiles.Cadres(5), Encoding.GetEncoding(encoding), bom: encoding == "UTF-8");

        var preview = await Importer(scope).PreviewAsync(id, organizer, RosterFile.Cadres, "名册.csv", file);
        await Importer(scope).CommitAsync(id, organizer, preview);

        Assert.Empty(preview.Problems);
        await using var db = app.NewDb();
        var names = await db.Cadres.Where(c => c.CompetitionId == id).Select(c => c.Name).ToListAsync();
        Assert.Equal(Enumerable.Range(0, 5).Select(RosterFiles.CadreName).Order(), names.Order());
    }

    [Fact]
    public async Task Import_PostsNamingAnUnknownHolder_ListsEveryBadRowByRowAndColumn()
    {
        var (id, organizer) = await NewCompetitionAsync();
        using var scope = app.Services.CreateScope();
        var posts = RosterFiles.Posts().Take(4).ToList();
        posts[1]["现任职者"] = "查无此人";
        posts[2]["职位层级"] = "处级";
        posts[3]["职数"] = "两个";

        var preview = await Importer(scope).PreviewAsync(id, organizer, RosterFile.Posts, "职位.xlsx", RosterFiles.Xlsx(posts));

        var messages = Chinese(preview);
        Assert.Contains("第2行 · 现任职者：名册中没有名为" + RosterFiles.CadreName(3) + "的干部。", messages); // the roster is empty: row 2 too
        Assert.Contains("第3行 · 现任职者：名册中没有名为查无此人的干部。", messages);
        Assert.Contains("第4行 · 职位层级：“处级”不在可选值内：正科、副科。", messages);
        Assert.Contains("第5行 · 职数：“两个”不是整数。", messages);
        Assert.Equal(0, (await TablesAsync(id)).Posts);
    }
}
