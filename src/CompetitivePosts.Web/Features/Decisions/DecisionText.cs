using CompetitivePosts.Domain.Decisions;

namespace CompetitivePosts.Web.Features.Decisions;

/// <summary>One seat's decision as text: built from the live decision or from a frozen filing version, shown by one component.</summary>
public sealed record DecisionText(string? Appointee, string? VacancyReason, JustificationCategory? Category, string? Justification,
    IReadOnlyList<Placement> SystemReason, IReadOnlyList<string> Recused)
{
    public static DecisionText Of(DecisionRow d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(d.AppointeeName, d.VacancyReason, d.Category, d.Justification, d.SystemReason, d.Recused);
    }

    public static DecisionText Of(FiledDecision d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(d.AppointeeName, d.VacancyReason, d.Category, d.Justification, d.SystemReason, d.Recused);
    }
}
