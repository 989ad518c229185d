using CompetitivePosts.Domain;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Features.Users;

namespace CompetitivePosts.Web.Features.Account;

/// <summary>A signed-in user replaces their own password; required after an administrator chose it.</summary>
public static class ChangeOwnPassword
{
    public sealed record Command(string? CurrentPassword, string? NewPassword, string? Confirm);

    /// <param name="services">The request's scope: the page renews the sign-in from the account this changed.</param>
    public sealed class Handler(AccountChanges accounts, IServiceProvider services)
    {
        /// <summary>Returns the account as it now is, for renewing the sign-in.</summary>
        public Task<Data.AppUser> HandleAsync(Actor actor, Command command, CancellationToken ct = default)
        {
            ArgumentNullException.ThrowIfNull(actor);
            ArgumentNullException.ThrowIfNull(command);
            if (actor.UserId is not { Length: > 0 } userId)
            {
                throw new DomainException("Sign in first.");
            }

            if (command.NewPassword != command.Confirm)
            {
                throw new InvalidInputException([new("Confirm new password", new DomainException("The two new passwords differ."))]);
            }

            if (command.NewPassword == command.CurrentPassword)
            {
                throw new InvalidInputException([new("New password", new DomainException("Choose a password different from the current one."))]);
            }

            return accounts.RunAsSelfAsync(services, actor, AuditActions.AccountPasswordChange, async s =>
            {
                var user = await s.FindAsync(userId, ct);
                IdentityErrorText.ThrowIfFailed(await s.Users.ChangePasswordAsync(user, command.CurrentPassword ?? "", command.NewPassword ?? ""));
                user.MustChangePassword = false;
                IdentityErrorText.ThrowIfFailed(await s.Users.UpdateAsync(user));
                return (user, (object)new { userName = user.UserName });
            }, ct);
        }
    }
}
