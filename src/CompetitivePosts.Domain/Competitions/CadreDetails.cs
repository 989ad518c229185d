namespace CompetitivePosts.Domain.Competitions;

/// <summary>
/// What the roster records about a cadre: the columns of the import template. Dates and grades may be
/// unknown (a quick form entry); a rule that needs a missing value reports it as a reason.
/// </summary>
public sealed record CadreDetails
{
    public const int NameLength = 50;
    public const int TextLength = 100;

    public required string Name { get; init; }

    public Gender? Gender { get; init; }

    public DateOnly? BirthDate { get; init; }

    public string? Ethnicity { get; init; }

    public string? PoliticalStatus { get; init; }

    public EducationLevel? Education { get; init; }

    public string? Major { get; init; }

    public CadreRank? Rank { get; init; }

    public DateOnly? RankSince { get; init; }

    public string? CurrentTitle { get; init; }

    public string? Department { get; init; }

    public DateOnly? TitleSince { get; init; }

    /// <summary>是否副县级以上: votes with an A ballot.</summary>
    public bool IsCountyLeader { get; init; }

    /// <summary>是否中层正职: votes with a B ballot.</summary>
    public bool IsMiddlePrincipal { get; init; }

    public int? GrassrootsYears { get; init; }

    /// <summary>近三年考核, the most recent year first.</summary>
    public Appraisal? Appraisal1 { get; init; }

    public Appraisal? Appraisal2 { get; init; }

    public Appraisal? Appraisal3 { get; init; }

    /// <summary>是否在编在岗.</summary>
    public bool InService { get; init; } = true;

    /// <summary>亲属关系, for 回避: the name of a kin cadre in the unit.</summary>
    public string? KinName { get; init; }

    public string? KinRelation { get; init; }

    /// <summary>A is 副县级以上, B is 中层正职, everyone else C: the category follows the flags.</summary>
    public VoterCategory Category => IsCountyLeader ? VoterCategory.A : IsMiddlePrincipal ? VoterCategory.B : VoterCategory.C;

    public IEnumerable<Appraisal?> Appraisals => [Appraisal1, Appraisal2, Appraisal3];

    /// <summary>A cadre known only by name and ballot category, as the quick form enters one.</summary>
    public static CadreDetails Of(string name, VoterCategory category) => new()
    {
        Name = name,
        IsCountyLeader = category == VoterCategory.A,
        IsMiddlePrincipal = category == VoterCategory.B,
    };

    /// <summary>
    /// Every problem with these values, keyed by the property it concerns, so an import can report
    /// each one by row and column instead of only the first.
    /// </summary>
    public IReadOnlyList<(string Field, DomainMessage Problem)> Problems(DateOnly today)
    {
        var problems = new List<(string, DomainMessage)>();
        void Add(string field, DomainMessage m) => problems.Add((field, m));
        if (string.IsNullOrWhiteSpace(Name))
        {
            Add(nameof(Name), new DomainMessage("Cadre name is required."));
        }
        else if (Name.Trim().Length > NameLength)
        {
            Add(nameof(Name), new DomainMessage("Text is longer than {0} characters.", NameLength));
        }

        foreach (var (field, text) in new[]
                 {
                     (nameof(Ethnicity), Ethnicity), (nameof(PoliticalStatus), PoliticalStatus), (nameof(Major), Major),
                     (nameof(CurrentTitle), CurrentTitle), (nameof(Department), Department), (nameof(KinName), KinName),
                     (nameof(KinRelation), KinRelation),
                 })
        {
            if (text?.Trim().Length > TextLength)
            {
                Add(field, new DomainMessage("Text is longer than {0} characters.", TextLength));
            }
        }

        foreach (var (field, date) in new[] { (nameof(BirthDate), BirthDate), (nameof(RankSince), RankSince), (nameof(TitleSince), TitleSince) })
        {
            if (date > today)
            {
                Add(field, new DomainMessage("The date {0} is in the future.", Text(date.Value)));
            }
            else if (date?.Year < 1900)
            {
                Add(field, new DomainMessage("The date {0} is before 1900.", Text(date.Value)));
            }
        }

        if (BirthDate is { } born && born <= today && ChinaDate.CompletedYears(born, today) < 16)
        {
            Add(nameof(BirthDate), new DomainMessage("A cadre born on {0} would be younger than 16.", Text(born)));
        }

        foreach (var (field, date) in new[] { (nameof(RankSince), RankSince), (nameof(TitleSince), TitleSince) })
        {
            if (date is { } d && BirthDate is { } b && d <= b)
            {
                Add(field, new DomainMessage("The date {0} is not after the birth date {1}.", Text(d), Text(b)));
            }
        }

        if (GrassrootsYears is < 0 or > 60)
        {
            Add(nameof(GrassrootsYears), new DomainMessage("Years of grassroots work must be between 0 and 60."));
        }

        if (IsCountyLeader && IsMiddlePrincipal)
        {
            Add(nameof(IsMiddlePrincipal), new DomainMessage("A cadre cannot be both a unit leader (A) and a middle-level principal (B)."));
        }

        if (KinName is { Length: > 0 } && string.Equals(KinName.Trim(), Name?.Trim(), StringComparison.Ordinal))
        {
            Add(nameof(KinName), new DomainMessage("A cadre cannot be their own kin."));
        }

        return problems;
    }

    /// <summary>The same values with text trimmed and empty text as null, as they are stored.</summary>
    public CadreDetails Normalised() => this with
    {
        Name = Name.Trim(),
        Ethnicity = Clean(Ethnicity),
        PoliticalStatus = Clean(PoliticalStatus),
        Major = Clean(Major),
        CurrentTitle = Clean(CurrentTitle),
        Department = Clean(Department),
        KinName = Clean(KinName),
        KinRelation = Clean(KinRelation),
    };

    internal static string Text(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
