using CompetitivePosts.Domain.Competitions;

namespace CompetitivePosts.Domain.Eligibility;

/// <summary>
/// The plan's (方案) conditions for competing. The defaults are typical of 2009 Hebei 竞争上岗 plans,
/// not figures Baoding published: every unit checks them against its own plan (docs/adr/0012).
/// </summary>
public sealed record EligibilityRules
{
    /// <summary>Ages and years in rank are counted on this date (for example the day the plan is announced).</summary>
    public required DateOnly ReferenceDate { get; init; }

    public int PrincipalMaxAge { get; init; } = 45;

    public int DeputyMaxAge { get; init; } = 40;

    /// <summary>A 正科 post needs this rank or above …</summary>
    public CadreRank PrincipalMinRank { get; init; } = CadreRank.DeputySection;

    /// <summary>… held for at least this many years when it is exactly that rank.</summary>
    public int PrincipalMinYears { get; init; } = 2;

    public CadreRank DeputyMinRank { get; init; } = CadreRank.Clerk;

    public int DeputyMinYears { get; init; } = 3;

    /// <summary>For every post; a post may ask for more.</summary>
    public EducationLevel? MinimumEducation { get; init; } = EducationLevel.JuniorCollege;

    /// <summary>No 基本称职 or 不称职 in the last three years.</summary>
    public bool NoPoorAppraisal { get; init; } = true;

    /// <summary>在编在岗.</summary>
    public bool RequireInService { get; init; } = true;

    /// <summary>Off when null.</summary>
    public int? MinimumGrassrootsYears { get; init; }

    public static EligibilityRules Defaults(DateOnly referenceDate) => new() { ReferenceDate = referenceDate };

    public int MaxAge(PostLevel level) => level == PostLevel.Principal ? PrincipalMaxAge : DeputyMaxAge;

    public CadreRank MinRank(PostLevel level) => level == PostLevel.Principal ? PrincipalMinRank : DeputyMinRank;

    public int MinYears(PostLevel level) => level == PostLevel.Principal ? PrincipalMinYears : DeputyMinYears;

    public IReadOnlyList<DomainMessage> Problems()
    {
        var problems = new List<DomainMessage>();
        if (PrincipalMaxAge is < 25 or > 65 || DeputyMaxAge is < 25 or > 65)
        {
            problems.Add(new DomainMessage("Age ceilings must be between 25 and 65."));
        }

        if (PrincipalMinYears is < 0 or > 20 || DeputyMinYears is < 0 or > 20)
        {
            problems.Add(new DomainMessage("Years in rank must be between 0 and 20."));
        }

        if (MinimumGrassrootsYears is < 0 or > 40)
        {
            problems.Add(new DomainMessage("Years of grassroots work must be between 0 and 40."));
        }

        return problems;
    }
}
