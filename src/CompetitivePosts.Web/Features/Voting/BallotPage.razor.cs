using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Web.Features.Common;
using Microsoft.AspNetCore.Components;

namespace CompetitivePosts.Web.Features.Voting;

public partial class BallotPage
{
    [Parameter, EditorRequired]
    public string Token { get; set; } = "";

    [Parameter, EditorRequired]
    public BallotView View { get; set; } = BallotView.Unknown;

    [Parameter]
    public BallotPost Post { get; set; } = BallotPost.Empty;

    [Parameter]
    public SubmitResult? Result { get; set; }

    /// <summary>The form's antiforgery token did not hold (an old page, a restart without kept keys): nothing was read.</summary>
    [Parameter]
    public bool Expired { get; set; }

    /// <summary>The database could not be reached: nothing was read or saved.</summary>
    [Parameter]
    public bool Outage { get; set; }

    /// <summary>With <see cref="Outage"/> on a submit: the voter's posted fields, to send again as they were.</summary>
    [Parameter]
    public IReadOnlyList<KeyValuePair<string, string>> RetryFields { get; set; } = [];

    [Parameter]
    public string AntiforgeryField { get; set; } = "";

    [Parameter]
    public string? AntiforgeryToken { get; set; }

    private RoundSheet? Sheet => View.Sheet;

    private VotingRound? Round => View.Sheet?.Round;

    private bool ShowMarkStep => View.State == BallotState.Open && Result?.Outcome is null or SubmitOutcome.Invalid or SubmitOutcome.Editing;

    private string RoundTitle => L.RoundName(Round!.Number, Round.Title, Round.Kind);

    private string ChoiceText(string name) => BallotMarks.ChoiceText(L, Round!, name);

    private string ChoiceName(short value) => value == 0 ? "None" : Round!.ChoiceNames[value - 1];

    private string ChoiceLabel(short value) => value == 0 ? L["Not graded"] : ChoiceText(Round!.ChoiceNames[value - 1]);

    private string ChoiceClass(short value) => value == 0 ? "none" : Round!.ChoiceNames[value - 1].ToLowerInvariant();

    private string Totals() => string.Join(" · ", Round!.ChoiceNames
        .Select((name, i) => $"{ChoiceText(name)} {Result!.Choices!.Count(c => c == i + 1)}")
        .Concat(Round.Kind == RoundKind.Evaluation && Result!.Choices!.Any(c => c == 0) ? [$"{L["Not graded"]} {Result.Choices!.Count(c => c == 0)}"] : []));
}
