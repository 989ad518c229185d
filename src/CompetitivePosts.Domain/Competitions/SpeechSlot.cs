using CompetitivePosts.Domain.Speeches;

namespace CompetitivePosts.Domain.Competitions;

/// <summary>One candidate's place in the speech order (述职演讲顺序) and how their turn went.</summary>
public class SpeechSlot
{
    private SpeechSlot() { }

    internal SpeechSlot(int order, int cadreId, int drawGroup)
    {
        Order = order;
        DrawnOrder = order;
        CadreId = cadreId;
        DrawGroup = drawGroup;
        Status = SpeechSlotStatus.Waiting;
    }

    public int Id { get; private set; }

    public int CompetitionId { get; private set; }

    /// <summary>The place now, 1-based; manual changes and absences move it.</summary>
    public int Order { get; private set; }

    /// <summary>The place the lot gave; never changes, so the draw can be checked after manual changes.</summary>
    public int DrawnOrder { get; private set; }

    /// <summary>Which group of the draw (0-based, in drawing order) the candidate was drawn in.</summary>
    public int DrawGroup { get; private set; }

    public int CadreId { get; private set; }

    public Cadre? Cadre { get; private set; }

    public SpeechSlotStatus Status { get; private set; }

    /// <summary>Set once an absence has sent the candidate to the end; a second absence skips them.</summary>
    public bool MovedToEnd { get; private set; }

    /// <summary>Why the candidate withdrew.</summary>
    public string? StatusReason { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>Waiting and not yet called: the only slots a manual change may move.</summary>
    public bool IsWaiting => Status == SpeechSlotStatus.Waiting;

    internal void MoveTo(int order) => Order = order;

    internal void Begin(DateTimeOffset at)
    {
        Status = SpeechSlotStatus.Speaking;
        StartedAt ??= at;
    }

    internal void Finish(DateTimeOffset at)
    {
        Status = SpeechSlotStatus.Done;
        FinishedAt = at;
    }

    internal void SendToEnd(int order)
    {
        Order = order;
        MovedToEnd = true;
    }

    internal void MarkAbsent() => Status = SpeechSlotStatus.Absent;

    internal void Withdraw(string reason)
    {
        Status = SpeechSlotStatus.Withdrawn;
        StatusReason = reason;
    }
}
