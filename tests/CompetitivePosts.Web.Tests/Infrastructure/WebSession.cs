using System.Net;
using System.Text.RegularExpressions;
using CompetitivePosts.Web.Data;

namespace CompetitivePosts.Web.Tests.Infrastructure;

/// <summary>
/// A browser without a browser: an HttpClient with its own cookies against the real Kestrel port,
/// which signs in through the real sign-in form (antiforgery token included) and does not follow
/// redirects, so tests see where the server sends it.
/// </summary>
public sealed partial class WebSession : IDisposable
{
    private readonly HttpClientHandler _handler;

    public WebSession(Uri baseUri)
    {
        _handler = new HttpClientHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = false };
        Http = new HttpClient(_handler) { BaseAddress = baseUri };
    }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Http { get; }

    public static Task<WebSession> SignInAsync(AppFixture app, string userName, string password = DemoSeeder.Password)
    {
        ArgumentNullException.ThrowIfNull(app);
        return SignInAsync(app.BaseUri, userName, password);
    }

    /// <summary>Signs in on the app at <paramref name="baseUri"/> (one of several instances, say).</summary>
    public static async Task<WebSession> SignInAsync(Uri baseUri, string userName, string password = DemoSeeder.Password)
    {
        var session = new WebSession(baseUri);
        var response = await session.SubmitAsync("/account/login", "login", new() { ["Form.UserName"] = userName, ["Form.Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            session.Dispose();
            throw new InvalidOperationException($"Sign-in of {userName} answered {(int)response.StatusCode}: {Shorten(await response.Content.ReadAsStringAsync())}");
        }

        return session;
    }

    /// <summary>Opens the page, takes the named form's hidden fields (antiforgery token, handler) and posts it with <paramref name="fields"/>.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string pageUrl, string formName, Dictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var page = await Http.GetStringAsync(pageUrl);
        var form = HiddenFields(page);
        form["_handler"] = formName;
        foreach (var (k, v) in fields)
        {
            form[k] = v;
        }

        return await Http.PostAsync(pageUrl, new FormUrlEncodedContent(form));
    }

    /// <summary>The hidden inputs of a page, as Blazor renders them (antiforgery token, form handler).</summary>
    public static Dictionary<string, string> HiddenFields(string html)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in HiddenInput().Matches(html))
        {
            var tag = m.Value;
            var name = NameAttr().Match(tag);
            var value = ValueAttr().Match(tag);
            if (name.Success)
            {
                fields[WebUtility.HtmlDecode(name.Groups[1].Value)] = value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : "";
            }
        }

        return fields;
    }

    public static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;

    public void Dispose()
    {
        Http.Dispose();
        _handler.Dispose();
    }

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenInput();

    [GeneratedRegex("name=\"([^\"]*)\"")]
    private static partial Regex NameAttr();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueAttr();
}
