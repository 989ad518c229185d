using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Decisions;
using CompetitivePosts.Web.Features.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CompetitivePosts.Web.Features.Decisions;

public partial class Decisions
{
    /// <summary>The picker's value for 空缺.</summary>
    private const int Vacant = -1;

    private readonly Dictionary<(int PostId, int Seat), SeatState> _states = [];
    private DecisionsView? _view;
    private string? _meetingDate;
    private string? _minutes;
    private HashSet<int> _attendees = [];

    [Parameter]
    public int Id { get; set; }

    [Inject]
    private DecisionsHandler Handler { get; set; } = default!;

    [Inject]
    private RecordMeeting.Handler Meeting { get; set; } = default!;

    [Inject]
    private ChooseDecidingRound.Handler Rounds { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    protected override async Task LoadAsync()
    {
        _view = await Handler.GetAsync(Id, Actor);
        // The form starts from what is saved, so the picker shows the saved choice after a save or a reload.
        _states.Clear();
        _meetingDate = DateText.Format(_view.Meeting.Date);
        _minutes = _view.Meeting.Minutes;
        _attendees = [.. _view.Meeting.AttendeeIds];
    }

    private SeatState StateOf(PostDecision post, int seat)
    {
        if (!_states.TryGetValue((post.PostId, seat), out var s))
        {
            var saved = post.Decisions[seat - 1];
            s = new SeatState
            {
                Choice = saved is null ? null : saved.AppointeeId ?? Vacant,
                Category = saved?.Category,
                Justification = saved?.Justification,
                VacancyReason = saved?.VacancyReason ?? (post.HasEligibleApplicant ? null : L["No eligible applicant: everyone is below the minimum score or placed elsewhere."].Value),
                Recused = saved is null ? [.. post.KinMemberIds] : [.. _view!.Leaders.Where(l => saved.Recused.Contains(l.Name)).Select(l => l.CadreId)],
                Version = saved?.Version,
            };
            _states[(post.PostId, seat)] = s;
        }

        return s;
    }

    /// <summary>What the picker shows for a value: the saved or chosen appointee by name, or 空缺.</summary>
    private string OptionText(PostDecision post, int? value) => value switch
    {
        null => "",
        Vacant => L["Leave vacant (空缺)"],
        _ => post.Options.FirstOrDefault(o => o.CadreId == value) is { } o
            ? $"{o.Name} · {o.Percent.ToString("0.00", System.Globalization.CultureInfo.CurrentCulture)}%" : "",
    };

    private static void Toggle(HashSet<int> set, int id, bool on)
    {
        if (on)
        {
            set.Add(id);
        }
        else
        {
            set.Remove(id);
        }
    }

    private async Task ChooseAsync(PostDecision post, int seat, int? choice)
    {
        var state = StateOf(post, seat);
        state.Choice = choice;
        state.Verdict = null;
        if (choice is { } id and not Vacant)
        {
            try
            {
                state.Verdict = await Handler.PreviewAsync(Id, Actor, post.PostId, seat, id);
            }
            catch (DomainException ex)
            {
                Snackbar.Add(Localizer.Message(ex), Severity.Error);
            }
        }
    }

    private Task<bool> SaveAsync(PostDecision post, int seat)
    {
        var s = StateOf(post, seat);
        var input = s.Choice == Vacant
            ? new DecisionInput(post.PostId, seat, null, VacancyReason: s.VacancyReason, Recused: [.. s.Recused])
            : new DecisionInput(post.PostId, seat, s.Choice, s.Category, s.Justification, Recused: [.. s.Recused]);
        return RunAsync(() => Handler.DecideAsync(Id, Actor, input, s.Version), "Decision saved.");
    }

    private Task SaveMeetingAsync()
    {
        if (!string.IsNullOrWhiteSpace(_meetingDate) && DateText.ParseOrNull(_meetingDate) is null)
        {
            Snackbar.Add(L["Enter the date as yyyy-mm-dd."], Severity.Error);
            return Task.CompletedTask;
        }

        return RunAsync(() => Meeting.HandleAsync(new RecordMeeting.Command(Id, DateText.ParseOrNull(_meetingDate), [.. _attendees], _minutes), Actor),
            "Meeting saved.");
    }

    private Task ChooseRoundAsync(int? roundId) =>
        roundId is { } r ? RunAsync(() => Rounds.HandleAsync(new ChooseDecidingRound.Command(Id, r), Actor), "Deciding round chosen.") : Task.CompletedTask;

    private async Task FileAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["Submit for filing"], L["Freeze these decisions and send them to the organization department?"],
            yesText: L["Submit for filing"], cancelText: L["Cancel"]);
        if (confirmed == true)
        {
            await RunAsync(() => Handler.SubmitFilingAsync(Id, Actor), "Submitted for filing.");
        }
    }

    private sealed class SeatState
    {
        public int? Choice { get; set; }

        public JustificationVerdict? Verdict { get; set; }

        public JustificationCategory? Category { get; set; }

        public string? Justification { get; set; }

        public string? VacancyReason { get; set; }

        public HashSet<int> Recused { get; set; } = [];

        public uint? Version { get; set; }
    }
}
