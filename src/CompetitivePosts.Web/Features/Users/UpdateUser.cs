using CompetitivePosts.Domain;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;

namespace CompetitivePosts.Web.Features.Users;

/// <summary>
/// An administrator changes an account's name shown, roles and units. The account's sessions end at
/// their next check (the security stamp moves), so new rights apply from the next sign-in.
/// </summary>
public static class UpdateUser
{
    /// <param name="ConcurrencyStamp">The account as the form loaded it: a change made meanwhile by another administrator is refused.</param>
    public sealed record Command(string UserId, string? DisplayName, ActorRoles Roles, IReadOnlyList<int> UnitIds, string ConcurrencyStamp);

    public sealed class Handler(AccountChanges accounts)
    {
        public Task HandleAsync(Actor actor, Command command, CancellationToken ct = default)
        {
            ArgumentNullException.ThrowIfNull(actor);
            ArgumentNullException.ThrowIfNull(command);
            return accounts.RunAsync(actor, AuditActions.AccountUpdate, async s =>
            {
                var user = await s.FindAsync(command.UserId, ct);
                if (user.ConcurrencyStamp != command.ConcurrencyStamp)
                {
                    throw new DomainException("Someone else changed this account. Reload the page and try again.");
                }

                if (!command.Roles.HasFlag(ActorRoles.Administrator))
                {
                    UserRules.EnsureNotSelf(actor, user.Id, "You cannot take away your own administrator role.");
                }

                InvalidInputException.ThrowIfAny(await UserRules.CheckProfileAsync(s.Db, command.DisplayName, command.Roles, command.UnitIds ?? [], ct));
                var before = await s.StateAsync(user, ct);
                user.DisplayName = command.DisplayName!.Trim();
                Account.IdentityErrorText.ThrowIfFailed(await s.Users.UpdateAsync(user));
                await s.AssignAsync(user, command.Roles, command.UnitIds ?? [], ct);
                Account.IdentityErrorText.ThrowIfFailed(await s.Users.UpdateSecurityStampAsync(user));
                return (true, new { before, after = await s.StateAsync(user, ct) });
            }, ct);
        }
    }
}
