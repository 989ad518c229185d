using System.Net;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace CompetitivePosts.Web.Tests.Features.Health;

[Collection(AppTests.Name)]
public class HealthTests(AppFixture app)
{
    [Fact]
    public async Task Health_DatabaseReachable_Returns200()
    {
        using var client = new HttpClient { BaseAddress = app.BaseUri };

        var response = await client.GetAsync(new Uri("health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Health_DatabaseUnreachable_Returns503()
    {
        // Port 1 on loopback: nothing listens, so the check must report the database down.
        await using var factory = new AppFactory("Host=127.0.0.1;Port=1;Database=none;Username=postgres;Timeout=2");
        using var client = factory.WithWebHostBuilder(b => b.UseSetting("Database:Migrate", "false").UseSetting("Demo:Seed", "false"))
            .CreateClient();

        var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Favicon_Requested_IsServedAsAnImageAndLinkedFromPages()
    {
        using var client = new HttpClient { BaseAddress = app.BaseUri };

        using var icon = await client.GetAsync(new Uri("/favicon.ico", UriKind.Relative));
        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.StartsWith("image/", icon.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.True((await icon.Content.ReadAsByteArrayAsync()).Length > 100);
        Assert.Matches(@"<link rel=""icon""[^>]*href=""favicon[^""]*\.ico""", html);
    }

    [Fact]
    public async Task Health_DatabaseReachable_ReportsHealthyAsJson()
    {
        using var client = new HttpClient { BaseAddress = app.BaseUri };

        var json = await client.GetStringAsync(new Uri("/health", UriKind.Relative));

        using var doc = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal("Healthy", doc.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", doc.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Home_Anonymous_ServesChinesePageByDefault()
    {
        using var client = new HttpClient { BaseAddress = app.BaseUri };

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/", UriKind.Relative)));

        Assert.Contains("lang=\"zh-CN\"", html, StringComparison.Ordinal);
        Assert.Contains("登录", html, StringComparison.Ordinal);
    }
}
