using System.Security.Cryptography;

namespace CompetitivePosts.Web.Features.Security;

/// <summary>
/// Headers on every response. The Content-Security-Policy allows scripts only from this site and
/// those carrying this request's nonce (Blazor's import map), never eval; styles may be inline
/// because MudBlazor sets style attributes and writes its theme as a style element.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "cp:csp-nonce";

    /// <summary>The nonce of this request's inline scripts (App.razor puts it on the import map).</summary>
    public static string Nonce(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items[NonceKey] as string ?? "";
    }

    public static string ContentSecurityPolicy(string nonce) =>
        "default-src 'self'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; " +
        "font-src 'self' data:; " +
        // 'self' covers the Blazor circuit's and the hubs' WebSocket on the same host.
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            // Razor writes '+' in an attribute as "&#x2B;": the browser decodes it, but the page's nonce then
            // differs as text from the header's, so draw again until the nonce has none (about 1 in 3 has one).
            string nonce;
            do
            {
                nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            }
            while (nonce.Contains('+', StringComparison.Ordinal));
            context.Items[NonceKey] = nonce;
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy(nonce);
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                // Ballot links carry their token in the path: no page may pass it on as a referrer.
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Cross-Origin-Resource-Policy"] = "same-origin";
                // Pages carry names, votes and tokens; static files set their own caching.
                if (!headers.ContainsKey("Cache-Control"))
                {
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            await next();
        });
}
