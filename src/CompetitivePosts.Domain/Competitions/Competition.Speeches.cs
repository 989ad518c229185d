using CompetitivePosts.Domain.Speeches;

namespace CompetitivePosts.Domain.Competitions;

/// <summary>
/// The speech plan (述职演讲), stage 3: sessions and turn lengths, the lot draw of the order and
/// its check, manual changes with reasons, and the planned times. The live clock is in
/// Competition.SpeechDay.cs.
/// </summary>
public partial class Competition
{
    public const int DefaultSpeechMinutes = 5;
    public const int MaxSpeechMinutes = 60;
    public const int MaxQuestionMinutes = 60;
    public const int MaxChangeoverMinutes = 30;
    public const int ReasonMaxLength = 200;

    private readonly List<SpeechSession> _speechSessions = [];

    public int SpeechMinutes { get; private set; } = DefaultSpeechMinutes;

    /// <summary>答问: questions after each speech; 0 when the meeting has none.</summary>
    public int QuestionMinutes { get; private set; }

    /// <summary>Between one turn and the next, for the next speaker to come up.</summary>
    public int ChangeoverMinutes { get; private set; } = 1;

    public AbsentPolicy AbsentPolicy { get; private set; } = AbsentPolicy.MoveToEnd;

    /// <summary>How candidates were grouped for the draw; recorded with it.</summary>
    public SpeechGrouping SpeechGrouping { get; private set; } = SpeechGrouping.ByRank;

    /// <summary>The recorded seed: 64 hex digits for version 2, a whole number for version 1.</summary>
    public string? DrawSeed { get; private set; }

    /// <summary>Which documented algorithm drew the order (<see cref="SpeechDraw"/>).</summary>
    public int? DrawAlgorithm { get; private set; }

    public DateTimeOffset? DrawnAt { get; private set; }

    public IReadOnlyList<SpeechSession> SpeechSessions => _speechSessions;

    public SpeechProgress? SpeechProgress { get; private set; }

    public bool IsSpeechOrderDrawn => DrawSeed is not null;

    /// <summary>True once a speaker has been called: from then on the plan is what the hall was told.</summary>
    public bool HaveSpeechesBegun => SpeechProgress is { Phase: not SpeechPhase.NotStarted };

    public void SetSpeechPlan(int speechMinutes, int questionMinutes, int changeoverMinutes, AbsentPolicy absentPolicy)
    {
        EnsureStatus(CompetitionStatus.Registration, CompetitionStatus.Speeches);
        EnsureSpeechesNotBegun();
        if (speechMinutes is < 1 or > MaxSpeechMinutes)
        {
            throw new DomainException("A speech lasts from 1 to {0} minutes.", MaxSpeechMinutes);
        }

        if (questionMinutes is < 0 or > MaxQuestionMinutes)
        {
            throw new DomainException("Questions last from 0 to {0} minutes.", MaxQuestionMinutes);
        }

        if (changeoverMinutes is < 0 or > MaxChangeoverMinutes)
        {
            throw new DomainException("A changeover lasts from 0 to {0} minutes.", MaxChangeoverMinutes);
        }

        if (!Enum.IsDefined(absentPolicy))
        {
            throw new DomainException("Choose what happens to an absent candidate.");
        }

        SpeechMinutes = speechMinutes;
        QuestionMinutes = questionMinutes;
        ChangeoverMinutes = changeoverMinutes;
        AbsentPolicy = absentPolicy;
        Touch();
    }

    public SpeechSession AddSpeechSession(DateOnly date, TimeOnly start, TimeOnly end, string venue)
    {
        EnsureStatus(CompetitionStatus.Registration, CompetitionStatus.Speeches);
        var session = new SpeechSession(date, start, end, venue);
        if (_speechSessions.FirstOrDefault(session.Overlaps) is { } clash)
        {
            throw new DomainException("This session overlaps the session on {0} from {1}.",
                clash.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                clash.Start.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        }

        _speechSessions.Add(session);
        Touch();
        return session;
    }

    public void RemoveSpeechSession(int sessionId)
    {
        EnsureStatus(CompetitionStatus.Registration, CompetitionStatus.Speeches);
        EnsureSpeechesNotBegun();
        var session = _speechSessions.FirstOrDefault(s => s.Id == sessionId) ?? throw new DomainException("No such session.");
        _speechSessions.Remove(session);
        Touch();
    }

    /// <summary>
    /// 抽签: draws the order from a fresh cryptographically random seed, which nobody, the caller
    /// included, gets to choose. Once only: redrawing until the order suits someone would defeat the lot.
    /// </summary>
    public void DrawSpeechOrder(SpeechGrouping grouping, DateTimeOffset at) => DrawSpeechOrder(grouping, SpeechDraw.NewSeed(), at);

    /// <summary>With a given seed, for tests that need a known order.</summary>
    internal void DrawSpeechOrder(SpeechGrouping grouping, string seed, DateTimeOffset at)
    {
        EnsureStatus(CompetitionStatus.Speeches);
        if (IsSpeechOrderDrawn)
        {
            throw new DomainException("The speech order has already been drawn.");
        }

        if (!Enum.IsDefined(grouping))
        {
            throw new DomainException("Choose how candidates are grouped for the draw.");
        }

        var groups = SpeechGroups(grouping, Candidates.Select(c => c.Id));
        if (groups.Count == 0)
        {
            throw new DomainException("There are no candidates to draw.");
        }

        var order = SpeechDraw.Order(SpeechDraw.CurrentVersion, seed, [.. groups.Select(g => g.CadreIds)]);
        var groupOf = groups.SelectMany(g => g.CadreIds.Select(id => (id, g.Index))).ToDictionary(x => x.id, x => x.Index);
        for (var i = 0; i < order.Count; i++)
        {
            _speechSlots.Add(new SpeechSlot(i + 1, order[i], groupOf[order[i]]));
        }

        DrawSeed = seed;
        DrawAlgorithm = SpeechDraw.CurrentVersion;
        SpeechGrouping = grouping;
        DrawnAt = at;
        Touch();
    }

    /// <summary>
    /// Redoes the draw from the recorded seed and groups and compares it with the order as drawn
    /// (manual changes since are audited separately); also checks that the recorded groups still
    /// follow the grouping rule and that no candidate was left out.
    /// </summary>
    public SpeechDrawCheck VerifySpeechDraw()
    {
        if (DrawSeed is null || DrawAlgorithm is not { } version)
        {
            throw new DomainException("The speech order has not been drawn yet.");
        }

        var drawn = _speechSlots.OrderBy(s => s.DrawnOrder).ToList();
        IReadOnlyList<IReadOnlyList<int>> groups = [.. drawn.GroupBy(s => s.DrawGroup).OrderBy(g => g.Key)
            .Select(g => (IReadOnlyList<int>)[.. g.Select(s => s.CadreId).Order()])];
        var recorded = drawn.Select(s => s.CadreId).ToList();
        var recomputed = SpeechDraw.Order(version, DrawSeed, groups);

        var expected = version == SpeechDraw.SplitMix64
            ? [new SpeechGroup(0, null, null, recorded)]
            : SpeechGroups(SpeechGrouping, recorded);
        var expectedGroup = expected.SelectMany(g => g.CadreIds.Select(id => (id, g.Index))).ToDictionary(x => x.id, x => x.Index);
        var wrongGroup = drawn.Where(s => expectedGroup[s.CadreId] != s.DrawGroup).Select(s => s.CadreId).ToList();
        var notDrawn = Candidates.Select(c => c.Id).Where(id => !recorded.Contains(id)).ToList();
        return new SpeechDrawCheck(recomputed.SequenceEqual(recorded), recomputed, recorded, groups, notDrawn, wrongGroup);
    }

    /// <summary>
    /// The post a candidate speaks under: one who applied for several speaks once, in the group of
    /// their highest preference (第一志愿 first) among the posts they qualified for; an applicant not
    /// yet reviewed falls back to their highest preference overall. Ties (same preference) go to the
    /// earliest saved application; an application not yet saved (id 0) is newer than every saved one.
    /// </summary>
    public Application PrimaryApplication(int cadreId) =>
        _applications.Where(a => a.CadreId == cadreId).Select((a, i) => (a, i))
            .OrderBy(x => x.a.Review != ReviewStatus.Approved).ThenBy(x => x.a.Preference)
            .ThenBy(x => x.a.Id == 0).ThenBy(x => x.a.Id).ThenBy(x => x.i).Select(x => x.a).FirstOrDefault()
        ?? throw new DomainException("No such cadre in this competition.");

    /// <summary>The groups the draw shuffles within, in speaking order: principal posts before deputy ones.</summary>
    public IReadOnlyList<SpeechGroup> SpeechGroups(SpeechGrouping grouping, IEnumerable<int> cadreIds)
    {
        var speakers = cadreIds.Distinct().Order().Select(id => (Id: id, Post: FindPost(PrimaryApplication(id).PostId))).ToList();
        if (speakers.Count == 0)
        {
            return [];
        }

        return grouping switch
        {
            SpeechGrouping.None => [new SpeechGroup(0, null, null, [.. speakers.Select(s => s.Id)])],
            SpeechGrouping.ByRank => [.. speakers.GroupBy(s => s.Post.Level).OrderBy(g => g.Key)
                .Select((g, i) => new SpeechGroup(i, g.Key, null, [.. g.Select(s => s.Id)]))],
            SpeechGrouping.ByPost => [.. speakers.GroupBy(s => s.Post).OrderBy(g => g.Key.Level).ThenBy(g => g.Key.Id)
                .Select((g, i) => new SpeechGroup(i, g.Key.Level, g.Key.Id, [.. g.Select(s => s.Id)]))],
            _ => throw new DomainException("Choose how candidates are grouped for the draw."),
        };
    }

    /// <summary>
    /// 调整顺序: moves a waiting candidate to another place, for example one who must leave early.
    /// Everyone between the old and the new place shifts by one; nobody already called may be passed.
    /// </summary>
    public void MoveSpeaker(int cadreId, int place, string reason)
    {
        EnsureSpeechDay();
        Guard.Required(reason, "A manual change needs a reason.", ReasonMaxLength);
        var slot = FindSlot(cadreId);
        var order = _speechSlots.OrderBy(s => s.Order).ToList();
        if (place < 1 || place > order.Count)
        {
            throw new DomainException("Choose a place from 1 to {0}.", order.Count);
        }

        if (place == slot.Order)
        {
            throw new DomainException("The candidate is already in place {0}.", place);
        }

        var low = Math.Min(place, slot.Order);
        var high = Math.Max(place, slot.Order);
        if (order.Any(s => s.Order >= low && s.Order <= high && (!s.IsWaiting || s.CadreId == SpeechProgress?.CurrentCadreId)))
        {
            throw new DomainException("Only candidates still waiting, and not yet called, can change places.");
        }

        order.Remove(slot);
        order.Insert(place - 1, slot);
        Renumber(order);
        Touch();
    }

    /// <summary>Planned start times of the turns in the current order; withdrawn candidates get none.</summary>
    public IReadOnlyList<(SpeechSlot Slot, PlannedTime Time)> SpeechTimetable()
    {
        var slots = _speechSlots.OrderBy(s => s.Order).ToList();
        var speaking = slots.Where(s => s.Status != SpeechSlotStatus.Withdrawn).ToList();
        var times = Speeches.SpeechTimetable.Plan(
            _speechSessions.Select(s => new SessionHours(s.Id, s.Date, s.Start, s.End)),
            speaking.Count,
            TimeSpan.FromMinutes(SpeechMinutes + QuestionMinutes),
            TimeSpan.FromMinutes(ChangeoverMinutes));
        var byCadre = speaking.Select((s, i) => (s.CadreId, times[i])).ToDictionary(x => x.CadreId, x => x.Item2);
        return [.. slots.Select(s => (s, byCadre.GetValueOrDefault(s.CadreId) ?? new PlannedTime(null, null, false)))];
    }

    private SpeechSlot FindSlot(int cadreId) =>
        _speechSlots.FirstOrDefault(s => s.CadreId == cadreId) ?? throw new DomainException("This candidate has no place in the speech order.");

    private static void Renumber(List<SpeechSlot> order)
    {
        for (var i = 0; i < order.Count; i++)
        {
            order[i].MoveTo(i + 1);
        }
    }

    private void EnsureSpeechesNotBegun()
    {
        if (HaveSpeechesBegun)
        {
            throw new DomainException("The speeches have begun; the plan can no longer change.");
        }
    }

    private void EnsureSpeechDay()
    {
        EnsureStatus(CompetitionStatus.Speeches);
        if (!IsSpeechOrderDrawn)
        {
            throw new DomainException("Draw the speech order first.");
        }
    }

    /// <summary>Every change to the speech day moves the revision, which is the concurrency token.</summary>
    private void Touch() => Progress().Touch();
}
