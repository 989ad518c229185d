using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Web.Features.Common;

namespace CompetitivePosts.Web.Features.Roster;

/// <summary>The roster form's fields as typed; dates are text in the template's formats.</summary>
public sealed class CadreForm
{
    public int? Id { get; set; }

    public uint Version { get; set; }

    public string Name { get; set; } = "";

    public Gender? Gender { get; set; }

    public string BirthDate { get; set; } = "";

    public string? Ethnicity { get; set; }

    public string? PoliticalStatus { get; set; }

    public EducationLevel? Education { get; set; }

    public string? Major { get; set; }

    public CadreRank? Rank { get; set; }

    public string RankSince { get; set; } = "";

    public string? CurrentTitle { get; set; }

    public string? Department { get; set; }

    public string TitleSince { get; set; } = "";

    /// <summary>The ballot kind sets the two flags: A is 副县级以上, B is 中层正职.</summary>
    public VoterCategory Category { get; set; } = VoterCategory.C;

    public int? GrassrootsYears { get; set; }

    public Appraisal? Appraisal1 { get; set; }

    public Appraisal? Appraisal2 { get; set; }

    public Appraisal? Appraisal3 { get; set; }

    public bool InService { get; set; } = true;

    public string? KinName { get; set; }

    public string? KinRelation { get; set; }

    public string Reason { get; set; } = "";

    public static CadreForm From(int id, uint version, CadreDetails d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new CadreForm
        {
            Id = id, Version = version, Name = d.Name, Gender = d.Gender, BirthDate = Text(d.BirthDate), Ethnicity = d.Ethnicity,
            PoliticalStatus = d.PoliticalStatus, Education = d.Education, Major = d.Major, Rank = d.Rank, RankSince = Text(d.RankSince),
            CurrentTitle = d.CurrentTitle, Department = d.Department, TitleSince = Text(d.TitleSince), Category = d.Category,
            GrassrootsYears = d.GrassrootsYears, Appraisal1 = d.Appraisal1, Appraisal2 = d.Appraisal2, Appraisal3 = d.Appraisal3,
            InService = d.InService, KinName = d.KinName, KinRelation = d.KinRelation,
        };
    }

    /// <summary>The details, or a DomainException naming the first date that cannot be read.</summary>
    public CadreDetails ToDetails() => new()
    {
        Name = Name, Gender = Gender, BirthDate = Date(BirthDate), Ethnicity = Ethnicity, PoliticalStatus = PoliticalStatus,
        Education = Education, Major = Major, Rank = Rank, RankSince = Date(RankSince), CurrentTitle = CurrentTitle, Department = Department,
        TitleSince = Date(TitleSince), IsCountyLeader = Category == VoterCategory.A, IsMiddlePrincipal = Category == VoterCategory.B,
        GrassrootsYears = GrassrootsYears, Appraisal1 = Appraisal1, Appraisal2 = Appraisal2, Appraisal3 = Appraisal3, InService = InService,
        KinName = KinName, KinRelation = KinRelation,
    };

    private static string Text(DateOnly? d) => DateText.Format(d);

    private static DateOnly? Date(string text) => DateText.ParseOrNull(text);
}
