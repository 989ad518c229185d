using Microsoft.AspNetCore.Identity;

namespace CompetitivePosts.Web.Data;

/// <summary>Roles and accounts created at start-up: the demo's, or a production administrator's.</summary>
public sealed class AccountSeeder(UserManager<AppUser> users, RoleManager<IdentityRole> roles)
{
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }
        }
    }

    /// <summary>Creates the account if it is missing; an existing account is left as it is.</summary>
    public async Task EnsureUserAsync(string userName, string displayName, string role, string password, int? unitId)
    {
        if (await users.FindByNameAsync(userName) is not null)
        {
            return;
        }

        var user = new AppUser { UserName = userName, DisplayName = displayName, EmailConfirmed = true };
        if (unitId is { } unit)
        {
            user.Units.Add(new UserUnit { UnitId = unit });
        }

        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, role));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
