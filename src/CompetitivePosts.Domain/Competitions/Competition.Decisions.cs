using CompetitivePosts.Domain.Decisions;
using CompetitivePosts.Domain.Tally;
using CompetitivePosts.Domain.Voting;

namespace CompetitivePosts.Domain.Competitions;

/// <summary>
/// The committee decision (党委会研究决定): the meeting, the deciding round, one decision per seat of
/// each competed post, recusals (回避) and the justification rule. The aggregate scores the deciding
/// round's raw counts itself and never takes a rank or a score from its caller.
/// </summary>
public partial class Competition
{
    public const int MinutesLength = 200;

    public DateOnly? MeetingDate { get; private set; }

    /// <summary>Committee members present (from the roster's county-level leaders).</summary>
    public int[] MeetingAttendeeIds { get; private set; } = [];

    /// <summary>会议纪要 reference, e.g. the minutes' number.</summary>
    public string? MeetingMinutes { get; private set; }

    /// <summary>The round the organizer marked as deciding; null means the latest closed recommendation round.</summary>
    public int? DecidingRoundId { get; private set; }

    /// <summary>The recommendation round the committee decides from.</summary>
    public VotingRound? DecidingRound => DecidingRoundId is { } id
        ? _rounds.FirstOrDefault(r => r.Id == id)
        : _rounds.Where(r => r.Kind == RoundKind.Recommendation && r.Status == RoundStatus.Closed).MaxBy(r => r.Number);

    /// <summary>The weights the deciding round is scored with: the competition's own (docs/adr/0020).</summary>
    private Weights DecidingWeights => TallyWeights;

    public void ChooseDecidingRound(int roundId)
    {
        EnsureStatus(CompetitionStatus.Deciding);
        var round = FindRound(roundId);
        if (round.Kind != RoundKind.Recommendation || round.Status != RoundStatus.Closed)
        {
            throw new DomainException("Only a closed recommendation round can decide.");
        }

        if (_decisions.Any(d => !d.IsVacant) && DecidingRound?.Id != roundId)
        {
            throw new DomainException("Clear the decisions before changing the deciding round.");
        }

        DecidingRoundId = roundId;
    }

    public void RecordMeeting(DateOnly date, IReadOnlyList<int> attendeeIds, string? minutes)
    {
        ArgumentNullException.ThrowIfNull(attendeeIds);
        EnsureStatus(CompetitionStatus.Deciding);
        var ids = attendeeIds.Distinct().ToArray();
        if (ids.Length == 0)
        {
            throw new DomainException("Choose the committee members present.");
        }

        var notLeaders = ids.Select(FindCadre).Where(c => !c.IsCountyLeader).Select(c => c.Name).ToList();
        if (notLeaders.Count > 0)
        {
            throw new DomainException("Only the unit's leaders sit on the committee: {0}.", string.Join("、", notLeaders));
        }

        var text = string.IsNullOrWhiteSpace(minutes) ? null : minutes.Trim();
        if (text?.Length > MinutesLength)
        {
            throw new DomainException("Text is longer than {0} characters.", MinutesLength);
        }

        MeetingDate = date;
        MeetingAttendeeIds = [.. ids.Order()];
        MeetingMinutes = text;
    }

    /// <summary>Scores every approved applicant of the deciding round from its raw counts, 4:3:3.</summary>
    public IReadOnlyDictionary<int, CandidateResult> Score(DecidingCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var round = DecidingRound ?? throw new DomainException("There is no closed recommendation round to decide from.");
        if (counts.RoundId != round.Id)
        {
            throw new DomainException("The counts are not those of the deciding round.");
        }

        var ids = _applications.Where(a => a.Review == ReviewStatus.Approved).Select(a => a.CadreId).Distinct();
        return TallyCalculator.Compute(ids, counts.Ballots, RoundTally.Marks(round, counts.Choices), DecidingWeights)
            .ToDictionary(r => r.CandidateId);
    }

    /// <summary>One post's approved applicants ranked by score (ties share a rank), withdrawn ones marked.</summary>
    public IReadOnlyList<Standing> StandingsFor(int postId, IReadOnlyDictionary<int, CandidateResult> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var applicants = _applications.Where(a => a.PostId == postId && a.Review == ReviewStatus.Approved).Select(a => a.CadreId);
        return [.. Rank(applicants, scores, anyBallot: false, _cadres.ToDictionary(c => c.Id, c => c.Name))
            .Select(s => new Standing(s.CadreId, s.Name, s.Result.Score, s.Rank, s.Withdrawn))];
    }

    /// <summary>Committee members present who are kin to an applicant for the post or to the appointee, and so must be recused.</summary>
    public IReadOnlyList<Cadre> KinMembers(int postId, int? appointeeId)
    {
        var people = _applications.Where(a => a.PostId == postId && a.Review == ReviewStatus.Approved).Select(a => a.CadreId)
            .Append(appointeeId ?? 0).Distinct().Select(id => _cadres.FirstOrDefault(c => c.Id == id)).OfType<Cadre>().ToList();
        return [.. MeetingAttendeeIds.Select(FindCadre).Where(m => people.Any(p => p.Id != m.Id && AreKin(m, p)))];
    }

    /// <summary>What the rule says about appointing <paramref name="appointeeId"/> to a seat, before it is saved.</summary>
    public JustificationVerdict PreviewDecision(int postId, int seat, int appointeeId, DecidingCounts counts)
    {
        var scores = Score(counts);
        return Verdict(FindPost(postId), seat, appointeeId, scores);
    }

    /// <summary>Records one seat's decision: an appointee checked against every rule, or 空缺 with a reason.</summary>
    public Decision Decide(DecisionInput input, DecidingCounts counts, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(input);
        EnsureStatus(CompetitionStatus.Deciding);
        var post = FindPost(input.PostId);
        if (post.IsExcluded)
        {
            throw new DomainException("This post is excluded from the competition.");
        }

        if (input.Seat < 1 || input.Seat > SeatsOf(post))
        {
            throw new DomainException("{0} has {1} seat(s).", post.Name, SeatsOf(post));
        }

        var recused = CheckRecusal(post, input.AppointeeId, input.Recused ?? []);
        var decision = _decisions.FirstOrDefault(d => d.PostId == post.Id && d.Seat == input.Seat);
        if (input.AppointeeId is not { } appointeeId)
        {
            var reason = Guard.Required(input.VacancyReason, "A vacant post needs a reason.", 200);
            decision ??= AddDecision(post, input.Seat);
            decision.LeaveVacant(reason, recused, at);
            return decision;
        }

        var appointee = FindCadre(appointeeId);
        var scores = Score(counts);
        CheckAppointee(post, input.Seat, appointee, scores);
        var verdict = Verdict(post, input.Seat, appointeeId, scores);
        var (category, written, placements) = verdict.Need switch
        {
            JustificationNeed.None => (null, null, []),
            JustificationNeed.PlacedElsewhere => ((JustificationCategory?)null, (string?)null, verdict.Placements),
            _ => (input.Category, JustificationRule.CheckWritten(input.Category, input.Justification, verdict.PassedOverNames),
                (IReadOnlyList<Placement>)[]),
        };
        decision ??= AddDecision(post, input.Seat);
        decision.Appoint(appointee, category, written, placements, recused, at);
        return decision;
    }

    /// <summary>Whether any applicant could still be appointed to the post; when none can, the page offers 空缺 with that reason.</summary>
    public bool HasEligibleApplicant(int postId, DecidingCounts counts)
    {
        var scores = Score(counts);
        var taken = _decisions.Where(d => d.PostId != postId && d.AppointeeId is not null).Select(d => d.AppointeeId!.Value).ToHashSet();
        return QualifiedApplications.Any(a => a.PostId == postId && !taken.Contains(a.CadreId) && !IsBelowMinimum(ScoreOf(scores, a.CadreId)));
    }

    private static int SeatsOf(Post post) => Math.Max(1, post.Headcount);

    private static Rational ScoreOf(IReadOnlyDictionary<int, CandidateResult> scores, int cadreId) =>
        scores.TryGetValue(cadreId, out var r) ? r.Score : Rational.Zero;

    private static bool AreKin(Cadre a, Cadre b) =>
        (a.KinName is { Length: > 0 } ak && string.Equals(ak.Trim(), b.Name, StringComparison.Ordinal))
        || (b.KinName is { Length: > 0 } bk && string.Equals(bk.Trim(), a.Name, StringComparison.Ordinal));

    private Decision AddDecision(Post post, int seat)
    {
        var decision = new Decision(post, seat);
        _decisions.Add(decision);
        return decision;
    }

    private int[] CheckRecusal(Post post, int? appointeeId, IReadOnlyList<int> recused)
    {
        var ids = recused.Distinct().Order().ToArray();
        if (ids.Any(id => !MeetingAttendeeIds.Contains(id)))
        {
            throw new DomainException("Only a committee member present at the meeting can be recused.");
        }

        var counted = KinMembers(post.Id, appointeeId).Where(m => !ids.Contains(m.Id)).Select(m => m.Name).ToList();
        if (counted.Count > 0)
        {
            throw new DomainException("{0} is kin to a candidate for this post and must be recused.", string.Join("、", counted));
        }

        return ids;
    }

    private void CheckAppointee(Post post, int seat, Cadre appointee, IReadOnlyDictionary<int, CandidateResult> scores)
    {
        if (Candidates.All(c => c.Id != appointee.Id))
        {
            throw new DomainException("{0} is not a qualified candidate.", appointee.Name);
        }

        var applied = QualifiedApplications.Any(a => a.CadreId == appointee.Id && a.PostId == post.Id);
        if (!applied && !_registrations.Any(r => r.CadreId == appointee.Id && r.AcceptsReassignment))
        {
            throw new DomainException("{0} did not apply for this post and did not accept reassignment.", appointee.Name);
        }

        // 服从调剂 moves a cadre to another post, not past that post's requirements or a review that turned them down for it.
        if (!applied && _applications.Any(a => a.CadreId == appointee.Id && a.PostId == post.Id && a.Review == ReviewStatus.Rejected))
        {
            throw new DomainException("{0} was turned down for {1} in the qualification review and cannot be reassigned to it.", appointee.Name, post.Name);
        }

        if (!applied && !Eligibility(appointee.Id, post.Id).Eligible)
        {
            throw new DomainException("{0} does not meet the requirements of {1} and cannot be reassigned to it.", appointee.Name, post.Name);
        }

        if (_decisions.Any(d => d.AppointeeId == appointee.Id && !(d.PostId == post.Id && d.Seat == seat)))
        {
            throw new DomainException("{0} is already appointed to another post.", appointee.Name);
        }

        if (IsBelowMinimum(ScoreOf(scores, appointee.Id)))
        {
            throw new DomainException("{0} scored below the minimum of {1}% and cannot be appointed.", appointee.Name, MinimumScorePercent);
        }
    }

    private JustificationVerdict Verdict(Post post, int seat, int appointeeId, IReadOnlyDictionary<int, CandidateResult> scores)
    {
        var sameSeat = _decisions.Where(d => d.PostId == post.Id && d.Seat != seat && d.AppointeeId is not null)
            .Select(d => d.AppointeeId!.Value).ToHashSet();
        var elsewhere = _decisions.Where(d => d.PostId != post.Id && d.AppointeeId is not null)
            .ToDictionary(d => d.AppointeeId!.Value, d => FindPost(d.PostId).Name);
        // An applicant below the minimum could not be appointed, so nobody passes them over.
        var appointable = StandingsFor(post.Id, scores).Where(s => !IsBelowMinimum(s.Score)).ToList();
        return JustificationRule.Evaluate(appointable, appointeeId, ScoreOf(scores, appointeeId), sameSeat, elsewhere);
    }
}
