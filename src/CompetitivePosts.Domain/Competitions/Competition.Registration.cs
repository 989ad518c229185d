namespace CompetitivePosts.Domain.Competitions;

/// <summary>Registration (报名), stage 2: preferences, 服从调剂, statement, personal links, withdrawal.</summary>
public partial class Competition
{
    public const int StatementLength = 2000;

    /// <summary>The longest withdrawal reason, wherever it is recorded; the speech order keeps the same text.</summary>
    public const int WithdrawalReasonLength = 500;

    /// <summary>Opens registration; from now on the reset stands.</summary>
    public void OpenRegistration()
    {
        EnsureStatus(CompetitionStatus.Reset);
        Status = CompetitionStatus.Registration;
    }

    /// <summary>Adds one post as the next preference: a shortcut for tests and arrangements.</summary>
    public Application Register(int cadreId, int postId, bool acceptsReassignment)
    {
        var existing = _registrations.FirstOrDefault(r => r.CadreId == cadreId);
        var posts = _applications.Where(a => a.CadreId == cadreId).OrderBy(a => a.Preference).Select(a => a.PostId).Append(postId).ToList();
        Register(cadreId, posts, acceptsReassignment, existing?.Statement, ResetAt ?? CreatedAt);
        return _applications.First(a => a.CadreId == cadreId && a.PostId == postId);
    }

    /// <summary>
    /// Records or changes a cadre's registration: posts in order of preference (第一志愿 first), whether
    /// they accept reassignment, and a statement. Editable until registration closes; a post kept from
    /// the previous version keeps its review.
    /// </summary>
    public CadreRegistration Register(int cadreId, IReadOnlyList<int> postIds, bool acceptsReassignment, string? statement, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(postIds);
        EnsureStatus(CompetitionStatus.Registration);
        var cadre = FindCadre(cadreId);
        var registration = _registrations.FirstOrDefault(r => r.CadreId == cadreId);
        if (registration?.IsWithdrawn == true)
        {
            throw new DomainException("{0} has withdrawn from the competition.", cadre.Name);
        }

        if (postIds.Count == 0)
        {
            throw new DomainException("Choose at least one post.");
        }

        if (postIds.Count > MaxApplicationsPerCadre)
        {
            throw new DomainException("A cadre may register for at most {0} posts.", MaxApplicationsPerCadre);
        }

        if (postIds.Distinct().Count() != postIds.Count)
        {
            throw new DomainException("The same post is chosen twice.");
        }

        foreach (var postId in postIds)
        {
            var post = FindPost(postId);
            if (!Eligibility(cadreId, postId).Eligible)
            {
                throw new DomainException("{0} is not eligible for {1}.", cadre.Name, post.Name);
            }
        }

        var text = string.IsNullOrWhiteSpace(statement) ? null : statement.Trim();
        if (text?.Length > StatementLength)
        {
            throw new DomainException("Text is longer than {0} characters.", StatementLength);
        }

        var isNew = registration is null;
        if (registration is null)
        {
            registration = new CadreRegistration(cadre, at);
            _registrations.Add(registration);
        }

        registration.Set(acceptsReassignment, text, at, isNew);
        _applications.RemoveAll(a => a.CadreId == cadreId && !postIds.Contains(a.PostId));
        for (var i = 0; i < postIds.Count; i++)
        {
            var application = _applications.FirstOrDefault(a => a.CadreId == cadreId && a.PostId == postIds[i]);
            if (application is null)
            {
                _applications.Add(new Application(cadre, FindPost(postIds[i]), i + 1));
            }
            else if (application.Preference != i + 1)
            {
                application.Preference = i + 1;
            }
        }

        return registration;
    }

    /// <summary>主动放弃, by the cadre through their link or recorded by the organizer, until voting opens. Final.</summary>
    public CadreRegistration Withdraw(int cadreId, string reason, DateTimeOffset at, bool byCadre)
    {
        EnsureStatus(CompetitionStatus.Registration, CompetitionStatus.Review, CompetitionStatus.Speeches);
        var cadre = FindCadre(cadreId);
        var registration = _registrations.FirstOrDefault(r => r.CadreId == cadreId)
            ?? throw new DomainException("{0} has not registered.", cadre.Name);
        if (registration.IsWithdrawn)
        {
            throw new DomainException("{0} has withdrawn from the competition.", cadre.Name);
        }

        var text = Guard.Required(reason, "A withdrawal needs a reason.", WithdrawalReasonLength);
        registration.Withdraw(text, at, byCadre);
        WithdrawSlotOf(cadreId, text);
        return registration;
    }

    /// <summary>A new personal registration link for the cadre; the previous one stops working.</summary>
    public string IssueRegistrationLink(int cadreId)
    {
        EnsureStatus(CompetitionStatus.Draft, CompetitionStatus.Reset, CompetitionStatus.Registration);
        var cadre = FindCadre(cadreId);
        if (cadre.IsCountyLeader)
        {
            throw new DomainException("Unit leaders at deputy-county level and above do not compete for section-level posts.");
        }

        return cadre.IssueRegistrationToken();
    }

    /// <summary>Registration ends; qualification review (资格审查) begins.</summary>
    public void CloseRegistration()
    {
        EnsureStatus(CompetitionStatus.Registration);
        if (!_registrations.Any(r => !r.IsWithdrawn))
        {
            throw new DomainException("Nobody has registered yet.");
        }

        Status = CompetitionStatus.Review;
    }
}
