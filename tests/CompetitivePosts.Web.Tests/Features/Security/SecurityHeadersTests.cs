using System.Net;
using System.Text.RegularExpressions;
using CompetitivePosts.Web.Tests.Infrastructure;

namespace CompetitivePosts.Web.Tests.Features.Security;

/// <summary>Every kind of response carries the security headers; the CSP never allows eval and its nonce is per request.</summary>
[Collection(AppTests.Name)]
public partial class SecurityHeadersTests(AppFixture app)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/account/login")]
    [InlineData("/b/no-such-token")]
    [InlineData("/health")]
    [InlineData("/not-found")]
    public async Task Response_AnyPage_CarriesTheSecurityHeaders(string url)
    {
        using var session = new WebSession(app.BaseUri);

        using var response = await session.Http.GetAsync(url);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Matches("script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}';", csp);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Csp_Nonce_IsNewForEachPageAndMarksItsImportMap()
    {
        using var session = new WebSession(app.BaseUri);

        using var first = await session.Http.GetAsync("/");
        using var second = await session.Http.GetAsync("/");
        var html = await first.Content.ReadAsStringAsync();

        var nonce = Nonce().Match(first.Headers.GetValues("Content-Security-Policy").Single()).Groups[1].Value;
        Assert.NotEqual(nonce, Nonce().Match(second.Headers.GetValues("Content-Security-Policy").Single()).Groups[1].Value);
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\"", html, StringComparison.Ordinal);
        // control: a static file keeps its own cache rules; only pages are no-store.
        using var css = await session.Http.GetAsync("/app.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.NotEqual(true, css.Headers.CacheControl?.NoStore);
    }

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex Nonce();
}
