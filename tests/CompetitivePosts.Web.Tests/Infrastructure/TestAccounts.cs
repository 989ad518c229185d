using CompetitivePosts.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitivePosts.Web.Tests.Infrastructure;

/// <summary>Accounts the demo does not have, created directly through Identity for the tests that need them.</summary>
public static class TestAccounts
{
    public const string OtherUnitName = "保定市财政局";

    /// <summary>The organizer of the demo's second unit: the "organizer of another unit" of the matrix.</summary>
    public const string OtherOrganizer = "m-organizer-other";

    /// <summary>A user name no other test uses.</summary>
    public static string NewName(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    public static async Task<int> OtherUnitIdAsync(this AppFixture app)
    {
        await using var db = app.NewDb();
        return await db.Units.Where(u => u.Name == OtherUnitName).Select(u => u.Id).SingleAsync();
    }

    /// <summary>Creates the account once (with the demo password, nothing to change) and returns its id.</summary>
    public static async Task<string> EnsureAsync(this AppFixture app, string userName, string role, params int[] unitIds)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync(userName) is { } existing)
        {
            return existing.Id;
        }

        var user = new AppUser { UserName = userName, DisplayName = "测试-" + userName, EmailConfirmed = true };
        foreach (var unit in unitIds)
        {
            user.Units.Add(new UserUnit { UnitId = unit });
        }

        Check(await users.CreateAsync(user, DemoSeeder.Password));
        Check(await users.AddToRoleAsync(user, role));
        return user.Id;
    }

    public static async Task<string> EnsureOtherOrganizerAsync(this AppFixture app) =>
        await app.EnsureAsync(OtherOrganizer, Roles.Organizer, await app.OtherUnitIdAsync());

    public static async Task<string> UserIdAsync(this AppFixture app, string userName)
    {
        await using var db = app.NewDb();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
