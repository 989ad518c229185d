namespace CompetitivePosts.Domain.Speeches;

/// <summary>How candidates are grouped before the lot is drawn within each group.</summary>
public enum SpeechGrouping
{
    /// <summary>正科 posts first, then 副科.</summary>
    ByRank = 0,

    /// <summary>One group per post, principal posts first, each level in the order the posts were added.</summary>
    ByPost = 1,

    /// <summary>Everyone in one group; draws made before groups existed (version 1) are of this kind.</summary>
    None = 2,
}

/// <summary>What happens to a candidate who is not there when called.</summary>
public enum AbsentPolicy
{
    /// <summary>They lose their turn.</summary>
    Skip = 0,

    /// <summary>They go to the end of the order once; absent again, they lose their turn.</summary>
    MoveToEnd = 1,
}

public enum SpeechSlotStatus
{
    Waiting = 0,
    Speaking = 1,
    Done = 2,
    Absent = 3,
    Withdrawn = 4,
}

/// <summary>Where the meeting is: nobody called yet, a speaker called to the podium, the clock running or paused, or all done.</summary>
public enum SpeechPhase
{
    NotStarted = 0,
    Ready = 1,
    Running = 2,
    Paused = 3,
    Finished = 4,
}

/// <summary>The part of a turn the clock is timing.</summary>
public enum SpeechSegment
{
    Speech = 0,
    Questions = 1,
}
