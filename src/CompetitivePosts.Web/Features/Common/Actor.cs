using System.Globalization;
using System.Security.Claims;
using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Audit;
using CompetitivePosts.Web.Data;

namespace CompetitivePosts.Web.Features.Common;

/// <summary>Who is acting, as handlers need it: roles and the one unit an organizer may manage.</summary>
public sealed record Actor(string Name, bool IsAdministrator, bool IsOrganizer, bool IsReviewer, int? UnitId, string? UserId = null)
{
    /// <summary>How the audit trail names this actor.</summary>
    public AuditWho Who => new(UserId, Name);

    public static Actor From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var unit = user.FindFirst(AppClaims.UnitId)?.Value;
        return new Actor(
            user.FindFirst(AppClaims.DisplayName)?.Value ?? user.Identity?.Name ?? "",
            user.IsInRole(Roles.Administrator),
            user.IsInRole(Roles.Organizer),
            user.IsInRole(Roles.Reviewer),
            unit is null ? null : int.Parse(unit, CultureInfo.InvariantCulture),
            user.FindFirst(ClaimTypes.NameIdentifier)?.Value);
    }

    public bool CanManage(int unitId) => IsAdministrator || (IsOrganizer && UnitId == unitId);

    /// <summary>Reviewers see every unit; organizers only their own.</summary>
    public bool CanView(int unitId) => CanManage(unitId) || IsReviewer;

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

    public void EnsureReviewer()
    {
        if (!IsReviewer && !IsAdministrator)
        {
            throw new DomainException("Only the organization department may review filings.");
        }
    }
}
