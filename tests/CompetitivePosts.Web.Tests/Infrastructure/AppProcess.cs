using System.Diagnostics;
using System.Globalization;

namespace CompetitivePosts.Web.Tests.Infrastructure;

/// <summary>
/// The built app as a child process of its own on a free loopback port, so a test can kill it
/// with SIGKILL mid-request, which an in-process host cannot be.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _log = [];

    private AppProcess(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    /// <summary>The app's console output so far, for a failure message.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return string.Join('\n', _log.TakeLast(40));
            }
        }
    }

    /// <summary>The app's assembly as the build left it beside its runtimeconfig.json, in the test project's configuration.</summary>
    public static string BuiltDll { get; } = Path.Combine(Repository.Root, "src", "CompetitivePosts.Web", "bin",
        AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release", "net10.0", "CompetitivePosts.Web.dll");

    /// <summary>Starts the app the test project was built beside (same configuration) and waits until /health answers 200.</summary>
    public static async Task<AppProcess> StartAsync(string connectionString, int port = 0)
    {
        var dll = BuiltDll;
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing; build the solution first (deploy/test.sh does).");
        }

        port = port == 0 ? PostgresServer.FreePort() : port;
        var baseUri = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.ArgumentList.Add(dll);
        psi.Environment["ASPNETCORE_URLS"] = baseUri.ToString().TrimEnd('/');
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        psi.Environment["ConnectionStrings__Default"] = connectionString;
        // The suite's in-process app has migrated and seeded the database already.
        psi.Environment["Database__Migrate"] = "false";
        psi.Environment["Demo__Seed"] = "false";
        // Every tablet of the test shares 127.0.0.1, as a hall behind one NAT address would.
        psi.Environment["RateLimits__BallotPermitLimit"] = "100000";
        psi.Environment["Logging__LogLevel__Default"] = "Warning";

        var process = Process.Start(psi)!;
        var app = new AppProcess(process, baseUri);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                using var health = await http.GetAsync(new Uri("health", UriKind.Relative));
                if (health.IsSuccessStatusCode)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        var log = app.Log;
        await app.DisposeAsync();
        throw new InvalidOperationException($"The app did not answer /health on {baseUri}:\n{log}");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, requests in flight cut off.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Add(line);
        }
    }
}
