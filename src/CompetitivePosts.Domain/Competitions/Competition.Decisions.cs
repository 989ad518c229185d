using CompetitivePosts.Domain.Decisions;
using CompetitivePosts.Domain.Tally;

namespace CompetitivePosts.Domain.Competitions;

/// <summary>The committee decision (党委会研究决定) and filing (备案).</summary>
public partial class Competition
{
    /// <summary>Records the appointee for a post, enforcing the minimum score and the justification rule.</summary>
    public Decision Decide(int postId, int appointeeId, IReadOnlyList<Standing> applicants, Rational appointeeScore,
        string? justification, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(applicants);
        EnsureStatus(CompetitionStatus.Deciding);
        var post = FindPost(postId);
        if (post.IsExcluded)
        {
            throw new DomainException("This post is excluded from the competition.");
        }

        var appointee = FindCadre(appointeeId);
        if (Candidates.All(c => c.Id != appointeeId))
        {
            throw new DomainException("{0} is not a qualified candidate.", appointee.Name);
        }

        var applied = QualifiedApplications.Any(a => a.CadreId == appointeeId && a.PostId == postId);
        if (!applied && !_registrations.Any(r => r.CadreId == appointeeId && r.AcceptsReassignment))
        {
            throw new DomainException("{0} did not apply for this post and did not accept reassignment.", appointee.Name);
        }

        if (_decisions.Any(d => d.PostId != postId && d.AppointeeId == appointeeId))
        {
            throw new DomainException("{0} is already appointed to another post.", appointee.Name);
        }

        if (appointeeScore < new Rational(MinimumScorePercent, 100))
        {
            throw new DomainException("{0} scored below the minimum of {1}% and cannot be appointed.", appointee.Name, MinimumScorePercent);
        }

        var elsewhere = _decisions.Where(d => d.PostId != postId).Select(d => d.AppointeeId).ToHashSet();
        var verdict = JustificationRule.Evaluate(applicants, appointeeId, appointeeScore, elsewhere);
        var written = string.IsNullOrWhiteSpace(justification) ? null : justification.Trim();
        if (verdict.Need == JustificationNeed.Written && written is null)
        {
            throw new DomainException("{0} is passed over: a written justification is required.", verdict.PassedOverNames);
        }

        if (written?.Length > 1000)
        {
            throw new DomainException("Text is longer than {0} characters.", 1000);
        }

        var systemReason = verdict.Need == JustificationNeed.PlacedElsewhere ? verdict.PassedOverNames : null;
        var kept = verdict.Need == JustificationNeed.None ? null : written;
        var decision = _decisions.FirstOrDefault(d => d.PostId == postId);
        if (decision is null)
        {
            decision = new Decision(post, appointee, kept, systemReason, at);
            _decisions.Add(decision);
        }
        else
        {
            decision.Change(appointee, kept, systemReason, at);
        }

        return decision;
    }

    public Filing SubmitFiling(DateTimeOffset at)
    {
        EnsureStatus(CompetitionStatus.Deciding);
        var undecided = _posts
            .Where(p => !p.IsExcluded && QualifiedApplications.Any(a => a.PostId == p.Id) && _decisions.All(d => d.PostId != p.Id))
            .Select(p => p.Name)
            .ToList();
        if (undecided.Count > 0)
        {
            throw new DomainException("Decide every post that has applicants before filing: {0}.", string.Join("、", undecided));
        }

        var filing = new Filing(_filings.Count + 1, at);
        _filings.Add(filing);
        Status = CompetitionStatus.Filed;
        return filing;
    }

    public void AcceptFiling(string reviewer, string? note, DateTimeOffset at)
    {
        EnsureStatus(CompetitionStatus.Filed);
        CurrentFiling.Review(FilingStatus.Accepted, reviewer, note?.Trim(), at);
        Status = CompetitionStatus.Accepted;
    }

    /// <summary>不予备案: the filing goes back to the unit, which may change decisions and file again.</summary>
    public void RefuseFiling(string reviewer, string reason, DateTimeOffset at)
    {
        EnsureStatus(CompetitionStatus.Filed);
        var why = Guard.Required(reason, "A refusal needs a reason.", 1000);
        CurrentFiling.Review(FilingStatus.Refused, reviewer, why, at);
        Status = CompetitionStatus.Deciding;
    }

    public Filing? LatestFiling => _filings.OrderByDescending(f => f.Version).FirstOrDefault();

    private Filing CurrentFiling => LatestFiling ?? throw new DomainException("Nothing has been filed.");
}
