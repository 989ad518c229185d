using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitivePosts.Web.Tests.Features.Accounts;

[Collection(AppTests.Name)]
public class AccountBootstrapTests(AppFixture app)
{
    [Fact]
    public async Task Startup_ProductionSettingsWithAdminPassword_CreatesOnlyTheAdministrator()
    {
        // A fresh database with the production defaults: no demo, only Admin:Password.
        await using var factory = new AppFactory(app.Postgres.ConnectionString("prod_" + Guid.NewGuid().ToString("N")[..8]));
        using var configured = factory.WithWebHostBuilder(b => b
            .UseSetting("Demo:Seed", "false")
            .UseSetting("Admin:UserName", "root-admin")
            .UseSetting("Admin:Password", "Strong@Pass1"));
        using var scope = configured.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

        var admin = await users.FindByNameAsync("root-admin");

        Assert.NotNull(admin);
        Assert.True(await users.IsInRoleAsync(admin, Roles.Administrator));
        Assert.True(await users.CheckPasswordAsync(admin, "Strong@Pass1"));
        Assert.Null(await users.FindByNameAsync("organizer"));
        await using var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        Assert.False(await db.Units.AnyAsync());
    }
}
