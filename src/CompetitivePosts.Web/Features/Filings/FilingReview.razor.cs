using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Decisions;
using CompetitivePosts.Web.Features.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CompetitivePosts.Web.Features.Filings;

public partial class FilingReview
{
    private readonly Dictionary<(int PostId, int Seat), Answer> _answers = [];
    private FilingVersionView? _view;
    private bool _mayReview;
    private string? _note;

    [Parameter]
    public int Id { get; set; }

    /// <summary>Which version to show; the latest when absent.</summary>
    [SupplyParameterFromQuery(Name = "version")]
    public int? Version { get; set; }

    [Inject]
    private FilingsHandler Handler { get; set; } = default!;

    [Inject]
    private ReviewFiling.Handler Review { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    protected override async Task LoadAsync()
    {
        _view = await Handler.GetAsync(Id, Actor, Version);
        _mayReview = await Handler.MayReviewAsync(Id, Actor);
    }

    private Answer AnswerOf(FiledDecision d)
    {
        if (!_answers.TryGetValue((d.PostId, d.Seat), out var a))
        {
            _answers[(d.PostId, d.Seat)] = a = new Answer();
        }

        return a;
    }

    private void AcceptAll()
    {
        foreach (var d in _view!.Document!.Decisions)
        {
            AnswerOf(d).Accept = true;
        }
    }

    private async Task SubmitReviewAsync()
    {
        var doc = _view!.Document!;
        var reviews = doc.Decisions.Select(d => (d, a: AnswerOf(d))).ToList();
        var unanswered = reviews.Where(x => x.a.Accept is null).Select(x => x.d.PostName).ToList();
        // Validate before asking for confirmation: a refusal without its reason never reaches the dialog.
        if (unanswered.Count > 0)
        {
            Snackbar.Add(Localizer.Message(new DomainException("Accept or refuse every decision: {0} has no answer.", string.Join("、", unanswered))), Severity.Error);
            return;
        }

        var input = reviews.Select(x => new DecisionReview(x.d.PostId, x.d.Seat, x.a.Accept!.Value, x.a.Reason)).ToList();
        try
        {
            ReviewFiling.Validate(input);
        }
        catch (DomainException ex)
        {
            Snackbar.Add(Localizer.Message(ex), Severity.Error);
            return;
        }

        var refused = input.Count(r => !r.Accept);
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["Send the review"],
            refused == 0 ? L["File every decision?"] : L["{0} decision(s) go back to the unit with your reasons. Send?", refused],
            yesText: L["Send the review"], cancelText: L["Cancel"]);
        if (confirmed == true)
        {
            await RunAsync(() => Review.HandleAsync(new ReviewFiling.Command(Id, doc.Version, input, _note, _view.RowVersion), Actor),
                refused == 0 ? "Filing accepted." : "Filing refused.");
            _answers.Clear();
        }
    }

    private sealed class Answer
    {
        public bool? Accept { get; set; }

        public string? Reason { get; set; }
    }
}
