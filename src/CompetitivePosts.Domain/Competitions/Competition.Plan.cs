using CompetitivePosts.Domain.Eligibility;

namespace CompetitivePosts.Domain.Competitions;

/// <summary>The plan (方案): eligibility rules, the limit on preferences, and overrides with a written reason.</summary>
public partial class Competition
{
    public DateOnly ReferenceDate { get; private set; }

    public int PrincipalMaxAge { get; private set; }

    public int DeputyMaxAge { get; private set; }

    public CadreRank PrincipalMinRank { get; private set; }

    public int PrincipalMinYears { get; private set; }

    public CadreRank DeputyMinRank { get; private set; }

    public int DeputyMinYears { get; private set; }

    public EducationLevel? MinimumEducation { get; private set; }

    public bool NoPoorAppraisal { get; private set; }

    public bool RequireInService { get; private set; }

    public int? MinimumGrassrootsYears { get; private set; }

    public EligibilityRules Rules => new()
    {
        ReferenceDate = ReferenceDate, PrincipalMaxAge = PrincipalMaxAge, DeputyMaxAge = DeputyMaxAge,
        PrincipalMinRank = PrincipalMinRank, PrincipalMinYears = PrincipalMinYears, DeputyMinRank = DeputyMinRank,
        DeputyMinYears = DeputyMinYears, MinimumEducation = MinimumEducation, NoPoorAppraisal = NoPoorAppraisal,
        RequireInService = RequireInService, MinimumGrassrootsYears = MinimumGrassrootsYears,
    };

    /// <summary>The plan is fixed when registration opens: cadres register against the rules announced.</summary>
    public void ChangePlan(EligibilityRules rules, int maxApplicationsPerCadre)
    {
        ArgumentNullException.ThrowIfNull(rules);
        EnsureStatus(CompetitionStatus.Draft, CompetitionStatus.Reset);
        if (rules.Problems() is { Count: > 0 } problems)
        {
            throw problems[0].ToException();
        }

        if (maxApplicationsPerCadre is < 1 or > 5)
        {
            throw new DomainException("A cadre may register for between 1 and 5 posts.");
        }

        SetRules(rules);
        MaxApplicationsPerCadre = maxApplicationsPerCadre;
    }

    /// <summary>Every cadre × post pair, with every failing rule and any override.</summary>
    public EligibilityResult Eligibility(int cadreId, int postId)
    {
        var cadre = FindCadre(cadreId);
        var post = FindPost(postId);
        var holdsExcluded = _posts.Any(p => p.IsExcluded && p.HolderId == cadre.Id);
        var reasons = EligibilityEvaluator.Evaluate(Rules, cadre.Details, post.Details, holdsExcluded);
        var o = _overrides.FirstOrDefault(x => x.CadreId == cadreId && x.PostId == postId);
        return new EligibilityResult(reasons, o?.Reason);
    }

    /// <summary>Cadres eligible for at least one competed post: the denominator of the participation rate.</summary>
    public int EligibleCadreCount() =>
        _cadres.Count(c => _posts.Any(p => !p.IsExcluded && Eligibility(c.Id, p.Id).Eligible));

    /// <summary>An organizer lets a cadre compete although a rule says no; the reason goes on the trail and to the reviewer.</summary>
    public EligibilityOverride OverrideEligibility(int cadreId, int postId, string reason, DateTimeOffset at)
    {
        EnsureBeforeVoting();
        var why = Guard.Required(reason, "An override needs a written reason.", 500);
        var result = Eligibility(cadreId, postId);
        if (result.Reasons.Any(r => r.Hard))
        {
            throw new DomainException("This result cannot be overridden.");
        }

        if (result.EligibleByRules)
        {
            throw new DomainException("The cadre is already eligible for this post.");
        }

        var existing = _overrides.FirstOrDefault(x => x.CadreId == cadreId && x.PostId == postId);
        if (existing is not null)
        {
            throw new DomainException("This result has already been overridden.");
        }

        var o = new EligibilityOverride(cadreId, postId, why, at);
        _overrides.Add(o);
        return o;
    }

    public void RemoveOverride(int cadreId, int postId)
    {
        EnsureBeforeVoting();
        var existing = _overrides.FirstOrDefault(x => x.CadreId == cadreId && x.PostId == postId)
            ?? throw new DomainException("There is no override for this cadre and post.");
        if (_applications.Any(a => a.CadreId == cadreId && a.PostId == postId && !IsWithdrawn(cadreId)))
        {
            throw new DomainException("The cadre has registered for this post on the strength of the override; reject the registration in review instead.");
        }

        _overrides.Remove(existing);
    }

    private void SetRules(EligibilityRules rules)
    {
        ReferenceDate = rules.ReferenceDate;
        PrincipalMaxAge = rules.PrincipalMaxAge;
        DeputyMaxAge = rules.DeputyMaxAge;
        PrincipalMinRank = rules.PrincipalMinRank;
        PrincipalMinYears = rules.PrincipalMinYears;
        DeputyMinRank = rules.DeputyMinRank;
        DeputyMinYears = rules.DeputyMinYears;
        MinimumEducation = rules.MinimumEducation;
        NoPoorAppraisal = rules.NoPoorAppraisal;
        RequireInService = rules.RequireInService;
        MinimumGrassrootsYears = rules.MinimumGrassrootsYears;
    }

    /// <summary>Corrections, overrides and review changes stay possible until the vote opens.</summary>
    private void EnsureBeforeVoting() =>
        EnsureStatus(CompetitionStatus.Draft, CompetitionStatus.Reset, CompetitionStatus.Registration, CompetitionStatus.Review,
            CompetitionStatus.Speeches);
}
