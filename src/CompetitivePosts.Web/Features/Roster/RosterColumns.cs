using System.Globalization;
using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Web.Features.Common;

namespace CompetitivePosts.Web.Features.Roster;

/// <summary>A problem with one cell (or one row) of an import, by the row number and column header the user sees.</summary>
public sealed record ImportProblem(int Row, string Column, DomainMessage Message);

/// <summary>
/// The Chinese columns of the roster and posts templates, and how each cell is read and written. The
/// template, the export and the import all use these, so an exported file imports again unchanged.
/// </summary>
public static class RosterColumns
{
    public const string Name = "姓名";
    public const string Gender = "性别";
    public const string BirthDate = "出生日期";
    public const string Ethnicity = "民族";
    public const string PoliticalStatus = "政治面貌";
    public const string Education = "学历";
    public const string Major = "专业";
    public const string Rank = "职级";
    public const string RankSince = "任现职级时间";
    public const string CurrentTitle = "现任职务";
    public const string Department = "所在处室";
    public const string TitleSince = "任现职时间";
    public const string CountyLeader = "是否副县级以上";
    public const string MiddlePrincipal = "是否中层正职";
    public const string Grassroots = "基层工作年限";
    public const string Appraisal1 = "近三年考核（最近一年）";
    public const string Appraisal2 = "近三年考核（前一年）";
    public const string Appraisal3 = "近三年考核（前两年）";
    public const string InService = "是否在编在岗";
    public const string KinName = "亲属姓名";
    public const string KinRelation = "亲属关系";

    public const string PostDepartment = "所在处室";
    public const string PostName = "职位名称";
    public const string PostLevel = "职位层级";
    public const string Headcount = "职数";
    public const string MinimumEducation = "最低学历";
    public const string PreferredMajors = "优先专业";
    public const string OtherRequirements = "其他要求";
    public const string Exclusion = "不参加竞争原因";
    public const string Holder = "现任职者";

    public static IReadOnlyList<string> CadreHeaders { get; } =
    [
        Name, Gender, BirthDate, Ethnicity, PoliticalStatus, Education, Major, Rank, RankSince, CurrentTitle, Department, TitleSince,
        CountyLeader, MiddlePrincipal, Grassroots, Appraisal1, Appraisal2, Appraisal3, InService, KinName, KinRelation,
    ];

    public static IReadOnlyList<string> PostHeaders { get; } =
    [
        PostDepartment, PostName, PostLevel, Headcount, MinimumEducation, PreferredMajors, OtherRequirements, Exclusion, Holder,
    ];

    /// <summary>Which column a domain field is read from, so a rule broken by a value names the column.</summary>
    private static readonly Dictionary<string, string> CadreFieldColumns = new(StringComparer.Ordinal)
    {
        [nameof(CadreDetails.Name)] = Name, [nameof(CadreDetails.Gender)] = Gender, [nameof(CadreDetails.BirthDate)] = BirthDate,
        [nameof(CadreDetails.Ethnicity)] = Ethnicity, [nameof(CadreDetails.PoliticalStatus)] = PoliticalStatus,
        [nameof(CadreDetails.Education)] = Education, [nameof(CadreDetails.Major)] = Major, [nameof(CadreDetails.Rank)] = Rank,
        [nameof(CadreDetails.RankSince)] = RankSince, [nameof(CadreDetails.CurrentTitle)] = CurrentTitle,
        [nameof(CadreDetails.Department)] = Department, [nameof(CadreDetails.TitleSince)] = TitleSince,
        [nameof(CadreDetails.IsCountyLeader)] = CountyLeader, [nameof(CadreDetails.IsMiddlePrincipal)] = MiddlePrincipal,
        [nameof(CadreDetails.GrassrootsYears)] = Grassroots, [nameof(CadreDetails.InService)] = InService,
        [nameof(CadreDetails.KinName)] = KinName, [nameof(CadreDetails.KinRelation)] = KinRelation,
    };

    private static readonly Dictionary<string, string> PostFieldColumns = new(StringComparer.Ordinal)
    {
        [nameof(PostDetails.Name)] = PostName, [nameof(PostDetails.Department)] = PostDepartment,
        [nameof(PostDetails.Headcount)] = Headcount, [nameof(PostDetails.PreferredMajors)] = PreferredMajors,
        [nameof(PostDetails.OtherRequirements)] = OtherRequirements, [Competition.HolderField] = Holder,
    };

    public static string CadreColumn(string field) => CadreFieldColumns.GetValueOrDefault(field, field);

    public static string PostColumn(string field) => PostFieldColumns.GetValueOrDefault(field, field);

    // The first text of each value is what exports write; the others are what people also type.
    private static readonly (Gender Value, string[] Texts)[] Genders = [(Domain.Competitions.Gender.Male, ["男"]), (Domain.Competitions.Gender.Female, ["女"])];

    private static readonly (EducationLevel Value, string[] Texts)[] Educations =
    [
        (EducationLevel.Postgraduate, ["研究生", "硕士", "博士", "硕士研究生", "博士研究生"]),
        (EducationLevel.Bachelor, ["大学本科", "本科", "大学"]),
        (EducationLevel.JuniorCollege, ["大学专科", "大专", "专科"]),
        (EducationLevel.Secondary, ["中专", "中等专科", "技校"]),
        (EducationLevel.HighSchool, ["高中及以下", "高中", "初中", "初中及以下"]),
    ];

    private static readonly (CadreRank Value, string[] Texts)[] Ranks =
    [
        (CadreRank.DeputyCounty, ["副县级及以上", "副县级", "正县级", "副处级", "正处级"]),
        (CadreRank.Section, ["正科级", "正科"]),
        (CadreRank.DeputySection, ["副科级", "副科"]),
        (CadreRank.Clerk, ["科员"]),
        (CadreRank.OfficeStaff, ["办事员"]),
    ];

    private static readonly (Appraisal Value, string[] Texts)[] Appraisals =
    [
        (Appraisal.Excellent, ["优秀"]), (Appraisal.Competent, ["称职", "合格"]),
        (Appraisal.BasicallyCompetent, ["基本称职", "基本合格"]), (Appraisal.Incompetent, ["不称职", "不合格"]),
    ];

    private static readonly (PostLevel Value, string[] Texts)[] Levels =
    [
        (Domain.PostLevel.Principal, ["正科", "正科级", "正职"]), (Domain.PostLevel.Deputy, ["副科", "副科级", "副职"]),
    ];

    private static readonly (PostExclusion Value, string[] Texts)[] Exclusions =
    [
        (PostExclusion.ImportantSecrets, ["涉及重要机密"]), (PostExclusion.NationalSecurity, ["涉及国家安全"]),
        (PostExclusion.ByLaw, ["法律法规规定不宜公开竞争"]),
    ];

    public static string Text(PostExclusion value) => Exclusions.First(x => x.Value == value).Texts[0];

    public static string Text(EducationLevel value) => Educations.First(x => x.Value == value).Texts[0];

    public static IReadOnlyList<object?> CadreValues(CadreDetails d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return
        [
            d.Name, d.Gender is { } g ? Genders.First(x => x.Value == g).Texts[0] : null, Date(d.BirthDate), d.Ethnicity, d.PoliticalStatus,
            d.Education is { } e ? Text(e) : null, d.Major, d.Rank is { } r ? Ranks.First(x => x.Value == r).Texts[0] : null,
            Date(d.RankSince), d.CurrentTitle, d.Department, Date(d.TitleSince), YesNo(d.IsCountyLeader), YesNo(d.IsMiddlePrincipal),
            d.GrassrootsYears, AppraisalText(d.Appraisal1), AppraisalText(d.Appraisal2), AppraisalText(d.Appraisal3), YesNo(d.InService),
            d.KinName, d.KinRelation,
        ];
    }

    public static IReadOnlyList<object?> PostValues(PostDetails d, string? holder)
    {
        ArgumentNullException.ThrowIfNull(d);
        return
        [
            d.Department, d.Name, Levels.First(x => x.Value == d.Level).Texts[0], d.Headcount,
            d.MinimumEducation is { } e ? Text(e) : null, d.PreferredMajors, d.OtherRequirements,
            d.Exclusion is { } x ? Text(x) : null, holder,
        ];
    }

    /// <summary>Reads one row into a cadre, adding a problem for every cell that cannot be read.</summary>
    public static CadreDetails ReadCadre(SheetRow row, List<ImportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(problems);
        var cell = new CellReader(row, problems);
        return new CadreDetails
        {
            Name = cell.Required(Name) ?? "",
            Gender = cell.Choice(Gender, Genders, required: true),
            BirthDate = cell.Date(BirthDate, required: true),
            Ethnicity = cell.Text(Ethnicity),
            PoliticalStatus = cell.Text(PoliticalStatus),
            Education = cell.Choice(Education, Educations, required: true),
            Major = cell.Text(Major),
            Rank = cell.Choice(Rank, Ranks, required: true),
            RankSince = cell.Date(RankSince, required: true),
            CurrentTitle = cell.Text(CurrentTitle),
            Department = cell.Text(Department),
            TitleSince = cell.Date(TitleSince, required: false),
            IsCountyLeader = cell.YesNo(CountyLeader) ?? false,
            IsMiddlePrincipal = cell.YesNo(MiddlePrincipal) ?? false,
            GrassrootsYears = cell.Number(Grassroots),
            Appraisal1 = cell.Choice(Appraisal1, Appraisals, required: false),
            Appraisal2 = cell.Choice(Appraisal2, Appraisals, required: false),
            Appraisal3 = cell.Choice(Appraisal3, Appraisals, required: false),
            InService = cell.YesNo(InService) ?? false,
            KinName = cell.Text(KinName),
            KinRelation = cell.Text(KinRelation),
        };
    }

    public static (PostDetails Post, string? Holder) ReadPost(SheetRow row, List<ImportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(problems);
        var cell = new CellReader(row, problems);
        var post = new PostDetails
        {
            Department = cell.Text(PostDepartment),
            Name = cell.Required(PostName) ?? "",
            Level = cell.Choice(PostLevel, Levels, required: true) ?? Domain.PostLevel.Principal,
            Headcount = cell.Number(Headcount) ?? 1,
            MinimumEducation = cell.Choice(MinimumEducation, Educations, required: false),
            PreferredMajors = cell.Text(PreferredMajors),
            OtherRequirements = cell.Text(OtherRequirements),
            Exclusion = cell.Choice(Exclusion, Exclusions, required: false),
        };
        return (post, cell.Text(Holder));
    }

    private static string? Date(DateOnly? d) => d is null ? null : DateText.Format(d);

    private static string YesNo(bool b) => b ? "是" : "否";

    private static string? AppraisalText(Appraisal? a) => a is { } v ? Appraisals.First(x => x.Value == v).Texts[0] : null;

    private sealed class CellReader(SheetRow row, List<ImportProblem> problems)
    {
        private void Problem(string column, string key, params object[] args) => problems.Add(new ImportProblem(row.Number, column, new DomainMessage(key, args)));

        private string? Raw(string column)
        {
            var value = row.Cells.GetValueOrDefault(column);
            var text = value switch
            {
                null => null,
                DateTime dt => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                double d => d.ToString(CultureInfo.InvariantCulture),
                _ => Convert.ToString(value, CultureInfo.InvariantCulture),
            };
            return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        }

        public string? Text(string column) => Raw(column);

        public string? Required(string column)
        {
            var text = Raw(column);
            if (text is null)
            {
                Problem(column, "This cell is required.");
            }

            return text;
        }

        public T? Choice<T>(string column, (T Value, string[] Texts)[] choices, bool required)
            where T : struct, Enum
        {
            var text = Raw(column);
            if (text is null)
            {
                if (required)
                {
                    Problem(column, "This cell is required.");
                }

                return null;
            }

            foreach (var (value, texts) in choices)
            {
                if (texts.Contains(text, StringComparer.Ordinal))
                {
                    return value;
                }
            }

            Problem(column, "“{0}” is not one of: {1}.", text, string.Join("、", choices.Select(c => c.Texts[0])));
            return null;
        }

        public bool? YesNo(string column)
        {
            var text = Raw(column);
            switch (text?.ToUpperInvariant())
            {
                case null:
                    Problem(column, "This cell is required.");
                    return null;
                case "是" or "Y" or "YES" or "TRUE" or "1" or "√":
                    return true;
                case "否" or "N" or "NO" or "FALSE" or "0":
                    return false;
                default:
                    Problem(column, "“{0}” is not 是 or 否.", text);
                    return null;
            }
        }

        public int? Number(string column)
        {
            var text = Raw(column);
            if (text is null)
            {
                return null;
            }

            if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) && n == decimal.Truncate(n)
                && n is >= 0 and <= 1000)
            {
                return (int)n;
            }

            Problem(column, "“{0}” is not a whole number.", text);
            return null;
        }

        public DateOnly? Date(string column, bool required)
        {
            var value = row.Cells.GetValueOrDefault(column);
            DateOnly? date = value switch
            {
                DateTime dt => DateOnly.FromDateTime(dt),
                // Excel stores a date as days since 1899-12-30 when the cell is formatted as a number.
                double d when d is > 0 and < 2958466 => DateOnly.FromDateTime(DateTime.FromOADate(d)),
                _ => null,
            };
            var text = Raw(column);
            if (date is null && text is not null)
            {
                if (DateText.TryParse(text, out var parsed))
                {
                    date = parsed;
                }
                else
                {
                    Problem(column, "“{0}” is not a date; write it as 1975-03-08.", text);
                    return null;
                }
            }

            if (date is null)
            {
                if (required)
                {
                    Problem(column, "This cell is required.");
                }

                return null;
            }

            // Future and too-early dates are the domain's rules (CadreDetails.Problems), reported by column too.
            return date;
        }
    }
}
