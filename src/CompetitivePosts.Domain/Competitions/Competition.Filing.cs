using System.Globalization;
using CompetitivePosts.Domain.Decisions;
using CompetitivePosts.Domain.Tally;

namespace CompetitivePosts.Domain.Competitions;

/// <summary>Filing (备案): frozen versions, the per-decision review, amend and resubmit.</summary>
public partial class Competition
{
    public Filing? LatestFiling => _filings.OrderByDescending(f => f.Version).FirstOrDefault();

    /// <summary>Only decisions the reviewer accepted count as filed: those of the latest reviewed version.</summary>
    public IReadOnlyList<FilingVerdict> AcceptedVerdicts =>
        _filings.Where(f => f.ReviewedAt is not null).MaxBy(f => f.Version) is { } f ? [.. f.Verdicts.Where(v => v.Accepted)] : [];

    private Filing CurrentFiling => LatestFiling ?? throw new DomainException("Nothing has been filed.");

    /// <summary>
    /// Checks every decision again as the competition stands now (a system reason may no longer hold,
    /// a member may now have to be recused), then freezes the version.
    /// </summary>
    public Filing SubmitFiling(DecidingCounts counts, AuditHead auditHead, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(auditHead);
        EnsureStatus(CompetitionStatus.Deciding);
        if (MeetingDate is null)
        {
            throw new DomainException("Record the committee meeting before filing.");
        }

        var undecided = _posts
            .Where(p => !p.IsExcluded && _applications.Any(a => a.PostId == p.Id && a.Review == ReviewStatus.Approved))
            .SelectMany(p => Enumerable.Range(1, SeatsOf(p)).Where(s => !_decisions.Any(d => d.PostId == p.Id && d.Seat == s))
                .Select(s => SeatsOf(p) == 1 ? p.Name : $"{p.Name} #{s}"))
            .ToList();
        if (undecided.Count > 0)
        {
            throw new DomainException("Decide every post that has applicants before filing: {0}.", string.Join("、", undecided));
        }

        var scores = Score(counts);
        foreach (var d in _decisions.OrderBy(d => d.PostId).ThenBy(d => d.Seat))
        {
            Recheck(d, scores);
        }

        var version = _filings.Count + 1;
        var json = BuildDocument(version, counts, scores, auditHead, at).ToCanonicalJson();
        var filing = new Filing(version, at, json, FilingDocument.HashOf(json));
        _filings.Add(filing);
        Status = CompetitionStatus.Filed;
        return filing;
    }

    /// <summary>The reviewer answers each decision of the current version: 予以备案, or 不予备案 with a reason.</summary>
    public Filing ReviewFiling(int version, IReadOnlyList<DecisionReview> reviews, string reviewer, string? note, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(reviews);
        EnsureStatus(CompetitionStatus.Filed);
        var filing = CurrentFiling;
        if (filing.Version != version)
        {
            throw new DomainException("Version {0} is no longer the one under review.", version);
        }

        var verdicts = new List<FilingVerdict>();
        foreach (var d in _decisions.OrderBy(d => d.PostId).ThenBy(d => d.Seat))
        {
            var answer = reviews.Where(r => r.PostId == d.PostId && r.Seat == d.Seat).ToList();
            if (answer.Count != 1)
            {
                throw new DomainException("Accept or refuse every decision: {0} has no answer.", FindPost(d.PostId).Name);
            }

            var reason = answer[0].Accept ? null : Guard.Required(answer[0].Reason, "A refusal needs a reason.", 1000);
            verdicts.Add(new FilingVerdict(d.PostId, d.Seat, answer[0].Accept, reason));
        }

        if (reviews.Count != verdicts.Count)
        {
            throw new DomainException("No such decision in this filing.");
        }

        filing.Review(verdicts, reviewer, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), at);
        Status = filing.Status == FilingStatus.Accepted ? CompetitionStatus.Accepted : CompetitionStatus.Deciding;
        return filing;
    }

    /// <summary>予以备案 for every decision of the current version.</summary>
    public void AcceptFiling(string reviewer, string? note, DateTimeOffset at) =>
        ReviewFiling(CurrentFiling.Version, [.. _decisions.Select(d => new DecisionReview(d.PostId, d.Seat, true))], reviewer, note, at);

    /// <summary>不予备案 for every decision with one reason: the filing goes back to the unit.</summary>
    public void RefuseFiling(string reviewer, string reason, DateTimeOffset at)
    {
        var why = Guard.Required(reason, "A refusal needs a reason.", 1000);
        ReviewFiling(CurrentFiling.Version, [.. _decisions.Select(d => new DecisionReview(d.PostId, d.Seat, false, why))], reviewer, why, at);
    }

    private void Recheck(Decision d, IReadOnlyDictionary<int, CandidateResult> scores)
    {
        var post = FindPost(d.PostId);
        var members = KinMembers(post.Id, d.AppointeeId).Where(m => !d.RecusedIds.Contains(m.Id)).Select(m => m.Name).ToList();
        if (members.Count > 0)
        {
            throw new DomainException("{0} is kin to a candidate for {1} and must be recused.", string.Join("、", members), post.Name);
        }

        if (d.AppointeeId is not { } id)
        {
            return;
        }

        CheckAppointee(post, d.Seat, FindCadre(id), scores);
        var verdict = Verdict(post, d.Seat, id, scores);
        var holds = verdict.Need switch
        {
            JustificationNeed.None => true,
            _ when d.Justification is not null => true,
            JustificationNeed.PlacedElsewhere => d.Placements.SequenceEqual(verdict.Placements),
            _ => false,
        };
        if (!holds)
        {
            throw new DomainException("The system reason for {0} no longer holds ({1} is passed over): decide it again.", post.Name,
                verdict.PassedOverNames);
        }
    }

    private FilingDocument BuildDocument(int version, DecidingCounts counts, IReadOnlyDictionary<int, CandidateResult> scores,
        AuditHead head, DateTimeOffset at)
    {
        var round = DecidingRound!;
        var names = _cadres.ToDictionary(c => c.Id, c => c.Name);
        var competed = _posts.Where(p => !p.IsExcluded).ToList();
        var standings = competed.SelectMany(p => StandingsFor(p.Id, scores)
            .Select(s => new FiledStanding(p.Id, s.CadreId, s.Name, s.Rank, Percent(s.Score), s.Withdrawn))).ToList();
        var rules = Rules;
        var ruleValues = typeof(Eligibility.EligibilityRules).GetProperties()
            .ToDictionary(p => p.Name, p => Convert.ToString(p.GetValue(rules), CultureInfo.InvariantCulture));
        return new FilingDocument(
            version,
            at,
            Name,
            UnitId,
            MinimumScorePercent,
            new FiledPlan(new EligibilityRulesCopy(ruleValues), MaxApplicationsPerCadre),
            [.. _posts.OrderBy(p => p.Level).ThenBy(p => p.Id)
                .Select(p => new FiledPost(p.Id, p.Name, p.Department, p.Level, SeatsOf(p), p.Exclusion))],
            [.. _applications.OrderBy(a => a.PostId).ThenBy(a => a.CadreId).Select(a =>
            {
                var e = Eligibility(a.CadreId, a.PostId);
                var reg = _registrations.FirstOrDefault(r => r.CadreId == a.CadreId);
                return new FiledApplicant(a.CadreId, names[a.CadreId], a.PostId, a.Preference, a.Review, a.ReviewNote, e.EligibleByRules,
                    [.. e.Reasons.Select(r => r.Message.ToString())], e.OverrideReason, reg?.AcceptsReassignment ?? false, reg?.IsWithdrawn ?? false);
            })],
            new FiledSpeechOrder(DrawSeed, DrawAlgorithm,
                [.. _speechSlots.OrderBy(s => s.Order).Select(s => new FiledSpeaker(s.Order, s.CadreId, names[s.CadreId], s.Status))]),
            new FiledTally(round.Number, round.Title, $"{DecidingWeights.A}:{DecidingWeights.B}:{DecidingWeights.C}",
                [.. new[] { VoterCategory.A, VoterCategory.B, VoterCategory.C }.Select(k =>
                    new FiledTurnout(k, counts.Issued.GetValueOrDefault(k), counts.Ballots.GetValueOrDefault(k)))],
                [.. scores.Values.OrderBy(r => r.CandidateId).Select(r => new FiledCandidate(r.CandidateId, names[r.CandidateId],
                    r.Counts.ToDictionary(kv => kv.Key, kv => new FiledCounts(kv.Value.Agree, kv.Value.Disagree, kv.Value.Abstain, kv.Value.Ballots)),
                    r.Score.ToString(), r.Percent))],
                standings),
            new FiledMeeting(MeetingDate!.Value, [.. MeetingAttendeeIds.Select(id => names[id])], MeetingMinutes),
            [.. _decisions.OrderBy(d => competed.FindIndex(p => p.Id == d.PostId)).ThenBy(d => d.Seat).Select(d =>
            {
                var s = d.AppointeeId is { } id ? standings.FirstOrDefault(x => x.PostId == d.PostId && x.CadreId == id) : null;
                return new FiledDecision(d.PostId, FindPost(d.PostId).Name, d.Seat, d.AppointeeId,
                    d.AppointeeId is { } a ? names[a] : null,
                    d.AppointeeId is { } b ? Percent(ScoreOf(scores, b)) : null, s?.Rank, d.VacancyReason, d.Category, d.Justification,
                    d.Placements, [.. d.RecusedIds.Select(r => names[r])]);
            })],
            head);
    }

    private static decimal Percent(Rational score) => Math.Round(score.ToDecimal() * 100m, 2, MidpointRounding.AwayFromZero);
}
