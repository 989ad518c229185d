using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Localization;

namespace CompetitivePosts.Web.Features.Security;

/// <summary>
/// The small page sent when a request is refused before any page runs (too many requests, too large,
/// a stale form): a clear sentence in the user's language, and a way back.
/// </summary>
internal static class StatusPage
{
    public static async Task WriteAsync(HttpContext context, int status, string titleKey, string messageKey, params object[] args)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Response.HasStarted)
        {
            return;
        }

        var l = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        // The app's encoder leaves Chinese as UTF-8 (Program.cs) and still encodes markup.
        var html = context.RequestServices.GetRequiredService<HtmlEncoder>();
        var title = html.Encode(l[titleKey]);
        var message = html.Encode(l[messageKey, args]);
        var back = html.Encode(l["Back to the start page"]);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        var lang = CultureInfo.CurrentUICulture.Name;
        await context.Response.WriteAsync(
            $"""
            <!DOCTYPE html>
            <html lang="{lang}"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1.0" />
            <title>{title}</title><link rel="stylesheet" href="/app.css" /></head>
            <body class="status-page"><main class="bare"><div class="ballot-message" data-testid="status-{status}" data-status="{status}"><h1>{title}</h1><p>{message}</p>
            <p><a href="/">{back}</a></p></div></main></body></html>
            """, context.RequestAborted);
    }
}
