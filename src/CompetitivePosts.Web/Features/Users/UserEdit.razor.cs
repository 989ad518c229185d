using CompetitivePosts.Web.Features.Account;
using CompetitivePosts.Web.Features.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CompetitivePosts.Web.Features.Users;

/// <summary>Creating an account, and changing, resetting, disabling or unlocking one.</summary>
public partial class UserEdit
{
    private static readonly (ActorRoles Role, string Hint)[] RoleHints =
    [
        (ActorRoles.Organizer, "Runs the competitions of the units chosen below."),
        (ActorRoles.Reviewer, "Organization department: sees every unit, accepts or refuses filings."),
        (ActorRoles.Observer, "Discipline inspection: sees every unit and the audit trail, changes nothing."),
        (ActorRoles.Administrator, "Manages accounts and units; sees every unit but runs no competition."),
    ];

    private IReadOnlyList<UnitChoice>? _units;
    private UserRow? _user;
    private List<BreadcrumbItem> _crumbs = [];
    private string _userName = "";
    private string _displayName = "";
    private ActorRoles _roles = ActorRoles.Organizer;
    private HashSet<int> _unitIds = [];
    private string _password = "";
    private string _newPassword = "";

    [Parameter]
    public string? UserId { get; set; }

    [Inject]
    private UserQueries Queries { get; set; } = default!;

    [Inject]
    private CreateUser.Handler Create { get; set; } = default!;

    [Inject]
    private UpdateUser.Handler Update { get; set; } = default!;

    [Inject]
    private ResetPassword.Handler Reset { get; set; } = default!;

    [Inject]
    private SetUserDisabled.Handler Disable { get; set; } = default!;

    [Inject]
    private UnlockUser.Handler Unlock { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private bool IsNew => UserId is null;

    private string Title => IsNew ? Localizer["New account"] : Localizer["Account {0}", _user?.UserName ?? ""];

    private string PasswordHint => Localizer["At least {0} characters, with an upper-case letter, a lower-case letter and a digit; not your user name.",
        AccountSecurity.MinPasswordLength];

    private string UnitText => string.Join("、", (_units ?? []).Where(u => _unitIds.Contains(u.Id)).Select(u => u.Name));

    protected override async Task LoadAsync()
    {
        _units = await Queries.UnitsAsync(Actor);
        _crumbs = [new(Localizer["Accounts"], "/admin/users"), new(IsNew ? Localizer["New account"] : Localizer["Edit"], null, disabled: true)];
        if (UserId is not null)
        {
            _user = await Queries.GetAsync(Actor, UserId);
            _displayName = _user.DisplayName;
            _roles = _user.Roles;
            _unitIds = [.. _user.Units.Select(u => u.Id)];
        }
    }

    private void SetRole(ActorRoles role, bool on) => _roles = on ? _roles | role : _roles & ~role;

    private async Task SaveAsync()
    {
        if (IsNew)
        {
            string? id = null;
            if (await RunAsync(async () => id = await Create.HandleAsync(Actor,
                    new CreateUser.Command(_userName, _displayName, _roles, [.. _unitIds], _password)), "Account created."))
            {
                Navigation.NavigateTo($"/admin/users/{id}");
            }

            return;
        }

        await RunAsync(() => Update.HandleAsync(Actor,
            new UpdateUser.Command(_user!.Id, _displayName, _roles, [.. _unitIds], _user.ConcurrencyStamp)), "Account saved.");
    }

    private async Task ResetPasswordAsync()
    {
        if (await ConfirmAsync("Reset password", "The user must choose a new password at the next sign-in, and their open sessions end. Reset?"))
        {
            if (await RunAsync(() => Reset.HandleAsync(Actor, new ResetPassword.Command(_user!.Id, _newPassword)), "Password reset."))
            {
                _newPassword = "";
            }
        }
    }

    private async Task DisableAsync()
    {
        if (await ConfirmAsync("Disable account", "The account can no longer sign in and its open sessions end. Disable?"))
        {
            await RunAsync(() => Disable.HandleAsync(Actor, new SetUserDisabled.Command(_user!.Id, true)), "Account disabled.");
        }
    }

    private Task<bool> EnableAsync() =>
        RunAsync(() => Disable.HandleAsync(Actor, new SetUserDisabled.Command(_user!.Id, false)), "Account enabled.");

    private Task<bool> UnlockAsync() =>
        RunAsync(() => Unlock.HandleAsync(Actor, new UnlockUser.Command(_user!.Id)), "Account unlocked.");

    private async Task<bool> ConfirmAsync(string title, string question) =>
        await Dialogs.ShowMessageBoxAsync(Localizer[title], Localizer[question], yesText: Localizer[title], cancelText: Localizer["Cancel"]) == true;
}
