using CompetitivePosts.Web.Features.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CompetitivePosts.Web.Features.Speeches;

/// <summary>
/// What the speech plan and the control panel share: the competition, a refresh when another
/// screen changes the speech day, and the withdrawal with its reason.
/// </summary>
public abstract class SpeechDayPage : FeaturePage
{
    [Parameter]
    public int Id { get; set; }

    [Inject]
    protected IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private WithdrawSpeaker.Handler Withdraw { get; set; } = default!;

    /// <summary>Called by <see cref="SpeechLiveRefresh"/> on the circuit after another screen's change.</summary>
    protected Task RefreshAsync() => InvokeAsync(async () =>
    {
        await LoadAsync();
        StateHasChanged();
    });

    protected async Task WithdrawAsync(SpeechRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var input = await SpeechChangeDialog.AskAsync(Dialogs, Localizer["{0} withdraws", row.Name], null, 0, 0);
        if (input is not null)
        {
            await RunAsync(() => Withdraw.HandleAsync(new WithdrawSpeaker.Command(Id, row.CadreId, input.Reason), Actor), "The withdrawal is recorded.");
        }
    }
}
