using CompetitivePosts.Web.Features.Account;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;

namespace CompetitivePosts.Web.Features.Users;

/// <summary>
/// Disabling keeps the account and its name in the audit trail but stops it signing in; its open
/// sessions end at their next check. Enabling undoes it.
/// </summary>
public static class SetUserDisabled
{
    public sealed record Command(string UserId, bool Disabled);

    public sealed class Handler(AccountChanges accounts)
    {
        public Task HandleAsync(Actor actor, Command command, CancellationToken ct = default)
        {
            ArgumentNullException.ThrowIfNull(actor);
            ArgumentNullException.ThrowIfNull(command);
            return accounts.RunAsync(actor, command.Disabled ? AuditActions.AccountDisable : AuditActions.AccountEnable, async s =>
            {
                var user = await s.FindAsync(command.UserId, ct);
                if (command.Disabled)
                {
                    UserRules.EnsureNotSelf(actor, user.Id, "You cannot disable your own account.");
                }

                user.IsDisabled = command.Disabled;
                IdentityErrorText.ThrowIfFailed(await s.Users.UpdateAsync(user));
                IdentityErrorText.ThrowIfFailed(await s.Users.UpdateSecurityStampAsync(user));
                return (true, new { userName = user.UserName, disabled = command.Disabled });
            }, ct);
        }
    }
}
