using System.Globalization;
using CompetitivePosts.Domain.Tally;

namespace CompetitivePosts.Domain.Decisions;

/// <summary>An applicant's place in one post's ranking, as the aggregate computed it from the deciding round's counts.</summary>
public sealed record Standing(int CadreId, string Name, Rational Score, int Rank, bool Withdrawn = false);

public enum JustificationNeed
{
    /// <summary>The appointee is among the top scorers still free for this post.</summary>
    None,

    /// <summary>Everyone passed over was appointed to another post or withdrew; the system states it.</summary>
    PlacedElsewhere,

    /// <summary>The unit must write why it passed over the higher scorers.</summary>
    Written,
}

/// <summary>说明理由的类别: the categories of a written justification.</summary>
public enum JustificationCategory
{
    /// <summary>工作需要</summary>
    WorkNeeds,

    /// <summary>专业要求</summary>
    ProfessionalRequirement,

    /// <summary>回避</summary>
    Recusal,

    /// <summary>其他</summary>
    Other,
}

/// <summary>Where one passed-over applicant went: another post, or nowhere because they withdrew (<see cref="PostName"/> null).</summary>
public sealed record Placement(int CadreId, string Name, string? PostName);

public sealed record JustificationVerdict(JustificationNeed Need, IReadOnlyList<Standing> PassedOver, IReadOnlyList<Placement> Placements)
{
    public string PassedOverNames => string.Join("、", PassedOver.Select(s => s.Name));
}

/// <summary>
/// DESIGN.md §3: appointing anyone but the top scorers among a post's applicants needs a written
/// justification, except in the honest common case the system can see for itself: every higher
/// scorer was appointed to another post or withdrew. With more than one seat (职数 N) the rule reads
/// "the appointees are not the top N": an applicant already appointed to another seat of the same
/// post is not passed over.
/// </summary>
public static class JustificationRule
{
    /// <summary>A written reason needs at least this many letters or digits; punctuation and spaces do not count.</summary>
    public const int MinimumReasonLength = 20;

    public static JustificationVerdict Evaluate(
        IReadOnlyList<Standing> applicants,
        int appointeeId,
        Rational appointeeScore,
        IReadOnlySet<int> sameSeatAppointees,
        IReadOnlyDictionary<int, string> appointedElsewhere)
    {
        ArgumentNullException.ThrowIfNull(applicants);
        ArgumentNullException.ThrowIfNull(sameSeatAppointees);
        ArgumentNullException.ThrowIfNull(appointedElsewhere);

        var rivals = applicants.Where(a => a.CadreId != appointeeId && !sameSeatAppointees.Contains(a.CadreId)).ToList();
        var own = applicants.FirstOrDefault(a => a.CadreId == appointeeId);
        // An applicant passes over whoever scored strictly more (ties share the rank); a cadre who did
        // not apply (服从调剂) passes over every applicant who scored at least as well, or failing
        // that the top applicants, because applicants come first.
        var passedOver = rivals.Where(a => own is null ? a.Score >= appointeeScore : a.Score > appointeeScore).ToList();
        if (own is null && passedOver.Count == 0 && rivals.Count > 0)
        {
            var top = rivals.Max(a => a.Score);
            passedOver = [.. rivals.Where(a => a.Score == top)];
        }

        if (passedOver.Count == 0)
        {
            return new JustificationVerdict(JustificationNeed.None, [], []);
        }

        var placements = passedOver
            .Select(a => appointedElsewhere.TryGetValue(a.CadreId, out var post) ? new Placement(a.CadreId, a.Name, post)
                : a.Withdrawn ? new Placement(a.CadreId, a.Name, null) : null)
            .ToList();
        return placements.All(p => p is not null)
            ? new JustificationVerdict(JustificationNeed.PlacedElsewhere, passedOver, [.. placements.OfType<Placement>()])
            : new JustificationVerdict(JustificationNeed.Written, passedOver, []);
    }

    /// <summary>Checks a written justification: a category and a reason of at least 20 letters or digits (a lone 。 is not a reason).</summary>
    public static string CheckWritten(JustificationCategory? category, string? reason, string passedOverNames)
    {
        if (category is null || !Enum.IsDefined(category.Value))
        {
            throw new DomainException("{0} is passed over: choose the category of the justification.", passedOverNames);
        }

        var text = reason?.Trim() ?? "";
        if (Meaningful(text) < MinimumReasonLength)
        {
            throw new DomainException("{0} is passed over: write a justification of at least {1} characters.", passedOverNames, MinimumReasonLength);
        }

        if (text.Length > 1000)
        {
            throw new DomainException("Text is longer than {0} characters.", 1000);
        }

        return text;
    }

    private static int Meaningful(string text)
    {
        var count = 0;
        var e = StringInfo.GetTextElementEnumerator(text);
        while (e.MoveNext())
        {
            var element = (string)e.Current;
            if (element.Length > 0 && char.IsLetterOrDigit(element, 0))
            {
                count++;
            }
        }

        return count;
    }
}
