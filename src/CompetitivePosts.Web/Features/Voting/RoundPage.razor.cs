using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Web.Features.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CompetitivePosts.Web.Features.Voting;

public partial class RoundPage
{
    private RoundView? _view;
    private SlipBatch? _batch;
    private BallotChainVerification? _verification;

    [Inject]
    private RoundQuery Query { get; set; } = default!;

    [Inject]
    private RoundControl Control { get; set; } = default!;

    [Inject]
    private PrintSlips Slips { get; set; } = default!;

    [Inject]
    private BallotChainService Chain { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private IConfiguration Configuration { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Parameter]
    public int Id { get; set; }

    [Parameter]
    public int RoundId { get; set; }

    private bool Manage => _view is not null && CanManage(_view.Header);

    /// <summary>The round can still take ballots: open, or prepared while the voting stage has not ended (after it, it never opens).</summary>
    private bool Live => _view is { Round.Status: var s, Header.Status: var stage }
        && (s == RoundStatus.Open || (s == RoundStatus.Prepared && stage <= CompetitionStatus.Voting));

    private string BaseUrl => QrCodes.BaseUrl(Configuration, Navigation);

    private int WithoutSlip => _view!.Voters.Count(v => !v.IsExcluded && v.Slip == SlipState.None);

    private string RoundName => L.RoundName(_view!.Round.Number, _view.Round.Title, _view.Round.Kind, numbered: true);

    protected override async Task LoadAsync() => _view = await Query.GetAsync(Id, RoundId, Actor);

    private async Task RefreshAsync()
    {
        if (_batch is null)
        {
            _view = await Query.GetAsync(Id, RoundId, Actor);
            StateHasChanged();
        }
    }

    private async Task OpenAsync()
    {
        var stage = _view!.Header.Status == CompetitionStatus.Speeches
            ? L["This is the first round: opening it also begins the voting stage, and the roster and candidates are fixed from then on."] + " "
            : "";
        // The latest opened recommendation round is the one the live tally and the committee go by (Competition.CountingRound).
        var counting = _view.Round.Kind == RoundKind.Recommendation && _view.CountingRoundNumber is { } n && n != _view.Round.Number
            ? L["From the moment this round opens, it replaces round {0} for the live tally and the committee's decision.", n] + " "
            : "";
        if (await ConfirmAsync(L["Open the round"], stage + counting + L["The ballot is fixed as it stands now. Open the round?"], L["Open the round"]))
        {
            await RunAsync(() => Control.OpenAsync(Id, Actor, RoundId), "The round is open.");
        }
    }

    private async Task CloseAsync()
    {
        if (await ConfirmAsync(L["Close the round"], L["No ballot will be accepted after closing, and every unused slip of this round stops working. Close the round now?"],
                L["Close the round"]))
        {
            await RunAsync(() => Control.CloseAsync(Id, Actor, RoundId), "The round is closed.");
        }
    }

    // The server finds who has no slip now: another organizer may have printed some since this page loaded.
    private Task PrintMissingAsync() => PrintAsync(() => Slips.IssueMissingAsync(Id, RoundId, Actor));

    private async Task PrintOneAsync(RoundVoter voter)
    {
        if (voter.Slip != SlipState.None
            && !await ConfirmAsync(L["Print again"], L["The slip {0} holds now stops working, and a new one is printed. Go on?", voter.Name], L["Print again"]))
        {
            return;
        }

        await PrintAsync(() => Slips.IssueAsync(Id, RoundId, [voter.VoterId], Actor));
    }

    private async Task PrintAsync(Func<Task<SlipBatch>> issue)
    {
        SlipBatch? batch = null;
        if (await RunAsync(async () => batch = await issue(), "The slips are ready to print."))
        {
            _batch = batch;
        }
    }

    private async Task RevokeAsync(RoundVoter voter)
    {
        if (await ConfirmAsync(L["Revoke"], L["The slip of {0} stops working at once. Go on?", voter.Name], L["Revoke"]))
        {
            await RunAsync(() => Slips.RevokeAsync(Id, RoundId, voter.VoterId, Actor), "The slip is revoked.");
        }
    }

    private async Task VerifyAsync() => await RunAsync(async () => _verification = await Chain.VerifyAsync(RoundId));

    private async Task DoneWithSlips()
    {
        if (!await ConfirmAsync(L["Done: clear the sheet"],
                L["Are the slips printed? Once cleared they cannot be shown again: a lost slip can only be printed again, which stops the old one."],
                L["Done: clear the sheet"]))
        {
            return;
        }

        _batch = null;
        await LoadAsync();
    }

    private async Task<bool> ConfirmAsync(string title, string message, string yes) =>
        await Dialogs.ShowMessageBoxAsync(title, message, yesText: yes, cancelText: L["Cancel"]) == true;
}
