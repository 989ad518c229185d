using CompetitivePosts.Domain;
using CompetitivePosts.Web.Features.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CompetitivePosts.Web.Features.Roster;

public partial class Roster
{
    private RosterView? _view;
    private CadreForm? _cadre;
    private PostForm? _post;
    private string? _search;

    [Inject]
    private RosterHandler Handler { get; set; } = default!;

    [Inject]
    private EditRoster Edit { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Parameter]
    public int Id { get; set; }

    private bool Manage => _view is not null && CanManage(_view.Header);

    private bool Draft => _view?.Header.Status == CompetitionStatus.Draft;

    /// <summary>After the reset and until voting opens, cadres can still be added or corrected with a reason.</summary>
    private bool Correctable => Manage && _view!.Header.Status is > CompetitionStatus.Draft and < CompetitionStatus.Voting;

    private IReadOnlyList<PickOption> Holders =>
        _view is null ? [] : [.. _view.Cadres.OrderBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => new PickOption(c.Id, c.Name, c.Details.Department))];

    private IEnumerable<CadreRow> FilteredCadres =>
        string.IsNullOrWhiteSpace(_search)
            ? _view!.Cadres
            : _view!.Cadres.Where(c => c.Name.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase)
                                       || (c.Details.Department?.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase) ?? false)
                                       || (c.Details.CurrentTitle?.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase) ?? false));

    protected override async Task LoadAsync() => _view = await Handler.GetAsync(Id, Actor);

    private void NewCadre()
    {
        _post = null;
        _cadre = new CadreForm();
    }

    private void EditCadre(CadreRow row)
    {
        _post = null;
        _cadre = CadreForm.From(row.Id, row.Version, row.Details);
    }

    private void NewPost()
    {
        _cadre = null;
        _post = new PostForm();
    }

    private void EditPost(PostRow row)
    {
        _cadre = null;
        _post = PostForm.From(row, Holders);
    }

    private async Task SaveCadreAsync()
    {
        var form = _cadre!;
        var reason = Draft ? null : form.Reason;
        var saved = await RunAsync(() => form.Id is { } id
            ? Edit.UpdateCadreAsync(Id, Actor, id, form.ToDetails(), form.Version, reason)
            : Edit.AddCadreAsync(Id, Actor, form.ToDetails(), reason), form.Id is null ? "Cadre added." : "Saved.");
        if (saved)
        {
            _cadre = null;
        }
    }

    private async Task SavePostAsync()
    {
        var form = _post!;
        var saved = await RunAsync(() => form.Id is { } id
            ? Edit.UpdatePostAsync(Id, Actor, id, form.ToDetails(), form.Holder?.Id)
            : Edit.AddPostAsync(Id, Actor, form.ToDetails(), form.Holder?.Id), form.Id is null ? "Post added." : "Saved.");
        if (saved)
        {
            _post = null;
        }
    }

    private async Task DeleteCadreAsync(CadreRow row)
    {
        if (await ConfirmAsync(L["Delete {0} from the roster?", row.Name]))
        {
            await RunAsync(() => Edit.DeleteCadreAsync(Id, Actor, row.Id), "Deleted.");
        }
    }

    private async Task DeletePostAsync(PostRow row)
    {
        if (await ConfirmAsync(L["Delete the post {0}?", row.Name]))
        {
            await RunAsync(() => Edit.DeletePostAsync(Id, Actor, row.Id), "Deleted.");
        }
    }

    private async Task ResetAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["Reset to zero"], L["Vacate every competed post now?"], yesText: L["Reset to zero"], cancelText: L["Cancel"]);
        if (confirmed == true)
        {
            await RunAsync(() => Handler.ResetToZeroAsync(Id, Actor), "Every competed post is now vacant.");
        }
    }

    private async Task UndoResetAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["Undo the reset"], L["Give every holder their post back and discard the snapshot?"],
            yesText: L["Undo the reset"], cancelText: L["Cancel"]);
        if (confirmed == true)
        {
            await RunAsync(() => Handler.UndoResetAsync(Id, Actor), "The reset is undone.");
        }
    }

    private async Task<bool> ConfirmAsync(string message) =>
        await Dialogs.ShowMessageBoxAsync(L["Please confirm"], message, yesText: L["Delete"], cancelText: L["Cancel"]) == true;
}
