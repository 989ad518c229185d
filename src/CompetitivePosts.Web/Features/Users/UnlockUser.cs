using CompetitivePosts.Web.Features.Account;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;

namespace CompetitivePosts.Web.Features.Users;

/// <summary>Lifts a lockout after too many wrong passwords, before it runs out by itself.</summary>
public static class UnlockUser
{
    public sealed record Command(string UserId);

    public sealed class Handler(AccountChanges accounts)
    {
        public Task HandleAsync(Actor actor, Command command, CancellationToken ct = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            return accounts.RunAsync(actor, AuditActions.AccountUnlock, async s =>
            {
                var user = await s.FindAsync(command.UserId, ct);
                IdentityErrorText.ThrowIfFailed(await s.Users.SetLockoutEndDateAsync(user, null));
                IdentityErrorText.ThrowIfFailed(await s.Users.ResetAccessFailedCountAsync(user));
                return (true, new { userName = user.UserName });
            }, ct);
        }
    }
}
