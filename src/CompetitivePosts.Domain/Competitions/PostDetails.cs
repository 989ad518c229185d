namespace CompetitivePosts.Domain.Competitions;

/// <summary>What the plan says about a post: the columns of the posts template, without its holder.</summary>
public sealed record PostDetails
{
    public required string Name { get; init; }

    public string? Department { get; init; }

    public PostLevel Level { get; init; } = PostLevel.Principal;

    /// <summary>职数.</summary>
    public int Headcount { get; init; } = 1;

    public EducationLevel? MinimumEducation { get; init; }

    /// <summary>优先专业: shown beside the candidates, not a condition.</summary>
    public string? PreferredMajors { get; init; }

    public string? OtherRequirements { get; init; }

    public PostExclusion? Exclusion { get; init; }

    public IReadOnlyList<(string Field, DomainMessage Problem)> Problems()
    {
        var problems = new List<(string, DomainMessage)>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            problems.Add((nameof(Name), new DomainMessage("Post name is required.")));
        }
        else if (Name.Trim().Length > 100)
        {
            problems.Add((nameof(Name), new DomainMessage("Text is longer than {0} characters.", 100)));
        }

        if (Department?.Trim().Length > 100)
        {
            problems.Add((nameof(Department), new DomainMessage("Text is longer than {0} characters.", 100)));
        }

        if (Headcount is < 1 or > 20)
        {
            problems.Add((nameof(Headcount), new DomainMessage("The headcount must be between 1 and 20.")));
        }

        foreach (var (field, text) in new[] { (nameof(PreferredMajors), PreferredMajors), (nameof(OtherRequirements), OtherRequirements) })
        {
            if (text?.Trim().Length > 500)
            {
                problems.Add((field, new DomainMessage("Text is longer than {0} characters.", 500)));
            }
        }

        return problems;
    }

    public PostDetails Normalised() => this with
    {
        Name = Name.Trim(),
        Department = Clean(Department),
        PreferredMajors = Clean(PreferredMajors),
        OtherRequirements = Clean(OtherRequirements),
    };

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
