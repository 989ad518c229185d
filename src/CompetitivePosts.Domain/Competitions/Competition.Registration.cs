namespace CompetitivePosts.Domain.Competitions;

/// <summary>Eligibility and registration (报名), stage 2.</summary>
public partial class Competition
{
    /// <summary>Why this cadre may not apply for this post; empty when eligible.</summary>
    public IReadOnlyList<string> IneligibilityReasons(int cadreId, int postId)
    {
        var reasons = new List<string>();
        var cadre = FindCadre(cadreId);
        var post = FindPost(postId);
        if (post.IsExcluded)
        {
            reasons.Add("This post is excluded from the competition.");
        }

        if (cadre.Category == VoterCategory.A)
        {
            reasons.Add("Unit leaders at deputy-county level and above do not compete for section-level posts.");
        }

        if (_posts.Any(p => p.IsExcluded && p.HolderId == cadre.Id))
        {
            reasons.Add("The cadre keeps an excluded post.");
        }

        if (_applications.Any(a => a.CadreId == cadreId && a.PostId == postId))
        {
            reasons.Add("The cadre has already registered for this post.");
        }
        else if (_applications.Count(a => a.CadreId == cadreId) >= MaxApplicationsPerCadre)
        {
            reasons.Add("The cadre has reached the limit on posts one may register for.");
        }

        return reasons;
    }

    public Application Register(int cadreId, int postId, bool acceptsReassignment)
    {
        EnsureStatus(CompetitionStatus.Registration);
        var reasons = IneligibilityReasons(cadreId, postId);
        if (reasons.Count > 0)
        {
            throw new DomainException(reasons[0]);
        }

        var application = new Application(FindCadre(cadreId), FindPost(postId), acceptsReassignment);
        _applications.Add(application);
        return application;
    }

    public void CloseRegistration()
    {
        EnsureStatus(CompetitionStatus.Registration);
        if (_applications.Count == 0)
        {
            throw new DomainException("Nobody has registered yet.");
        }

        Status = CompetitionStatus.Speeches;
    }
}
