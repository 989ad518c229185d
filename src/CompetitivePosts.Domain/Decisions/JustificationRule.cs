using CompetitivePosts.Domain.Tally;

namespace CompetitivePosts.Domain.Decisions;

/// <summary>An applicant's place in one post's ranking.</summary>
public sealed record Standing(int CadreId, string Name, Rational Score, int Rank);

public enum JustificationNeed
{
    /// <summary>The appointee is (one of) the top scorer(s) among the post's applicants.</summary>
    None,

    /// <summary>Everyone passed over was appointed to another post; the system states it.</summary>
    PlacedElsewhere,

    /// <summary>The unit must write why it passed over the higher scorers.</summary>
    Written,
}

public sealed record JustificationVerdict(JustificationNeed Need, IReadOnlyList<Standing> PassedOver)
{
    public string PassedOverNames => string.Join("、", PassedOver.Select(s => s.Name));
}

/// <summary>
/// DESIGN.md §3: appointing anyone but the top scorer among a post's applicants needs a written
/// justification, except in the honest common case that the system can see for itself.
/// </summary>
public static class JustificationRule
{
    public static JustificationVerdict Evaluate(
        IReadOnlyList<Standing> applicants, int appointeeId, Rational appointeeScore, IReadOnlySet<int> appointedElsewhere)
    {
        ArgumentNullException.ThrowIfNull(applicants);
        ArgumentNullException.ThrowIfNull(appointedElsewhere);

        var own = applicants.FirstOrDefault(a => a.CadreId == appointeeId);
        // Nobody applied: there is no top scorer to pass over.
        if (own is { Rank: 1 } || applicants.Count == 0)
        {
            return new JustificationVerdict(JustificationNeed.None, []);
        }

        // A non-applicant (服从调剂) passes over every applicant who scored at least as well.
        var passedOver = applicants
            .Where(a => a.CadreId != appointeeId && (own is null ? a.Score >= appointeeScore : a.Score > appointeeScore))
            .ToList();
        if (own is null && passedOver.Count == 0)
        {
            passedOver = applicants.Where(a => a.Rank == 1).ToList();
        }

        var need = passedOver.Count > 0 && passedOver.All(a => appointedElsewhere.Contains(a.CadreId))
            ? JustificationNeed.PlacedElsewhere
            : JustificationNeed.Written;
        return new JustificationVerdict(need, passedOver);
    }
}
