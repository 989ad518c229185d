using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Web.Features.Common;

namespace CompetitivePosts.Web.Features.Roster;

public sealed class PostForm
{
    public int? Id { get; set; }

    public string Name { get; set; } = "";

    public string? Department { get; set; }

    public PostLevel Level { get; set; } = PostLevel.Principal;

    public int Headcount { get; set; } = 1;

    public EducationLevel? MinimumEducation { get; set; }

    public string? PreferredMajors { get; set; }

    public string? OtherRequirements { get; set; }

    public PostExclusion? Exclusion { get; set; }

    public PickOption? Holder { get; set; }

    public static PostForm From(PostRow row, IReadOnlyList<PickOption> cadres)
    {
        ArgumentNullException.ThrowIfNull(row);
        var d = row.Details;
        return new PostForm
        {
            Id = row.Id, Name = d.Name, Department = d.Department, Level = d.Level, Headcount = d.Headcount, MinimumEducation = d.MinimumEducation,
            PreferredMajors = d.PreferredMajors, OtherRequirements = d.OtherRequirements, Exclusion = d.Exclusion,
            Holder = cadres.FirstOrDefault(c => c.Id == row.HolderId),
        };
    }

    public PostDetails ToDetails() => new()
    {
        Name = Name, Department = Department, Level = Level, Headcount = Headcount, MinimumEducation = MinimumEducation,
        PreferredMajors = PreferredMajors, OtherRequirements = OtherRequirements, Exclusion = Exclusion,
    };
}
