using CompetitivePosts.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CompetitivePosts.Web.Tests.Infrastructure;

/// <summary>The app on a real Kestrel port over a real PostgreSQL, seeded with the demo unit.</summary>
public sealed class AppFactory(string connectionString, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        // UseSetting, not ConfigureAppConfiguration: Program reads the connection string while building.
        builder.UseSetting("ConnectionStrings:Default", connectionString);
        builder.UseSetting("Database:Migrate", "true");
        builder.UseSetting("Demo:Seed", "true");
        // The suite signs in far more often than a person; RateLimitTests starts its own instance with low limits.
        builder.UseSetting("RateLimits:LoginPermitLimit", "100000");
        builder.UseSetting("RateLimits:BallotPermitLimit", "100000");
        // Sessions notice a disabled account or changed roles within seconds instead of a minute.
        builder.UseSetting("Security:RevalidateSeconds", "2");
        builder.UseEnvironment("Development");
    }
}

/// <summary>
/// One PostgreSQL, one app and one Chromium for the whole test run; each test makes its own
/// competition so tests do not see each other's data.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    public static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private PostgresServer? _postgres;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    // Tests in one collection run one at a time, so launching the browser needs no lock.

    public AppFactory Factory { get; private set; } = null!;

    public PostgresServer Postgres => _postgres!;

    public Uri BaseUri { get; private set; } = null!;

    public IServiceProvider Services => Factory.Services;

    public async Task InitializeAsync()
    {
        _postgres = await PostgresServer.StartAsync();
        Factory = new AppFactory(_postgres.ConnectionString("competitiveposts"));
        BaseUri = Serve(Factory);
    }

    /// <summary>Starts a factory's app on a free Kestrel port and returns its address.</summary>
    public static Uri Serve(AppFactory factory, int port = 0)
    {
        ArgumentNullException.ThrowIfNull(factory);
        factory.UseKestrel(port);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal) + "/");
    }

    public async Task<IBrowser> BrowserAsync()
    {
        if (_browser is null)
        {
            // Playwright's 5 s default for Expect fails pages that are right but slow when the 2 cores
            // are shared with other builds; a wait only lasts as long as the page is not yet right.
            Assertions.SetDefaultExpectTimeout(15_000);
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = "/usr/bin/chromium",
                Headless = true,
                Args = ChromiumArgs,
            });
        }

        return _browser;
    }

    public AppDbContext NewDb() => Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Factory.DisposeAsync();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

    }
}

[CollectionDefinition(Name)]
public sealed class AppTests : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}
