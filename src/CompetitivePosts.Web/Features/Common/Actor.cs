using System.Globalization;
using System.Security.Claims;
using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Audit;
using CompetitivePosts.Web.Data;

namespace CompetitivePosts.Web.Features.Common;

/// <summary>The roles an account may hold; an account may hold several (docs/security.md).</summary>
[Flags]
public enum ActorRoles
{
    None = 0,
    Administrator = 1,
    Organizer = 2,
    Reviewer = 4,
    Observer = 8,
}

/// <summary>
/// Who is acting, as handlers need it: roles and the units an organizer may manage. The rules of who
/// may do what on a unit's data live here; the page- and hub-level declarations are in <see cref="Policies"/>.
/// </summary>
public sealed record Actor
{
    public Actor(string name, ActorRoles roles, IEnumerable<int> unitIds, string? userId = null)
    {
        ArgumentNullException.ThrowIfNull(unitIds);
        Name = name;
        Roles = roles;
        UnitIds = unitIds.ToHashSet();
        UserId = userId;
    }

    /// <summary>The foundation's shape, kept so that code written against it still compiles.</summary>
    public Actor(string name, bool isAdministrator, bool isOrganizer, bool isReviewer, int? unitId, string? userId = null)
        : this(name,
            (isAdministrator ? ActorRoles.Administrator : ActorRoles.None)
            | (isOrganizer ? ActorRoles.Organizer : ActorRoles.None)
            | (isReviewer ? ActorRoles.Reviewer : ActorRoles.None),
            unitId is { } u ? [u] : [], userId)
    {
    }

    /// <summary>Nobody signed in: may see and change nothing.</summary>
    public static Actor Anonymous { get; } = new("", ActorRoles.None, []);

    public string Name { get; }

    public ActorRoles Roles { get; }

    /// <summary>The units an organizer may manage.</summary>
    public IReadOnlySet<int> UnitIds { get; }

    public string? UserId { get; }

    public bool IsAdministrator => Roles.HasFlag(ActorRoles.Administrator);

    public bool IsOrganizer => Roles.HasFlag(ActorRoles.Organizer);

    public bool IsReviewer => Roles.HasFlag(ActorRoles.Reviewer);

    /// <summary>纪检: sees every unit, changes nothing.</summary>
    public bool IsObserver => Roles.HasFlag(ActorRoles.Observer);

    /// <summary>How the audit trail names this actor.</summary>
    public AuditWho Who => new(UserId, Name);

    /// <summary>Reviewers, observers and administrators see every unit's competitions; nobody else sees another unit's.</summary>
    public bool SeesEveryUnit => IsReviewer || IsObserver || IsAdministrator;

    public static Actor From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return Anonymous;
        }

        var roles = ActorRoles.None;
        foreach (var (name, role) in RoleNames)
        {
            if (user.IsInRole(name))
            {
                roles |= role;
            }
        }

        return new Actor(
            user.FindFirst(AppClaims.DisplayName)?.Value ?? user.Identity?.Name ?? "",
            roles,
            user.FindAll(AppClaims.UnitId).Select(c => int.Parse(c.Value, CultureInfo.InvariantCulture)),
            user.FindFirst(ClaimTypes.NameIdentifier)?.Value);
    }

    /// <summary>The Identity role name of each flag.</summary>
    public static IReadOnlyList<(string Name, ActorRoles Role)> RoleNames { get; } =
    [
        (Data.Roles.Administrator, ActorRoles.Administrator),
        (Data.Roles.Organizer, ActorRoles.Organizer),
        (Data.Roles.Reviewer, ActorRoles.Reviewer),
        (Data.Roles.Observer, ActorRoles.Observer),
    ];

    /// <summary>
    /// Only an organizer assigned to the unit runs its competitions. An administrator manages accounts
    /// and units but does not run a unit's competition unless also made its organizer (ADR 0013).
    /// </summary>
    public bool CanManage(int unitId) => IsOrganizer && UnitIds.Contains(unitId);

    public bool CanView(int unitId) => SeesEveryUnit || CanManage(unitId);

    public void EnsureCanManage(int unitId)
    {
        if (!CanManage(unitId))
        {
            throw new DomainException("You may not manage this unit's competition.");
        }
    }

    public void EnsureCanView(int unitId)
    {
        if (!CanView(unitId))
        {
            throw new DomainException("You may not see this unit's competition.");
        }
    }

    /// <summary>Accepting or refusing a filing is the organization department's alone.</summary>
    public void EnsureReviewer()
    {
        if (!IsReviewer)
        {
            throw new DomainException("Only the organization department may review filings.");
        }
    }

    /// <summary>Every unit's filings are read by the organization department, 纪检 and administrators.</summary>
    public void EnsureCanReadFilings()
    {
        if (!SeesEveryUnit)
        {
            throw new DomainException("Only the organization department may review filings.");
        }
    }

    public void EnsureAdministrator()
    {
        if (!IsAdministrator)
        {
            throw new DomainException("Only an administrator may manage accounts.");
        }
    }
}
