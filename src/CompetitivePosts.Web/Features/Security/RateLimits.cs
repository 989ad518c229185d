using System.Globalization;
using System.Threading.RateLimiting;
using CompetitivePosts.Web.Features.Common;
using Microsoft.AspNetCore.RateLimiting;

namespace CompetitivePosts.Web.Features.Security;

/// <summary>Settings under "RateLimits": requests per client IP address in a fixed window.</summary>
public sealed class RateLimitOptions
{
    /// <summary>GET and POST of /b/{token} together. A voter needs two or three.</summary>
    public int BallotPermitLimit { get; set; } = 60;

    public int BallotWindowSeconds { get; set; } = 60;

    /// <summary>Sign-in and password-change form posts (showing the form is not counted).</summary>
    public int LoginPermitLimit { get; set; } = 10;

    public int LoginWindowSeconds { get; set; } = 60;
}

/// <summary>
/// Named rate-limit policies that pages declare with <c>[EnableRateLimiting(...)]</c>. Partitioned by
/// client IP address: behind a reverse proxy, forwarded headers must be configured or every client
/// shares the proxy's address (docs/security.md).
/// </summary>
public static class RateLimits
{
    public const string Ballot = "ballot";
    public const string Login = "login";

    public static IServiceCollection AddAppRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = services.AddSettings<RateLimitOptions>(configuration, "RateLimits");
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? (int)Math.Ceiling(retry.TotalSeconds) : 60;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await StatusPage.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests,
                    "Too many requests", "Too many requests from this device. Wait {0} seconds and try again.", seconds);
            };
            o.AddPolicy(Ballot, http => PerAddress(http, settings.BallotPermitLimit, settings.BallotWindowSeconds));
            o.AddPolicy(Login, http => HttpMethods.IsPost(http.Request.Method)
                ? PerAddress(http, settings.LoginPermitLimit, settings.LoginWindowSeconds)
                : RateLimitPartition.GetNoLimiter("show"));
        });
        return services;
    }

    private static RateLimitPartition<string> PerAddress(HttpContext http, int permits, int windowSeconds) =>
        RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, permits),
                Window = TimeSpan.FromSeconds(Math.Max(1, windowSeconds)),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
}
