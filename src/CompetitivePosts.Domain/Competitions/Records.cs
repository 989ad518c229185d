namespace CompetitivePosts.Domain.Competitions;

/// <summary>
/// One cadre as the reset to zero found them: the post held before (with its level) and the
/// category and flags before. Written once by the reset and never changed; voter categories and the
/// outcome reports (留任 / 提任 / 落岗 / 交流) are measured against it. A cadre added by a correction
/// after the reset gets a row of its own, marked as such, holding no post.
/// </summary>
public class SnapshotEntry
{
    private SnapshotEntry() { CadreName = ""; }

    internal SnapshotEntry(Cadre cadre, Post? held, bool addedAfterReset)
    {
        Cadre = cadre;
        CadreId = cadre.Id;
        CadreName = cadre.Name;
        Category = cadre.Category;
        WasCountyLeader = cadre.IsCountyLeader;
        WasMiddlePrincipal = cadre.IsMiddlePrincipal;
        Post = held;
        PostId = held?.Id;
        PostName = held?.Name;
        PostLevel = held?.Level;
        PostExcluded = held?.IsExcluded ?? false;
        AddedAfterReset = addedAfterReset;
    }

    public int Id { get; private set; }

    public int CompetitionId { get; private set; }

    public int CadreId { get; private set; }

    public Cadre? Cadre { get; private set; }

    /// <summary>Copied so the snapshot survives later corrections of the cadre.</summary>
    public string CadreName { get; private set; }

    public VoterCategory Category { get; private set; }

    public bool WasCountyLeader { get; private set; }

    /// <summary>中层正职 before the reset: the base of the exchange rate.</summary>
    public bool WasMiddlePrincipal { get; private set; }

    public int? PostId { get; private set; }

    public Post? Post { get; private set; }

    public string? PostName { get; private set; }

    public PostLevel? PostLevel { get; private set; }

    /// <summary>The post was excluded, so its holder kept it through the reset.</summary>
    public bool PostExcluded { get; private set; }

    public bool AddedAfterReset { get; private set; }
}

/// <summary>A cadre's registration (报名): posts in order of preference, 服从调剂, statement, withdrawal.</summary>
public class CadreRegistration
{
    private CadreRegistration() { }

    internal CadreRegistration(Cadre cadre, DateTimeOffset at)
    {
        Cadre = cadre;
        CadreId = cadre.Id;
        RegisteredAt = at;
    }

    public int Id { get; private set; }

    public int CompetitionId { get; private set; }

    public int CadreId { get; private set; }

    public Cadre? Cadre { get; private set; }

    /// <summary>服从调剂: the cadre may be appointed to a post they did not apply for.</summary>
    public bool AcceptsReassignment { get; private set; }

    /// <summary>竞职材料: a short statement.</summary>
    public string? Statement { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    public DateTimeOffset? ChangedAt { get; private set; }

    /// <summary>主动放弃: set once, counted later in the outcome reports.</summary>
    public DateTimeOffset? WithdrawnAt { get; private set; }

    public string? WithdrawalReason { get; private set; }

    /// <summary>True when the cadre withdrew through their own link, false when the organizer recorded it.</summary>
    public bool WithdrawnByCadre { get; private set; }

    public bool IsWithdrawn => WithdrawnAt is not null;

    internal void Set(bool acceptsReassignment, string? statement, DateTimeOffset at, bool isNew)
    {
        AcceptsReassignment = acceptsReassignment;
        Statement = statement;
        if (!isNew)
        {
            ChangedAt = at;
        }
    }

    internal void Withdraw(string reason, DateTimeOffset at, bool byCadre)
    {
        WithdrawnAt = at;
        WithdrawalReason = reason;
        WithdrawnByCadre = byCadre;
    }
}

/// <summary>A cadre's registration for one post, at one preference (第一志愿 = 1), with its qualification review.</summary>
public class Application
{
    private Application() { }

    internal Application(Cadre cadre, Post post, int preference)
    {
        Cadre = cadre;
        CadreId = cadre.Id;
        Post = post;
        PostId = post.Id;
        Preference = preference;
    }

    public int Id { get; private set; }

    public int CompetitionId { get; private set; }

    public int CadreId { get; private set; }

    public Cadre? Cadre { get; private set; }

    public int PostId { get; private set; }

    public Post? Post { get; private set; }

    public int Preference { get; internal set; }

    public ReviewStatus Review { get; private set; }

    /// <summary>Why it was rejected, or why a decision was changed after the list was published.</summary>
    public string? ReviewNote { get; private set; }

    public DateTimeOffset? ReviewedAt { get; private set; }

    internal void SetReview(ReviewStatus status, string? note, DateTimeOffset at)
    {
        Review = status;
        ReviewNote = note;
        ReviewedAt = at;
    }
}

/// <summary>An organizer's written decision that a cadre may compete for a post although a rule of the plan says no.</summary>
public class EligibilityOverride
{
    private EligibilityOverride() { Reason = ""; }

    internal EligibilityOverride(int cadreId, int postId, string reason, DateTimeOffset at)
    {
        CadreId = cadreId;
        PostId = postId;
        Reason = reason;
        At = at;
    }

    public int Id { get; private set; }

    public int CompetitionId { get; private set; }

    public int CadreId { get; private set; }

    public int PostId { get; private set; }

    public string Reason { get; private set; }

    public DateTimeOffset At { get; private set; }
}
