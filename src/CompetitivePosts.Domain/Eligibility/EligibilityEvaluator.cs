using CompetitivePosts.Domain.Competitions;

namespace CompetitivePosts.Domain.Eligibility;

/// <summary>One failing rule: hard ones (an excluded post, a unit leader) cannot be overridden.</summary>
public sealed record IneligibilityReason(DomainMessage Message, bool Hard = false);

public sealed record EligibilityResult(IReadOnlyList<IneligibilityReason> Reasons, string? OverrideReason = null)
{
    public bool EligibleByRules => Reasons.Count == 0;

    public bool Overridden => OverrideReason is not null && Reasons.Count > 0 && !Reasons.Any(r => r.Hard);

    public bool Eligible => EligibleByRules || Overridden;
}

/// <summary>
/// Whether a cadre may compete for a post under the plan, with EVERY failing rule, not only the
/// first: the reviewer and the cadre see all that stands in the way at once.
/// </summary>
public static class EligibilityEvaluator
{
    public static IReadOnlyList<IneligibilityReason> Evaluate(EligibilityRules rules, CadreDetails cadre, PostDetails post,
        bool holdsExcludedPost = false)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(cadre);
        ArgumentNullException.ThrowIfNull(post);
        var reasons = new List<IneligibilityReason>();
        void Hard(DomainMessage m) => reasons.Add(new IneligibilityReason(m, Hard: true));
        void Soft(DomainMessage m) => reasons.Add(new IneligibilityReason(m));
        var on = CadreDetails.Text(rules.ReferenceDate);

        if (post.Exclusion is not null)
        {
            Hard(new DomainMessage("This post is excluded from the competition."));
        }

        if (cadre.IsCountyLeader)
        {
            Hard(new DomainMessage("Unit leaders at deputy-county level and above do not compete for section-level posts."));
        }

        if (holdsExcludedPost)
        {
            Hard(new DomainMessage("The cadre keeps an excluded post."));
        }

        if (rules.RequireInService && !cadre.InService)
        {
            Soft(new DomainMessage("The cadre is not on the establishment and in post (在编在岗)."));
        }

        // Years in rank: a rank above the minimum satisfies the rule; exactly the minimum must have been held long enough.
        var minRank = rules.MinRank(post.Level);
        var minYears = rules.MinYears(post.Level);
        if (cadre.Rank is not { } rank)
        {
            Soft(new DomainMessage("The cadre's rank is not recorded."));
        }
        else if (rank < minRank)
        {
            Soft(new DomainMessage("A {0} post needs the rank of {1} or above; the cadre is {2}.", post.Level, minRank, rank));
        }
        else if (rank == minRank && minYears > 0)
        {
            if (cadre.RankSince is not { } since)
            {
                Soft(new DomainMessage("The date the cadre reached the current rank is not recorded."));
            }
            else if (ChinaDate.CompletedYears(since, rules.ReferenceDate) < minYears)
            {
                Soft(new DomainMessage("A {0} post needs {1} years as {2} by {3}; the cadre has held it since {4}.",
                    post.Level, minYears, minRank, on, CadreDetails.Text(since)));
            }
        }

        if (cadre.BirthDate is not { } born)
        {
            Soft(new DomainMessage("The birth date is not recorded."));
        }
        else
        {
            var age = ChinaDate.CompletedYears(born, rules.ReferenceDate);
            var max = rules.MaxAge(post.Level);
            if (age > max)
            {
                Soft(new DomainMessage("On {0} the cadre is {1}, above the age ceiling of {2} for {3} posts.", on, age, max, post.Level));
            }
        }

        var needsEducation = rules.MinimumEducation is not null || post.MinimumEducation is not null;
        if (needsEducation && cadre.Education is null)
        {
            Soft(new DomainMessage("The education is not recorded."));
        }
        else if (cadre.Education is { } education)
        {
            if (education < rules.MinimumEducation)
            {
                Soft(new DomainMessage("The plan asks for at least {0}; the cadre has {1}.", rules.MinimumEducation, education));
            }

            if (education < post.MinimumEducation)
            {
                Soft(new DomainMessage("This post asks for at least {0}; the cadre has {1}.", post.MinimumEducation, education));
            }
        }

        if (rules.NoPoorAppraisal)
        {
            var year = 0;
            foreach (var appraisal in cadre.Appraisals)
            {
                year++;
                if (appraisal >= Appraisal.BasicallyCompetent)
                {
                    Soft(new DomainMessage("Appraisal {0} of the last three years was {1}.", year, appraisal));
                }
            }
        }

        if (rules.MinimumGrassrootsYears is { } minGrassroots and > 0)
        {
            if (cadre.GrassrootsYears is not { } years)
            {
                Soft(new DomainMessage("Years of grassroots work are not recorded."));
            }
            else if (years < minGrassroots)
            {
                Soft(new DomainMessage("The plan asks for {0} years of grassroots work; the cadre has {1}.", minGrassroots, years));
            }
        }

        return reasons;
    }
}
