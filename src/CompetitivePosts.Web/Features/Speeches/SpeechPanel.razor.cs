using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Speeches;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CompetitivePosts.Web.Features.Speeches;

/// <summary>
/// The organizer's control panel on the speech day, built for a tablet: start, pause, resume,
/// questions, next, absent and withdraw. Every press is saved with the server's time and reaches
/// the projectors through the hub; other panels follow through the notifier.
/// </summary>
public partial class SpeechPanel
{
    private SpeechesView? _view;
    private SpeechLiveDto? _live;

    [Inject]
    private SpeechesQuery Query { get; set; } = default!;

    [Inject]
    private ControlSpeech.Handler Control { get; set; } = default!;

    private bool Manage => _view is not null && CanManage(_view.Header) && _view.Header.Status == CompetitionStatus.Speeches;

    protected override async Task LoadAsync()
    {
        _view = await Query.GetAsync(Id, Actor);
        _live = _view.Live;
    }

    private string PhaseLabel(SpeechLiveDto live) => Enum.Parse<SpeechPhase>(live.Phase) switch
    {
        SpeechPhase.NotStarted => L["The speeches have not begun"],
        SpeechPhase.Ready => L["Called to the podium"],
        SpeechPhase.Running => L["Now speaking"],
        SpeechPhase.Paused => L["Paused"],
        _ => L["All speeches are over"],
    };

    private async Task PressAsync(ControlSpeech.Button button) =>
        await RunAsync(() => Control.HandleAsync(new ControlSpeech.Command(Id, button), Actor));

    private async Task AbsentAsync(int cadreId, string name)
    {
        var message = _view!.Plan.AbsentPolicy == AbsentPolicy.MoveToEnd
            ? L["Mark {0} absent? As the plan says, they go to the end of the order once; absent again, they lose their turn.", name]
            : L["Mark {0} absent? As the plan says, they lose their turn.", name];
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["Absent"], message, yesText: L["Absent"], cancelText: L["Cancel"]);
        if (confirmed == true)
        {
            await RunAsync(() => Control.HandleAsync(new ControlSpeech.Command(Id, ControlSpeech.Button.Absent, cadreId), Actor));
        }
    }
}
