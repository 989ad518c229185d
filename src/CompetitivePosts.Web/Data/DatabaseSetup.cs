using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CompetitivePosts.Web.Data;

internal static class DatabaseSetup
{
    /// <summary>Applies migrations when Database:Migrate is true and seeds the demo when Demo:Seed is true.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var migrate = app.Configuration.GetValue<bool>("Database:Migrate");
        var seed = app.Configuration.GetValue<bool>("Demo:Seed");
        if (!migrate && !seed && string.IsNullOrEmpty(app.Configuration["Admin:Password"]))
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        if (migrate)
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            await db.Database.MigrateAsync();
        }

        var accounts = scope.ServiceProvider.GetRequiredService<AccountSeeder>();
        await accounts.EnsureRolesAsync();

        // Production has no demo accounts; its first administrator comes from Admin:Password.
        if (app.Configuration["Admin:Password"] is { Length: > 0 } adminPassword)
        {
            await accounts.EnsureUserAsync(app.Configuration["Admin:UserName"] ?? "admin", "系统管理员", Roles.Administrator, adminPassword, null);
        }

        if (seed)
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
        }
    }
}

/// <summary>/health is 200 only while PostgreSQL answers.</summary>
internal sealed class DatabaseHealthCheck(IDbContextFactory<AppDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("database unreachable");
        }
#pragma warning disable CA1031 // Any failure to reach the database is an unhealthy answer, not a crash.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("database unreachable", ex);
        }
    }
}
