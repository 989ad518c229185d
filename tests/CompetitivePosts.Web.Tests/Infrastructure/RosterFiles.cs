using System.Globalization;
using MiniExcelLibs;

namespace CompetitivePosts.Web.Tests.Infrastructure;

/// <summary>
/// Roster and posts files as a unit's personnel office would fill the templates, written with MiniExcel
/// directly (not with the app's own writer), with the template's Chinese headers.
/// </summary>
public static class RosterFiles
{
    public static readonly string[] CadreHeaders =
    [
        "姓名", "性别", "出生日期", "民族", "政治面貌", "学历", "专业", "职级", "任现职级时间", "现任职务", "所在处室", "任现职时间",
        "是否副县级以上", "是否中层正职", "基层工作年限", "近三年考核（最近一年）", "近三年考核（前一年）", "近三年考核（前两年）",
        "是否在编在岗", "亲属姓名", "亲属关系",
    ];

    public static readonly string[] PostHeaders = ["所在处室", "职位名称", "职位层级", "职数", "最低学历", "优先专业", "其他要求", "不参加竞争原因", "现任职者"];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙"];
    private static readonly string[] Given = ["建国", "卫东", "秀兰", "志强", "红梅", "海涛", "立新", "晓燕", "丽娟"];

    public static readonly string[] Departments =
    [
        "办公室", "财务科", "企业改革科", "产权管理科", "规划发展科", "统计评价科", "企业领导人员管理科", "法规科", "监督检查科",
        "党群工作科", "宣传科", "纪检室", "信访科", "安全生产科", "考核分配科", "资本运营科", "人事科", "机关党委", "老干部科",
        "工会", "团委", "后勤服务中心", "信息中心", "研究室", "审计科", "外事科", "保密室",
    ];

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static string CadreName(int i) => Surnames[i % Surnames.Length] + Given[(i / Surnames.Length) % Given.Length] + (i >= 108 ? i.ToString(CultureInfo.InvariantCulture) : "");

    /// <summary>
    /// 108 cadres: 3 unit leaders (A), 27 middle-level principals (B) and 78 others (C), all eligible for
    /// some post under the default plan; dates are relative to today because a plan counts on its own date.
    /// </summary>
    public static List<Dictionary<string, object?>> Cadres(int count = 108)
    {
        var rows = new List<Dictionary<string, object?>>(count);
        for (var i = 0; i < count; i++)
        {
            var leader = i < 3;
            var principal = i is >= 3 and < 30;
            rows.Add(new Dictionary<string, object?>
            {
                ["姓名"] = CadreName(i),
                ["性别"] = i % 3 == 0 ? "女" : "男",
                ["出生日期"] = D(Today.AddYears(-30 - (i % 12)).AddDays(-i)),
                ["民族"] = i % 10 == 0 ? "回族" : "汉族",
                ["政治面貌"] = "中共党员",
                ["学历"] = i % 4 == 0 ? "研究生" : "大学本科",
                ["专业"] = i % 2 == 0 ? "经济管理" : "法学",
                ["职级"] = leader ? "副县级" : principal ? "正科级" : i % 2 == 0 ? "副科级" : "科员",
                ["任现职级时间"] = D(Today.AddYears(-4 - (i % 5))),
                ["现任职务"] = leader ? "副主任" : principal ? Departments[i - 3] + "科长" : "科员",
                ["所在处室"] = Departments[i % Departments.Length],
                ["任现职时间"] = D(Today.AddYears(-3)),
                ["是否副县级以上"] = leader ? "是" : "否",
                ["是否中层正职"] = principal ? "是" : "否",
                ["基层工作年限"] = i % 7,
                ["近三年考核（最近一年）"] = i % 5 == 0 ? "优秀" : "称职",
                ["近三年考核（前一年）"] = "称职",
                ["近三年考核（前两年）"] = "称职",
                ["是否在编在岗"] = "是",
                ["亲属姓名"] = null,
                ["亲属关系"] = null,
            });
        }

        return rows;
    }

    /// <summary>54 posts: 27 principal (held by the B cadres) and 27 deputy; the last principal post is excluded.</summary>
    public static List<Dictionary<string, object?>> Posts()
    {
        var rows = new List<Dictionary<string, object?>>();
        for (var i = 0; i < 27; i++)
        {
            rows.Add(Post(Departments[i], Departments[i] + (i == 0 ? "主任" : "科长"), "正科", CadreName(i + 3), i == 26 ? "涉及重要机密" : null));
        }

        for (var i = 0; i < 27; i++)
        {
            rows.Add(Post(Departments[i], Departments[i] + (i == 0 ? "副主任" : "副科长"), "副科", i % 3 == 0 ? CadreName(30 + i) : null, null));
        }

        return rows;
    }

    private static Dictionary<string, object?> Post(string department, string name, string level, string? holder, string? excluded) => new()
    {
        ["所在处室"] = department, ["职位名称"] = name, ["职位层级"] = level, ["职数"] = 1, ["最低学历"] = "大学本科",
        ["优先专业"] = "经济管理、法学", ["其他要求"] = "熟悉国资监管业务", ["不参加竞争原因"] = excluded, ["现任职者"] = holder,
    };

    public static byte[] Xlsx(IEnumerable<IDictionary<string, object?>> rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>RFC 4180, as Excel saves it: a field with a quote, comma or line break is quoted and its quotes doubled.</summary>
    private static string Quoted(string field) =>
        field.IndexOfAny(['"', ',', '\r', '\n']) < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static byte[] Csv(IEnumerable<IDictionary<string, object?>> rows, System.Text.Encoding encoding, bool bom = false)
    {
        var list = rows.ToList();
        var headers = list[0].Keys.ToList();
        var text = new System.Text.StringBuilder();
        text.Append(string.Join(",", headers)).Append("\r\n");
        foreach (var row in list)
        {
            text.Append(string.Join(",", headers.Select(h => Quoted(Convert.ToString(row[h], CultureInfo.InvariantCulture) ?? "")))).Append("\r\n");
        }

        var body = encoding.GetBytes(text.ToString());
        return bom ? [.. encoding.GetPreamble(), .. body] : body;
    }
}
