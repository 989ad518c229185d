using System.Net;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CompetitivePosts.Web.Tests.Features.Security;

/// <summary>
/// Another instance of the app on the same database, in memory, with its own settings: a restart, a
/// second server behind a load balancer, or an instance with low rate limits.
/// </summary>
public sealed class SecondInstance : IAsyncDisposable
{
    private readonly AppFactory _factory;
    private readonly WebApplicationFactory<Program> _configured;

    public SecondInstance(AppFixture app, params (string Key, string Value)[] settings)
    {
        ArgumentNullException.ThrowIfNull(app);
        _factory = new AppFactory(app.Postgres.ConnectionString("competitiveposts"));
        _configured = _factory.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });
        Http = _configured.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        Browser = _configured.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
    }

    /// <summary>Keeps no cookies: each request carries only what the test gives it.</summary>
    public HttpClient Http { get; }

    /// <summary>Keeps its cookies, like a browser (the antiforgery cookie of a form it opened).</summary>
    public HttpClient Browser { get; }

    public IServiceProvider Services => _configured.Services;

    /// <summary>A request carrying cookies that another instance set.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, CookieContainer cookies, Uri cookiesFor, HttpContent? content = null)
    {
        ArgumentNullException.ThrowIfNull(cookies);
        using var request = new HttpRequestMessage(method, url) { Content = content };
        var header = cookies.GetCookieHeader(cookiesFor);
        if (header.Length > 0)
        {
            request.Headers.Add("Cookie", header);
        }

        return await Http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Browser.Dispose();
        await _configured.DisposeAsync();
        await _factory.DisposeAsync();
    }
}
