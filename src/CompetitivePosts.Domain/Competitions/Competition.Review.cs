namespace CompetitivePosts.Domain.Competitions;

/// <summary>
/// Qualification review (资格审查): approve or reject each registration for each post, publish the list
/// of qualified candidates. After publication, until voting opens, a change needs a reason.
/// </summary>
public partial class Competition
{
    /// <summary>The longest reason a review change or rejection may give.</summary>
    public const int ReviewNoteLength = 500;

    public bool QualifiedListPublished => QualifiedListPublishedAt is not null;

    public Application Approve(int applicationId, DateTimeOffset at, string? reason = null)
    {
        var (application, note) = PrepareReview(applicationId, reason);
        if (!Eligibility(application.CadreId, application.PostId).Eligible)
        {
            throw new DomainException("{0} is not eligible for {1}.", FindCadre(application.CadreId).Name, FindPost(application.PostId).Name);
        }

        application.SetReview(ReviewStatus.Approved, note, at);
        return application;
    }

    public Application Reject(int applicationId, string reason, DateTimeOffset at)
    {
        var why = Guard.Required(reason, "A rejection needs a reason.", ReviewNoteLength);
        var (application, _) = PrepareReview(applicationId, why);
        application.SetReview(ReviewStatus.Rejected, why, at);
        return application;
    }

    /// <summary>Approves every pending registration that is eligible (by the rules or by an override).</summary>
    public int ApproveAllEligible(DateTimeOffset at)
    {
        EnsureReviewOpen();
        if (QualifiedListPublished)
        {
            throw new DomainException("The list is published: review each change with its reason.");
        }

        var approved = 0;
        foreach (var application in _applications.Where(a => a.Review == ReviewStatus.Pending && !IsWithdrawn(a.CadreId)))
        {
            if (Eligibility(application.CadreId, application.PostId).Eligible)
            {
                application.SetReview(ReviewStatus.Approved, null, at);
                approved++;
            }
        }

        return approved;
    }

    /// <summary>Publishes the qualified list and opens the speeches: only qualified candidates go on.</summary>
    public void PublishQualifiedList(DateTimeOffset at)
    {
        EnsureStatus(CompetitionStatus.Review);
        var pending = _applications.Count(a => a.Review == ReviewStatus.Pending && !IsWithdrawn(a.CadreId));
        if (pending > 0)
        {
            throw new DomainException("{0} registrations are still waiting for review.", pending);
        }

        if (!Candidates.Any())
        {
            throw new DomainException("Nobody is qualified yet.");
        }

        QualifiedListPublishedAt = at;
        Status = CompetitionStatus.Speeches;
    }

    private (Application Application, string? Note) PrepareReview(int applicationId, string? reason)
    {
        EnsureReviewOpen();
        var application = _applications.FirstOrDefault(a => a.Id == applicationId)
            ?? throw new DomainException("No such registration in this competition.");
        if (IsWithdrawn(application.CadreId))
        {
            throw new DomainException("{0} has withdrawn from the competition.", FindCadre(application.CadreId).Name);
        }

        var note = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (note?.Length > ReviewNoteLength)
        {
            throw new DomainException("Text is longer than {0} characters.", ReviewNoteLength);
        }

        if (QualifiedListPublished && note is null)
        {
            throw new DomainException("The list is published: a change needs a reason.");
        }

        return (application, note);
    }

    private void EnsureReviewOpen()
    {
        EnsureStatus(CompetitionStatus.Review, CompetitionStatus.Speeches);
        if (Status == CompetitionStatus.Speeches && _speechSlots.Count > 0)
        {
            throw new DomainException("The speech order is drawn; the candidates can no longer change.");
        }
    }
}
