using System.Globalization;
using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Web.Features.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CompetitivePosts.Web.Features.Voting;

public partial class VoterRoll
{
    private VoterRollView? _view;
    private RoundForm _round = new();
    private OutsideForm _outside = new();
    private string? _search;

    [Inject]
    private VoterRollHandler Handler { get; set; } = default!;

    [Inject]
    private EditVoterRoll Roll { get; set; } = default!;

    [Inject]
    private CreateRound Rounds { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Parameter]
    public int Id { get; set; }

    private bool Manage => _view is not null && CanManage(_view.Header);

    private IEnumerable<VoterRow> Shown => string.IsNullOrWhiteSpace(_search)
        ? _view!.Voters
        : _view!.Voters.Where(v => v.Name.Contains(_search.Trim(), StringComparison.Ordinal));

    protected override async Task LoadAsync()
    {
        _view = await Handler.GetAsync(Id, Actor);
        if (_round.Incumbents.Count == 0)
        {
            _round.Incumbents = [.. _view.Incumbents.Select(i => i.CadreId)];
        }
    }

    private async Task RefreshAsync()
    {
        _view = await Handler.GetAsync(Id, Actor);
        StateHasChanged();
    }

    private string RoundName(RoundRow r) => L.RoundName(r.Number, r.Title, r.Kind, numbered: true);

    private string LimitText(RoundRow r) => r.LimitMode == AgreeLimitMode.Fixed ? L["at most {0} agree per post", r.FixedLimit] : L.Enum(r.LimitMode);

    private Task<bool> IssueAsync() => RunAsync(() => Handler.IssueAsync(Id, Actor), "The roll is up to date.");

    private async Task CloseVotingAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["End the voting"],
            L["The competition moves on to the committee's decision and no round can be opened any more. End the voting now?"],
            yesText: L["End the voting"], cancelText: L["Cancel"]);
        if (confirmed == true)
        {
            await RunAsync(() => Handler.CloseAsync(Id, Actor), "Voting is closed.");
        }
    }

    private async Task CreateRoundAsync()
    {
        DateTimeOffset? closes = null;
        if (!string.IsNullOrWhiteSpace(_round.ClosesAt))
        {
            if (!DateTime.TryParseExact(_round.ClosesAt.Trim(), "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                Snackbar.Add(L["Write the scheduled close as yyyy-MM-dd HH:mm, for example 2009-06-18 16:30."], Severity.Error);
                return;
            }

            closes = new DateTimeOffset(local, ChinaTime.Offset);
        }

        var settings = new RoundSettings(_round.Kind, _round.IsSigned, _round.Title, _round.LimitMode, _round.FixedLimit, closes,
            _round.Kind == RoundKind.Evaluation ? [.. _round.Incumbents] : null);
        if (await RunAsync(() => Rounds.HandleAsync(Id, Actor, settings), "The round is created."))
        {
            _round = new RoundForm { Incumbents = [.. _view!.Incumbents.Select(i => i.CadreId)] };
        }
    }

    private async Task ChangeCategoryAsync(VoterRow voter)
    {
        var parameters = new DialogParameters<CategoryDialog> { { d => d.Voter, voter } };
        var dialog = await Dialogs.ShowAsync<CategoryDialog>(L["Change the ballot kind of {0}", voter.Name], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: CategoryDialog.Choice choice })
        {
            await RunAsync(() => Roll.OverrideCategoryAsync(Id, Actor, voter.Id, choice.Category, choice.Reason), "The ballot kind is changed.");
        }
    }

    private async Task ExcludeAsync(VoterRow voter)
    {
        var reason = await ReasonDialog.AskAsync(Dialogs, L["Exclude"], L["Why is {0} not voting (for example on leave)?", voter.Name], L["Exclude"],
            L["Any slip of {0} that has not been used stops working.", voter.Name]);
        if (reason is not null)
        {
            await RunAsync(() => Roll.ExcludeAsync(Id, Actor, voter.Id, reason), "The voter is excluded.");
        }
    }

    private async Task ReinstateAsync(VoterRow voter)
    {
        var reason = await ReasonDialog.AskAsync(Dialogs, L["Put back"], L["Why does {0} vote after all?", voter.Name], L["Put back"]);
        if (reason is not null)
        {
            await RunAsync(() => Roll.ReinstateAsync(Id, Actor, voter.Id, reason), "The voter is back on the roll.");
        }
    }

    private async Task AddOutsideAsync()
    {
        if (await RunAsync(() => Roll.AddOutsideAsync(Id, Actor, _outside.Name ?? "", _outside.Category, _outside.Note ?? ""), "The voter is added."))
        {
            _outside = new();
        }
    }

    private sealed class RoundForm
    {
        public RoundKind Kind { get; set; } = RoundKind.Recommendation;

        public bool IsSigned { get; set; } = true;

        public string? Title { get; set; }

        public AgreeLimitMode LimitMode { get; set; }

        public int FixedLimit { get; set; } = 1;

        public string? ClosesAt { get; set; }

        public IReadOnlyCollection<int> Incumbents { get; set; } = [];
    }

    private sealed class OutsideForm
    {
        public string? Name { get; set; }

        public VoterCategory Category { get; set; } = VoterCategory.A;

        public string? Note { get; set; }
    }
}
