namespace CompetitivePosts.Domain.Competitions;

/// <summary>A section-level leadership post (科级领导职位).</summary>
public class Post
{
    private Post() { Name = ""; }

    internal Post(PostDetails details, Cadre? holder)
    {
        Name = "";
        Apply(details);
        Holder = holder;
        HolderId = holder?.Id;
    }

    public int Id { get; private set; }

    public int CompetitionId { get; private set; }

    public string Name { get; private set; }

    public string? Department { get; private set; }

    public PostLevel Level { get; private set; }

    public int Headcount { get; private set; }

    public EducationLevel? MinimumEducation { get; private set; }

    public string? PreferredMajors { get; private set; }

    public string? OtherRequirements { get; private set; }

    /// <summary>Posts involving secrets or security are not competed; their holders keep them.</summary>
    public bool IsExcluded => Exclusion is not null;

    public PostExclusion? Exclusion { get; private set; }

    /// <summary>Who holds the post now; the reset clears it unless the post is excluded.</summary>
    public int? HolderId { get; private set; }

    public Cadre? Holder { get; private set; }

    public PostDetails Details => new()
    {
        Name = Name, Department = Department, Level = Level, Headcount = Headcount, MinimumEducation = MinimumEducation,
        PreferredMajors = PreferredMajors, OtherRequirements = OtherRequirements, Exclusion = Exclusion,
    };

    internal void Apply(PostDetails details)
    {
        var d = details.Normalised();
        Name = d.Name;
        Department = d.Department;
        Level = d.Level;
        Headcount = d.Headcount;
        MinimumEducation = d.MinimumEducation;
        PreferredMajors = d.PreferredMajors;
        OtherRequirements = d.OtherRequirements;
        Exclusion = d.Exclusion;
    }

    internal void SetHolder(Cadre? holder)
    {
        Holder = holder;
        HolderId = holder?.Id;
    }

    internal void Vacate() => SetHolder(null);
}
