using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Speeches;
using CompetitivePosts.Web.Features.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CompetitivePosts.Web.Features.Speeches;

/// <summary>The speech plan: lengths, sessions, the draw and its check, the order with manual changes.</summary>
public partial class Speeches
{
    private SpeechesView? _view;
    private DrawCheckView? _check;

    [Inject]
    private SpeechesQuery Query { get; set; } = default!;

    [Inject]
    private SetSpeechPlan.Handler SetPlan { get; set; } = default!;

    [Inject]
    private AddSpeechSession.Handler AddSession { get; set; } = default!;

    [Inject]
    private RemoveSpeechSession.Handler RemoveSession { get; set; } = default!;

    [Inject]
    private DrawSpeechOrder.Handler Draw { get; set; } = default!;

    [Inject]
    private VerifySpeechDraw.Handler Verify { get; set; } = default!;

    [Inject]
    private MoveSpeaker.Handler Move { get; set; } = default!;

    private bool Manage => _view is not null && CanManage(_view.Header);

    private bool AtSpeeches => _view?.Header.Status == CompetitionStatus.Speeches;

    private bool SessionsEditable => Manage && _view!.Header.Status is CompetitionStatus.Registration or CompetitionStatus.Speeches;

    private bool PlanEditable => SessionsEditable && !_view!.Begun;

    private bool MayDraw => Manage && AtSpeeches && _view!.Draw is null;

    private bool OrderEditable => Manage && AtSpeeches;

    protected override async Task LoadAsync() => _view = await Query.GetAsync(Id, Actor);

    private async Task SavePlanAsync(SpeechPlanView plan) =>
        await RunAsync(() => SetPlan.HandleAsync(
            new SetSpeechPlan.Command(Id, plan.SpeechMinutes, plan.QuestionMinutes, plan.ChangeoverMinutes, plan.AbsentPolicy), Actor), "The speech plan is saved.");

    private async Task<bool> AddSessionAsync(AddSpeechSession.Command command)
    {
        var saved = await RunAsync(() => AddSession.HandleAsync(command with { CompetitionId = Id }, Actor), "Session added.");
        // Called as a plain delegate by the sessions card (it needs the result), so this page re-renders itself.
        StateHasChanged();
        return saved;
    }

    private async Task RemoveSessionAsync(SessionRow session)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["Remove session"],
            L["Remove the session on {0} at {1}?", SpeechFormat.Date(session.Date), session.Venue], yesText: L["Remove"], cancelText: L["Cancel"]);
        if (confirmed == true)
        {
            await RunAsync(() => RemoveSession.HandleAsync(new RemoveSpeechSession.Command(Id, session.Id), Actor), "Session removed.");
        }
    }

    private async Task DrawAsync(SpeechGrouping grouping)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["Draw the speech order"],
            L["Draw the order now, grouped: {0}? The lot is drawn once; it cannot be redrawn.", L.Enum(grouping)],
            yesText: L["Draw now"], cancelText: L["Cancel"]);
        if (confirmed == true)
        {
            _check = null;
            await RunAsync(() => Draw.HandleAsync(new DrawSpeechOrder.Command(Id, grouping), Actor), "The speech order is drawn.");
        }
    }

    private async Task VerifyAsync()
    {
        try
        {
            _check = await Verify.HandleAsync(Id, Actor);
        }
        catch (DomainException ex)
        {
            Snackbar.Add(L.Message(ex), Severity.Error);
        }
    }

    private async Task MoveAsync(SpeechRow row)
    {
        var input = await SpeechChangeDialog.AskAsync(Dialogs, L["Move {0}", row.Name], L["Move to place"], row.Order, _view!.Rows.Count);
        if (input is not null)
        {
            await RunAsync(() => Move.HandleAsync(new MoveSpeaker.Command(Id, row.CadreId, input.Place, input.Reason), Actor), "The speech order is changed.");
        }
    }
}
