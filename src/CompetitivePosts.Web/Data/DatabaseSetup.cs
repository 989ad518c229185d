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

/// <summary>
/// /health is 200 only while PostgreSQL answers a query: opening a pooled connection proves
/// nothing during an outage, since the pool hands out connections the server already dropped.
/// </summary>
internal sealed class DatabaseHealthCheck(IDbContextFactory<AppDbContext> dbFactory) : IHealthCheck
{
    // A load balancer asks every few seconds; an answer later than this is an outage too.
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Limit);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(timeout.Token);
            await db.Database.ExecuteSqlRawAsync("SELECT 1", timeout.Token);
            return HealthCheckResult.Healthy("database answers");
        }
#pragma warning disable CA1031 // Any failure to reach the database is an unhealthy answer, not a crash.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("database unreachable", ex);
        }
    }

    /// <summary>The answer as JSON: overall status and each check's, never the exception text.</summary>
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
    }
}
