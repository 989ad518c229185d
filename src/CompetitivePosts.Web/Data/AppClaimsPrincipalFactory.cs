using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CompetitivePosts.Web.Data;

/// <summary>
/// Puts the organizer's units and display name in the cookie, so handlers need no extra query. An
/// administrator's change to roles or units moves the security stamp, which ends the old cookie.
/// </summary>
public sealed class AppClaimsPrincipalFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options,
    AppDbContext db)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AppClaims.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(AppClaims.Session, NewSessionId()));
        var units = await db.UserUnits.AsNoTracking().Where(u => u.UserId == user.Id).Select(u => u.UnitId).OrderBy(u => u).ToListAsync();
        foreach (var unit in units)
        {
            identity.AddClaim(new Claim(AppClaims.UnitId, unit.ToString(CultureInfo.InvariantCulture)));
        }

        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(AppClaims.MustChangePassword, "1"));
        }

        return identity;
    }

    private static string NewSessionId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}
