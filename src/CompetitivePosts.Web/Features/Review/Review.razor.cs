using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Web.Features.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CompetitivePosts.Web.Features.Review;

public partial class Review
{
    private ReviewView? _view;

    [Inject]
    private ReviewHandler Handler { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Parameter]
    public int Id { get; set; }

    /// <summary>Review runs after registration closes and, with reasons, after publication until the speech order is drawn.</summary>
    private bool Reviewable => _view is not null && CanManage(_view.Header) && !_view.SpeechOrderDrawn
                               && _view.Header.Status is CompetitionStatus.Review or CompetitionStatus.Speeches;

    protected override async Task LoadAsync() => _view = await Handler.GetAsync(Id, Actor);

    private async Task RefreshAsync()
    {
        _view = await Handler.GetAsync(Id, Actor);
        StateHasChanged();
    }

    private static Color Colour(ReviewStatus status) => status switch
    {
        ReviewStatus.Approved => Color.Success,
        ReviewStatus.Rejected => Color.Error,
        _ => Color.Default,
    };

    private async Task ApproveAsync(ReviewRow row)
    {
        string? reason = null;
        if (_view!.PublishedAt is not null)
        {
            reason = await ReasonDialog.AskAsync(Dialogs, L["Approve"], L["Why is {0} now qualified for {1}?", row.CadreName, row.PostName], L["Approve"],
                L["The list is published: the change and its reason go on the audit trail."]);
            if (reason is null)
            {
                return;
            }
        }

        await RunAsync(() => Handler.ApproveAsync(Id, Actor, row.ApplicationId, reason), "Approved.");
    }

    private async Task RejectAsync(ReviewRow row)
    {
        var reason = await ReasonDialog.AskAsync(Dialogs, L["Reject"], L["Why is {0} not qualified for {1}?", row.CadreName, row.PostName], L["Reject"]);
        if (reason is not null)
        {
            await RunAsync(() => Handler.RejectAsync(Id, Actor, row.ApplicationId, reason), "Rejected.");
        }
    }

    private async Task ApproveAllAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["Approve every eligible registration"],
            L["Approve the {0} pending registrations that are eligible?", _view!.PendingEligible], yesText: L["Approve"], cancelText: L["Cancel"]);
        if (confirmed == true)
        {
            await RunAsync(() => Handler.ApproveAllEligibleAsync(Id, Actor), "Approved.");
        }
    }

    private async Task PublishAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["Publish the qualified list"],
            L["Publish the list now? Only qualified candidates go on to the speeches and the ballots, and later changes need a reason."],
            yesText: L["Publish"], cancelText: L["Cancel"]);
        if (confirmed == true)
        {
            await RunAsync(() => Handler.PublishAsync(Id, Actor), "The qualified list is published.");
        }
    }
}
