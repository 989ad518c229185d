namespace CompetitivePosts.Domain.Competitions;

/// <summary>A person on the competition's roster: a possible candidate and a voter.</summary>
public class Cadre
{
    private Cadre() { Name = ""; }

    internal Cadre(CadreDetails details)
    {
        Name = "";
        Apply(details);
    }

    public int Id { get; private set; }

    public int CompetitionId { get; private set; }

    public string Name { get; private set; }

    /// <summary>The ballot kind this cadre votes with: unit leaders A, middle-level principals B, others C; follows the flags.</summary>
    public VoterCategory Category { get; private set; }

    public Gender? Gender { get; private set; }

    public DateOnly? BirthDate { get; private set; }

    public string? Ethnicity { get; private set; }

    public string? PoliticalStatus { get; private set; }

    public EducationLevel? Education { get; private set; }

    public string? Major { get; private set; }

    public CadreRank? Rank { get; private set; }

    public DateOnly? RankSince { get; private set; }

    public string? CurrentTitle { get; private set; }

    public string? Department { get; private set; }

    public DateOnly? TitleSince { get; private set; }

    public bool IsCountyLeader { get; private set; }

    public bool IsMiddlePrincipal { get; private set; }

    public int? GrassrootsYears { get; private set; }

    public Appraisal? Appraisal1 { get; private set; }

    public Appraisal? Appraisal2 { get; private set; }

    public Appraisal? Appraisal3 { get; private set; }

    public bool InService { get; private set; }

    public string? KinName { get; private set; }

    public string? KinRelation { get; private set; }

    /// <summary>SHA-256 (hex) of the personal registration link's token; the token itself is never stored.</summary>
    public string? RegistrationTokenHash { get; private set; }

    public CadreDetails Details => new()
    {
        Name = Name, Gender = Gender, BirthDate = BirthDate, Ethnicity = Ethnicity, PoliticalStatus = PoliticalStatus,
        Education = Education, Major = Major, Rank = Rank, RankSince = RankSince, CurrentTitle = CurrentTitle,
        Department = Department, TitleSince = TitleSince, IsCountyLeader = IsCountyLeader, IsMiddlePrincipal = IsMiddlePrincipal,
        GrassrootsYears = GrassrootsYears, Appraisal1 = Appraisal1, Appraisal2 = Appraisal2, Appraisal3 = Appraisal3,
        InService = InService, KinName = KinName, KinRelation = KinRelation,
    };

    public static string HashToken(string token) => SecretToken.Hash(token);

    internal void Apply(CadreDetails details)
    {
        var d = details.Normalised();
        Name = d.Name;
        Gender = d.Gender;
        BirthDate = d.BirthDate;
        Ethnicity = d.Ethnicity;
        PoliticalStatus = d.PoliticalStatus;
        Education = d.Education;
        Major = d.Major;
        Rank = d.Rank;
        RankSince = d.RankSince;
        CurrentTitle = d.CurrentTitle;
        Department = d.Department;
        TitleSince = d.TitleSince;
        IsCountyLeader = d.IsCountyLeader;
        IsMiddlePrincipal = d.IsMiddlePrincipal;
        Category = d.Category;
        GrassrootsYears = d.GrassrootsYears;
        Appraisal1 = d.Appraisal1;
        Appraisal2 = d.Appraisal2;
        Appraisal3 = d.Appraisal3;
        InService = d.InService;
        KinName = d.KinName;
        KinRelation = d.KinRelation;
    }

    /// <summary>A new link replaces the old one, which stops working.</summary>
    internal string IssueRegistrationToken()
    {
        var token = SecretToken.New();
        RegistrationTokenHash = HashToken(token);
        return token;
    }
}
