using CompetitivePosts.Web.Features.Account;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;

namespace CompetitivePosts.Web.Features.Users;

/// <summary>
/// An administrator sets a new password for a user who forgot theirs. The user must change it at the
/// next sign-in, the lockout is lifted, and every session of the account ends.
/// </summary>
public static class ResetPassword
{
    public sealed record Command(string UserId, string? NewPassword);

    public sealed class Handler(AccountChanges accounts)
    {
        public Task HandleAsync(Actor actor, Command command, CancellationToken ct = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            return accounts.RunAsync(actor, AuditActions.AccountPasswordReset, async s =>
            {
                var user = await s.FindAsync(command.UserId, ct);
                var token = await s.Users.GeneratePasswordResetTokenAsync(user);
                IdentityErrorText.ThrowIfFailed(await s.Users.ResetPasswordAsync(user, token, command.NewPassword ?? ""));
                user.MustChangePassword = true;
                IdentityErrorText.ThrowIfFailed(await s.Users.UpdateAsync(user));
                IdentityErrorText.ThrowIfFailed(await s.Users.SetLockoutEndDateAsync(user, null));
                IdentityErrorText.ThrowIfFailed(await s.Users.ResetAccessFailedCountAsync(user));
                return (true, new { userName = user.UserName });
            }, ct);
        }
    }
}
