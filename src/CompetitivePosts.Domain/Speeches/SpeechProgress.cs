namespace CompetitivePosts.Domain.Speeches;

/// <summary>
/// The speech meeting's clock, one row per competition: who is at the podium, and when the part
/// of the turn being timed started, all in server time. Screens derive the remaining time from
/// these timestamps and never from ticks, so a screen that reloads shows the same time.
/// </summary>
public class SpeechProgress
{
    internal SpeechProgress() { }

    public int CompetitionId { get; private set; }

    public SpeechPhase Phase { get; private set; }

    public SpeechSegment Segment { get; private set; }

    /// <summary>The cadre called to the podium: a slot is known by its cadre, who speaks once.</summary>
    public int? CurrentCadreId { get; private set; }

    /// <summary>When the clock of the current segment first started.</summary>
    public DateTimeOffset? SegmentStartedAt { get; private set; }

    public DateTimeOffset? PausedAt { get; private set; }

    /// <summary>Pauses already ended within the current segment.</summary>
    public TimeSpan PausedBefore { get; private set; }

    /// <summary>Bumped by every change to the speech day, so that two panels saving at once clash instead of overwriting.</summary>
    public int Revision { get; private set; }

    /// <summary>Time the clock has run in the current segment, pauses excluded.</summary>
    public TimeSpan Elapsed(DateTimeOffset now)
    {
        if (SegmentStartedAt is not { } started)
        {
            return TimeSpan.Zero;
        }

        var elapsed = (PausedAt ?? now) - started - PausedBefore;
        return elapsed < TimeSpan.Zero ? TimeSpan.Zero : elapsed;
    }

    internal void Touch() => Revision++;

    internal void Call(int? cadreId)
    {
        CurrentCadreId = cadreId;
        Phase = cadreId is null ? SpeechPhase.Finished : SpeechPhase.Ready;
        Segment = SpeechSegment.Speech;
        SegmentStartedAt = null;
        PausedAt = null;
        PausedBefore = TimeSpan.Zero;
    }

    internal void StartSegment(SpeechSegment segment, DateTimeOffset now)
    {
        Segment = segment;
        SegmentStartedAt = now;
        PausedAt = null;
        PausedBefore = TimeSpan.Zero;
        Phase = SpeechPhase.Running;
    }

    internal void Pause(DateTimeOffset now)
    {
        PausedAt = now;
        Phase = SpeechPhase.Paused;
    }

    internal void Resume(DateTimeOffset now)
    {
        // A clock that went backwards between pause and resume must not lengthen the speech.
        if (now > PausedAt)
        {
            PausedBefore += now - PausedAt.GetValueOrDefault();
        }

        PausedAt = null;
        Phase = SpeechPhase.Running;
    }
}

/// <summary>
/// What the live screens show at server time <see cref="At"/>: who is at the podium and who is
/// next, how long the timed segment lasts and how much of it has run.
/// </summary>
public sealed record SpeechLive(
    SpeechPhase Phase,
    SpeechSegment Segment,
    int? CurrentCadreId,
    int? NextCadreId,
    TimeSpan Duration,
    TimeSpan Elapsed,
    DateTimeOffset At,
    int Revision,
    int Finished,
    int Total)
{
    public TimeSpan Remaining => Duration - Elapsed;
}

/// <summary>
/// The result of redoing a draw from its recorded seed: whether the order matches, and whether the
/// recorded groups still match the candidates.
/// </summary>
public sealed record SpeechDrawCheck(
    bool OrderMatches,
    IReadOnlyList<int> RecomputedOrder,
    IReadOnlyList<int> RecordedOrder,
    IReadOnlyList<IReadOnlyList<int>> Groups,
    IReadOnlyList<int> CandidatesNotDrawn,
    IReadOnlyList<int> DrawnInWrongGroup)
{
    public bool Holds => OrderMatches && CandidatesNotDrawn.Count == 0 && DrawnInWrongGroup.Count == 0;
}

/// <summary>One group of the draw: everyone whose first post has this level (by rank) or is this post (by post).</summary>
public sealed record SpeechGroup(int Index, PostLevel? Level, int? PostId, IReadOnlyList<int> CadreIds);
