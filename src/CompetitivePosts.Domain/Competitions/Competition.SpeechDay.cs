using CompetitivePosts.Domain.Speeches;

namespace CompetitivePosts.Domain.Competitions;

/// <summary>
/// The speech meeting as it runs (control panel): call, start, pause, resume, questions, next;
/// absences and withdrawals. Every time comes from the server's clock through the caller.
/// </summary>
public partial class Competition
{
    /// <summary>Starts the clock for the called speaker, calling the first waiting one if nobody is at the podium.</summary>
    public void StartSpeech(DateTimeOffset now)
    {
        EnsureSpeechDay();
        var progress = Progress();
        switch (progress.Phase)
        {
            case SpeechPhase.Running:
                throw new DomainException("The clock is already running.");
            case SpeechPhase.Paused:
                throw new DomainException("The clock is paused; resume it instead.");
            case SpeechPhase.Finished:
                throw new DomainException("Every candidate has had their turn.");
        }

        if (progress.CurrentCadreId is null && !CallNext())
        {
            throw new DomainException("Nobody is waiting to speak.");
        }

        FindSlot(progress.CurrentCadreId!.Value).Begin(now);
        progress.StartSegment(SpeechSegment.Speech, now);
        Touch();
    }

    public void PauseSpeech(DateTimeOffset now)
    {
        EnsureSpeechDay();
        var progress = Progress();
        if (progress.Phase != SpeechPhase.Running)
        {
            throw new DomainException("The clock is not running.");
        }

        progress.Pause(now);
        Touch();
    }

    public void ResumeSpeech(DateTimeOffset now)
    {
        EnsureSpeechDay();
        var progress = Progress();
        if (progress.Phase != SpeechPhase.Paused)
        {
            throw new DomainException("The clock is not paused.");
        }

        progress.Resume(now);
        Touch();
    }

    /// <summary>答问: times the questions after the speech, when the plan has time for them.</summary>
    public void StartQuestions(DateTimeOffset now)
    {
        EnsureSpeechDay();
        if (QuestionMinutes == 0)
        {
            throw new DomainException("The plan has no time for questions.");
        }

        var progress = Progress();
        if (progress.Phase is not (SpeechPhase.Running or SpeechPhase.Paused) || progress.Segment != SpeechSegment.Speech)
        {
            throw new DomainException("Questions follow a speech that is under way.");
        }

        progress.StartSegment(SpeechSegment.Questions, now);
        Touch();
    }

    /// <summary>Ends the current turn, if one is under way, and calls the next waiting candidate to the podium.</summary>
    public void NextSpeaker(DateTimeOffset now)
    {
        EnsureSpeechDay();
        var progress = Progress();
        switch (progress.Phase)
        {
            case SpeechPhase.Ready:
                throw new DomainException("The called candidate has not started: start the clock or mark them absent.");
            case SpeechPhase.Finished:
                throw new DomainException("Every candidate has had their turn.");
            case SpeechPhase.Running or SpeechPhase.Paused:
                FindSlot(progress.CurrentCadreId!.Value).Finish(now);
                break;
        }

        CallNext();
        Touch();
    }

    /// <summary>
    /// A candidate who is not there: as the plan says, they lose their turn, or they go to the end
    /// of the order once. A called candidate who is absent makes way for the next one.
    /// </summary>
    public void MarkAbsent(int cadreId)
    {
        EnsureSpeechDay();
        var slot = FindSlot(cadreId);
        if (!slot.IsWaiting)
        {
            throw new DomainException("Only a candidate who has not started can be marked absent.");
        }

        var wasCalled = SpeechProgress?.CurrentCadreId == cadreId;
        if (AbsentPolicy == AbsentPolicy.MoveToEnd && !slot.MovedToEnd)
        {
            var order = _speechSlots.OrderBy(s => s.Order).ToList();
            order.Remove(slot);
            order.Add(slot);
            Renumber(order);
            slot.SendToEnd(order.Count);
        }
        else
        {
            slot.MarkAbsent();
        }

        CallNextIf(wasCalled);
        Touch();
    }

    /// <summary>
    /// 主动放弃 on the day: the candidate will not speak. Keyed by cadre so that a withdrawal recorded
    /// in registration can be applied to the speech order the same way.
    /// </summary>
    public void WithdrawSpeaker(int cadreId, string reason, DateTimeOffset at)
    {
        EnsureSpeechDay();
        var text = Guard.Required(reason, "A withdrawal needs a reason.", ReasonMaxLength);
        var slot = FindSlot(cadreId);
        if (!slot.IsWaiting)
        {
            throw new DomainException("Only a candidate who has not started can withdraw from the speeches.");
        }

        // One withdrawal, whichever page records it: the candidate leaves the speeches and the ballots.
        Withdraw(cadreId, text, at, byCadre: false);
    }

    /// <summary>A registration withdrawal after the draw also takes the candidate out of the speech order.</summary>
    private void WithdrawSlotOf(int cadreId, string reason)
    {
        if (_speechSlots.FirstOrDefault(s => s.CadreId == cadreId) is not { IsWaiting: true } slot)
        {
            return;
        }

        var wasCalled = SpeechProgress?.CurrentCadreId == cadreId;
        slot.Withdraw(reason);
        CallNextIf(wasCalled);
        Touch();
    }

    /// <summary>The state the live screens show, at server time <paramref name="now"/>.</summary>
    public SpeechLive SpeechLiveAt(DateTimeOffset now)
    {
        var progress = SpeechProgress;
        var phase = progress?.Phase ?? SpeechPhase.NotStarted;
        var current = progress?.CurrentCadreId;
        var next = NextWaiting(current)?.CadreId;
        var segment = progress?.Segment ?? SpeechSegment.Speech;
        var duration = TimeSpan.FromMinutes(segment == SpeechSegment.Questions ? QuestionMinutes : SpeechMinutes);
        return new SpeechLive(phase, segment, current, next, duration, progress?.Elapsed(now) ?? TimeSpan.Zero, now,
            progress?.Revision ?? 0,
            _speechSlots.Count(s => s.Status is SpeechSlotStatus.Done or SpeechSlotStatus.Absent or SpeechSlotStatus.Withdrawn),
            _speechSlots.Count);
    }

    private SpeechProgress Progress() => SpeechProgress ??= new SpeechProgress();

    private SpeechSlot? NextWaiting(int? except) =>
        _speechSlots.Where(s => s.IsWaiting && s.CadreId != except).MinBy(s => s.Order);

    /// <summary>The called candidate is not speaking after all (absent, withdrawn): the next one is called instead.</summary>
    private void CallNextIf(bool calledCandidateLeft)
    {
        if (calledCandidateLeft)
        {
            CallNext();
        }
    }

    /// <summary>Calls the first waiting candidate in order; false, and the meeting is finished, when nobody waits.</summary>
    private bool CallNext()
    {
        var next = _speechSlots.Where(s => s.IsWaiting).MinBy(s => s.Order);
        Progress().Call(next?.CadreId);
        return next is not null;
    }
}
