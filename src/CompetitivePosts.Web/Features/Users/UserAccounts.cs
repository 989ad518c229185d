using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Audit;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Users;

public sealed record UnitChoice(int Id, string Name);

public sealed record UserRow(string Id, string UserName, string DisplayName, ActorRoles Roles, IReadOnlyList<UnitChoice> Units,
    bool IsDisabled, DateTimeOffset? LockedUntil, bool MustChangePassword, int FailedSignIns, string ConcurrencyStamp);

/// <summary>What an account change records on the system chain: never a password or a hash.</summary>
public sealed record AccountState(string UserName, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<int> Units, bool Disabled);

/// <summary>
/// The one way account use cases change accounts: a fresh DI scope (Identity's UserManager saves
/// through that scope's AppDbContext), one transaction, and the audit entry on the system chain
/// committed with the change. A refused rule rolls everything back.
/// </summary>
public sealed class AccountChanges(IServiceScopeFactory scopes, TimeProvider clock)
{
    public async Task<T> RunAsync<T>(Actor actor, string action, Func<AccountScope, Task<(T Result, object Detail)>> change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(change);
        actor.EnsureAdministrator();
        await using var scope = scopes.CreateAsyncScope();
        return await RunInAsync(scope.ServiceProvider, actor, action, change, ct);
    }

    /// <summary>
    /// For changes a user makes to their own account (their password), in the request's own scope, so
    /// that the page can renew the sign-in from the account as it now is. The caller has checked who they are.
    /// </summary>
    internal Task<T> RunAsSelfAsync<T>(IServiceProvider requestServices, Actor actor, string action,
        Func<AccountScope, Task<(T Result, object Detail)>> change, CancellationToken ct) =>
        RunInAsync(requestServices, actor, action, change, ct);

    private async Task<T> RunInAsync<T>(IServiceProvider services, Actor actor, string action,
        Func<AccountScope, Task<(T Result, object Detail)>> change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(change);
        var db = services.GetRequiredService<AppDbContext>();
        db.Clock = clock;
        var users = services.GetRequiredService<UserManager<AppUser>>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (result, detail) = await change(new AccountScope(db, users, actor));
        db.Audit(AuditEntry.SystemChain, actor.Who, action, detail);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return result;
    }
}

/// <summary>The services one account change works with, all on the same connection and transaction.</summary>
public sealed record AccountScope(AppDbContext Db, UserManager<AppUser> Users, Actor Actor)
{
    public async Task<AppUser> FindAsync(string userId, CancellationToken ct) =>
        await Users.FindByIdAsync(userId) ?? throw new DomainException("No such account.");

    public async Task<AccountState> StateAsync(AppUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var roles = (await Users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
        var units = await Db.UserUnits.Where(u => u.UserId == user.Id).Select(u => u.UnitId).OrderBy(u => u).ToListAsync(ct);
        return new AccountState(user.UserName ?? "", user.DisplayName, roles, units, user.IsDisabled);
    }

    /// <summary>Roles and units as the administrator chose them; units only for organizers.</summary>
    public async Task AssignAsync(AppUser user, ActorRoles roles, IReadOnlyCollection<int> unitIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(unitIds);
        var wanted = Actor.RoleNames.Where(r => roles.HasFlag(r.Role)).Select(r => r.Name).ToList();
        var current = await Users.GetRolesAsync(user);
        var remove = current.Except(wanted).ToList();
        var add = wanted.Except(current).ToList();
        if (remove.Count > 0)
        {
            Account.IdentityErrorText.ThrowIfFailed(await Users.RemoveFromRolesAsync(user, remove));
        }

        if (add.Count > 0)
        {
            Account.IdentityErrorText.ThrowIfFailed(await Users.AddToRolesAsync(user, add));
        }

        var units = roles.HasFlag(ActorRoles.Organizer) ? unitIds.ToHashSet() : [];
        var existing = await Db.UserUnits.Where(u => u.UserId == user.Id).ToListAsync(ct);
        Db.UserUnits.RemoveRange(existing.Where(u => !units.Contains(u.UnitId)));
        Db.UserUnits.AddRange(units.Where(id => existing.All(u => u.UnitId != id)).Select(id => new UserUnit { UserId = user.Id, UnitId = id }));
        await Db.SaveChangesAsync(ct);
    }
}

/// <summary>The rules an account's profile follows, checked all at once so every wrong field is reported.</summary>
public static class UserRules
{
    public const int MaxDisplayName = 50;

    public static async Task<List<FieldError>> CheckProfileAsync(AppDbContext db, string? displayName, ActorRoles roles,
        IReadOnlyCollection<int> unitIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(unitIds);
        var errors = new List<FieldError>();
        var name = displayName?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add(new("Display name", new DomainException("Enter the name shown for this account.")));
        }
        else if (name.Length > MaxDisplayName)
        {
            errors.Add(new("Display name", new DomainException("Text is longer than {0} characters.", MaxDisplayName)));
        }

        if (roles == ActorRoles.None || (roles & ~(ActorRoles.Administrator | ActorRoles.Organizer | ActorRoles.Reviewer | ActorRoles.Observer)) != 0)
        {
            errors.Add(new("Roles", new DomainException("Choose at least one role.")));
        }

        if (roles.HasFlag(ActorRoles.Organizer))
        {
            var ids = unitIds.Distinct().ToArray();
            if (ids.Length == 0)
            {
                errors.Add(new("Units", new DomainException("An organizer needs at least one unit.")));
            }
            else if (await db.Units.CountAsync(u => ids.Contains(u.Id), ct) != ids.Length)
            {
                errors.Add(new("Units", new DomainException("No such unit.")));
            }
        }

        return errors;
    }

    /// <summary>An administrator cannot lock themself out: there is always one left who can undo a mistake.</summary>
    public static void EnsureNotSelf(Actor actor, string userId, string messageKey)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.UserId == userId)
        {
            throw new DomainException(messageKey);
        }
    }
}

/// <summary>Reads accounts for the administrator's pages.</summary>
public sealed class UserQueries(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.EnsureAdministrator();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .AsNoTracking().ToListAsync(ct);
        var units = await (from uu in db.UserUnits join u in db.Units on uu.UnitId equals u.Id select new { uu.UserId, u.Id, u.Name })
            .AsNoTracking().ToListAsync(ct);
        var now = clock.GetUtcNow();
        return [.. users.Select(u => new UserRow(
            u.Id, u.UserName ?? "", u.DisplayName,
            Actor.RoleNames.Where(r => roles.Any(x => x.UserId == u.Id && x.Name == r.Name)).Aggregate(ActorRoles.None, (a, r) => a | r.Role),
            [.. units.Where(x => x.UserId == u.Id).OrderBy(x => x.Name, StringComparer.Ordinal).Select(x => new UnitChoice(x.Id, x.Name))],
            u.IsDisabled, u.LockoutEnd > now ? u.LockoutEnd : null, u.MustChangePassword, u.AccessFailedCount, u.ConcurrencyStamp ?? ""))];
    }

    public async Task<UserRow> GetAsync(Actor actor, string userId, CancellationToken ct = default) =>
        (await ListAsync(actor, ct)).FirstOrDefault(u => u.Id == userId) ?? throw new DomainException("No such account.");

    public async Task<IReadOnlyList<UnitChoice>> UnitsAsync(Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.EnsureAdministrator();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Units.AsNoTracking().OrderBy(u => u.Name).Select(u => new UnitChoice(u.Id, u.Name)).ToListAsync(ct);
    }
}
