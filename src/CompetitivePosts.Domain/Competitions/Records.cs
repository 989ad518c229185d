namespace CompetitivePosts.Domain.Competitions;

/// <summary>Who held which post when the unit reset to zero; outcomes are measured against it.</summary>
public class PriorHolding
{
    private PriorHolding() { PostName = ""; }

    internal PriorHolding(Post post, Cadre holder)
    {
        Post = post;
        PostId = post.Id;
        Cadre = holder;
        CadreId = holder.Id;
        PostName = post.Name;
        Level = post.Level;
    }

    public int Id { get; private set; }

    public int CompetitionId { get; private set; }

    public int PostId { get; private set; }

    public Post? Post { get; private set; }

    public int CadreId { get; private set; }

    public Cadre? Cadre { get; private set; }

    /// <summary>Copied so the snapshot survives later renames of the post.</summary>
    public string PostName { get; private set; }

    public PostLevel Level { get; private set; }
}

/// <summary>A cadre's registration (报名) for one post.</summary>
public class Application
{
    private Application() { }

    internal Application(Cadre cadre, Post post, bool acceptsReassignment)
    {
        Cadre = cadre;
        CadreId = cadre.Id;
        Post = post;
        PostId = post.Id;
        AcceptsReassignment = acceptsReassignment;
    }

    public int Id { get; private set; }

    public int CompetitionId { get; private set; }

    public int CadreId { get; private set; }

    public Cadre? Cadre { get; private set; }

    public int PostId { get; private set; }

    public Post? Post { get; private set; }

    /// <summary>服从调剂: the cadre may be appointed to a post they did not apply for.</summary>
    public bool AcceptsReassignment { get; private set; }
}

/// <summary>The party committee's choice for one post.</summary>
public class Decision
{
    private Decision() { }

    internal Decision(Post post, Cadre appointee, string? justification, string? systemReason, DateTimeOffset decidedAt)
    {
        Post = post;
        PostId = post.Id;
        Appointee = appointee;
        AppointeeId = appointee.Id;
        Justification = justification;
        SystemReason = systemReason;
        DecidedAt = decidedAt;
    }

    public int Id { get; private set; }

    public int CompetitionId { get; private set; }

    public int PostId { get; private set; }

    public Post? Post { get; private set; }

    public int AppointeeId { get; private set; }

    public Cadre? Appointee { get; private set; }

    /// <summary>说明理由 typed by the unit when it passes over the top scorer.</summary>
    public string? Justification { get; private set; }

    /// <summary>A reason the system recognised itself, such as higher-ranked applicants placed elsewhere.</summary>
    public string? SystemReason { get; private set; }

    public DateTimeOffset DecidedAt { get; private set; }

    internal void Change(Cadre appointee, string? justification, string? systemReason, DateTimeOffset decidedAt)
    {
        Appointee = appointee;
        AppointeeId = appointee.Id;
        Justification = justification;
        SystemReason = systemReason;
        DecidedAt = decidedAt;
    }
}

/// <summary>One submission of the decisions to the organization department (备案).</summary>
public class Filing
{
    private Filing() { }

    internal Filing(int version, DateTimeOffset submittedAt)
    {
        Version = version;
        SubmittedAt = submittedAt;
        Status = FilingStatus.Pending;
    }

    public int Id { get; private set; }

    public int CompetitionId { get; private set; }

    public int Version { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }

    public FilingStatus Status { get; private set; }

    public string? ReviewerName { get; private set; }

    public string? ReviewNote { get; private set; }

    public DateTimeOffset? ReviewedAt { get; private set; }

    internal void Review(FilingStatus outcome, string reviewer, string? note, DateTimeOffset at)
    {
        Status = outcome;
        ReviewerName = reviewer;
        ReviewNote = note;
        ReviewedAt = at;
    }
}
