using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CompetitivePosts.Web.Data;

/// <summary>Puts the organizer's unit and display name in the cookie, so handlers need no extra query.</summary>
public sealed class AppClaimsPrincipalFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AppClaims.DisplayName, user.DisplayName));
        if (user.UnitId is { } unit)
        {
            identity.AddClaim(new Claim(AppClaims.UnitId, unit.ToString(CultureInfo.InvariantCulture)));
        }

        return identity;
    }
}
