using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Common;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace CompetitivePosts.Web.Features.Account;

internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A cross-site form cannot sign anyone out: the antiforgery gate answers a missing or stale token with 400.
        // Signing out also moves the security stamp, so a copy of the cookie (a shared computer, a stolen
        // cookie) stops working at its next check instead of living until it expires.
        endpoints.MapPost("/account/logout", async (SignInManager<AppUser> signIn, HttpContext http) =>
            {
                if (await signIn.UserManager.GetUserAsync(http.User) is { } user)
                {
                    await signIn.UserManager.UpdateSecurityStampAsync(user);
                }

                await signIn.SignOutAsync();
                return Results.LocalRedirect("/");
            })
            .RequireAuthorization(Policies.SignedIn)
            .WithMetadata(new RequireAntiforgeryTokenAttribute());

        endpoints.MapGet("/culture", (HttpContext http, [FromQuery] string? c, [FromQuery] string? r) =>
        {
            var culture = c == "en-US" ? "en-US" : "zh-CN";
            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = false, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect(SafeReturn(r));
        }).AllowAnonymous();
    }

    /// <summary>Only local paths, so the switch cannot be used as an open redirect.</summary>
    internal static string SafeReturn(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
