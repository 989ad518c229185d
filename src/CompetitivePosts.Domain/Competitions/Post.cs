namespace CompetitivePosts.Domain.Competitions;

/// <summary>A section-level leadership post (科级领导职位).</summary>
public class Post
{
    private Post() { Name = ""; }

    internal Post(string name, PostLevel level, string? exclusionReason, Cadre? holder)
    {
        Name = Guard.Required(name, "Post name is required.");
        Level = level;
        if (!string.IsNullOrWhiteSpace(exclusionReason))
        {
            ExclusionReason = Guard.Required(exclusionReason, "An excluded post needs the reason it is excluded.", 200);
        }

        Holder = holder;
        HolderId = holder?.Id;
    }

    public int Id { get; private set; }

    public int CompetitionId { get; private set; }

    public string Name { get; private set; }

    public PostLevel Level { get; private set; }

    /// <summary>Posts involving secrets or security are not competed; their holders keep them.</summary>
    public bool IsExcluded => ExclusionReason is not null;

    public string? ExclusionReason { get; private set; }

    /// <summary>Who holds the post now; the reset clears it unless the post is excluded.</summary>
    public int? HolderId { get; private set; }

    public Cadre? Holder { get; private set; }

    internal void Vacate()
    {
        Holder = null;
        HolderId = null;
    }
}
