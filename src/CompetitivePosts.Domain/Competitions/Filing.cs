namespace CompetitivePosts.Domain.Competitions;

/// <summary>
/// One submission of the decisions to the organization department (备案). <see cref="Document"/> is
/// the frozen version: canonical JSON of everything the reviewer judges, with its SHA-256. The
/// database refuses to change either once written (docs/adr/0023).
/// </summary>
public class Filing
{
    /// <summary>Default review period: 7 days after submission, counted in China Standard Time.</summary>
    public const int ReviewDays = 7;

    private readonly List<FilingVerdict> _verdicts = [];

    private Filing() { Document = ""; Sha256 = ""; }

    internal Filing(int version, DateTimeOffset submittedAt, string document, string sha256)
    {
        Version = version;
        SubmittedAt = submittedAt;
        DueOn = ChinaDate.Of(submittedAt).AddDays(ReviewDays);
        Status = FilingStatus.Pending;
        Document = document;
        Sha256 = sha256;
    }

    public int Id { get; private set; }

    public int CompetitionId { get; private set; }

    public int Version { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }

    /// <summary>The last day (CST) the reviewer should answer by.</summary>
    public DateOnly DueOn { get; private set; }

    public FilingStatus Status { get; private set; }

    public string? ReviewerName { get; private set; }

    public string? ReviewNote { get; private set; }

    public DateTimeOffset? ReviewedAt { get; private set; }

    /// <summary>The frozen version as canonical JSON (<see cref="Decisions.FilingDocument"/>).</summary>
    public string Document { get; private set; }

    /// <summary>Lower-case hex SHA-256 of <see cref="Document"/>'s UTF-8 bytes.</summary>
    public string Sha256 { get; private set; }

    /// <summary>The reviewer's answer per decision: 予以备案 or 不予备案 with a reason.</summary>
    public IReadOnlyList<FilingVerdict> Verdicts => _verdicts;

    internal void Review(IReadOnlyList<FilingVerdict> verdicts, string reviewer, string? note, DateTimeOffset at)
    {
        _verdicts.AddRange(verdicts);
        Status = verdicts.All(v => v.Accepted) ? FilingStatus.Accepted : FilingStatus.Refused;
        ReviewerName = reviewer;
        ReviewNote = note;
        ReviewedAt = at;
    }
}

/// <summary>The reviewer's answer on one decision (one seat of one post) of a filing version.</summary>
public class FilingVerdict
{
    private FilingVerdict() { }

    internal FilingVerdict(int postId, int seat, bool accepted, string? reason)
    {
        PostId = postId;
        Seat = seat;
        Accepted = accepted;
        Reason = reason;
    }

    public int Id { get; private set; }

    public int FilingId { get; private set; }

    public int PostId { get; private set; }

    public int Seat { get; private set; }

    public bool Accepted { get; private set; }

    /// <summary>不予备案的理由; null when accepted.</summary>
    public string? Reason { get; private set; }
}
