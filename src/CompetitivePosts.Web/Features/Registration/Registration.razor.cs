using CompetitivePosts.Domain;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Features.Plan;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CompetitivePosts.Web.Features.Registration;

public partial class Registration
{
    private RegistrationView? _view;
    private RegistrationForm? _form;
    private bool _editing;
    private IReadOnlyList<PostEligibility>? _eligibility;

    [Inject]
    private RegistrationHandler Handler { get; set; } = default!;

    [Inject]
    private Register Registrar { get; set; } = default!;

    [Inject]
    private PlanHandler Plan { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Parameter]
    public int Id { get; set; }

    private bool Manage => _view is not null && CanManage(_view.Header);

    private bool Open => Manage && _view!.Header.Status == CompetitionStatus.Registration;

    protected override async Task LoadAsync()
    {
        _view = await Handler.GetAsync(Id, Actor);
        if (_form is null || _form.Posts.Length != _view.MaxApplications)
        {
            NewForm();
        }
    }

    private async Task RefreshAsync()
    {
        _view = await Handler.GetAsync(Id, Actor);
        StateHasChanged();
    }

    /// <summary>Every registration starts from a clean form: nothing carries over from the one before.</summary>
    private void NewForm()
    {
        _form = new RegistrationForm(_view!.MaxApplications);
        _editing = false;
        _eligibility = null;
    }

    private string PreferenceLabel(int slot) => L["Preference {0}", slot + 1];

    private Task<IEnumerable<PickOption>> SearchCadres(string? text, CancellationToken ct) => Task.FromResult(PickOption.Search(_view!.Cadres, text));

    private Task<IEnumerable<PickOption>> SearchPosts(string? text, CancellationToken ct) => Task.FromResult(PickOption.Search(_view!.Posts, text, 60));

    private async Task CadreChangedAsync(PickOption? cadre)
    {
        _form!.Cadre = cadre;
        _eligibility = cadre is null ? null : await Plan.ForCadreAsync(Id, Actor, cadre.Id);
    }

    private void PostChanged(int slot, PickOption? post) => _form!.Posts[slot] = post;

    private async Task EditAsync(RegistrationRow row)
    {
        NewForm();
        _editing = true;
        _form!.Cadre = _view!.Cadres.First(c => c.Id == row.CadreId);
        foreach (var pref in row.Preferences.Where(p => p.Preference <= _form.Posts.Length))
        {
            _form.Posts[pref.Preference - 1] = _view.Posts.First(p => p.Id == pref.PostId);
        }

        _form.AcceptsReassignment = row.AcceptsReassignment;
        _form.Statement = row.Statement;
        _eligibility = await Plan.ForCadreAsync(Id, Actor, row.CadreId);
    }

    private async Task SaveAsync()
    {
        var command = _form!.ToCommand();
        if (await RunAsync(() => Registrar.ByOrganizerAsync(Id, Actor, command), _editing ? "Saved." : "Registered."))
        {
            NewForm();
        }
    }

    private async Task WithdrawAsync(RegistrationRow row)
    {
        var reason = await ReasonDialog.AskAsync(Dialogs, L["Record a withdrawal"], L["Why does {0} withdraw?", row.CadreName], L["Record the withdrawal"],
            L["A withdrawal is final and is counted in the outcome reports."]);
        if (reason is not null)
        {
            await RunAsync(() => Registrar.WithdrawByOrganizerAsync(Id, Actor, row.CadreId, reason), "The withdrawal is recorded.");
        }
    }

    private async Task OpenAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["Open registration"], L["Open registration now? The plan and the reset can no longer be changed."],
            yesText: L["Open registration"], cancelText: L["Cancel"]);
        if (confirmed == true)
        {
            await RunAsync(() => Handler.OpenAsync(Id, Actor), "Registration is open.");
        }
    }

    private async Task CloseAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["Close registration"], L["Close registration now? Nobody can register or change a registration afterwards."],
            yesText: L["Close registration"], cancelText: L["Cancel"]);
        if (confirmed == true)
        {
            await RunAsync(() => Handler.CloseAsync(Id, Actor), "Registration closed.");
        }
    }

    private sealed class RegistrationForm(int slots)
    {
        public PickOption? Cadre { get; set; }

        public PickOption?[] Posts { get; } = new PickOption?[slots];

        public bool AcceptsReassignment { get; set; }

        public string? Statement { get; set; }

        public bool CanSubmit(IReadOnlyList<PostEligibility>? eligibility) =>
            Cadre is not null && Posts.Any(p => p is not null)
            && Posts.Where(p => p is not null).All(p => eligibility?.FirstOrDefault(e => e.PostId == p!.Id)?.Result.Eligible == true);

        public Register.Command ToCommand() =>
            new(Cadre!.Id, [.. Posts.Where(p => p is not null).Select(p => p!.Id)], AcceptsReassignment, Statement);
    }
}
