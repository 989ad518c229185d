using System.Diagnostics;
using System.Globalization;

namespace CompetitivePosts.Bench;

/// <summary>
/// The published app as the kill test drives it: killed with SIGKILL and started again on the same address with
/// the environment deploy/bench.sh started it with (one file, <c>.bench/app.env</c>, so both start it the same way).
/// The running process's id goes to <c>.bench/app.pid</c>, so bench.sh's exit trap stops whichever instance is current.
/// </summary>
internal sealed class AppInstance(Options options) : IDisposable
{
    private Process? _process;
    private int _pid = options.AppPid;

    /// <summary>Kills the running app as a crash would: SIGKILL, no shutdown, no flushing.</summary>
    public void Kill()
    {
        if (_process is null)
        {
            // bench.sh's own child: not ours to reap, so no WaitForExit (it would wait on a zombie). The kernel
            // closes its sockets at once; StartAsync retries if the port is not free yet.
            using var first = Process.GetProcessById(_pid);
            first.Kill(); // SIGKILL on Linux
            return;
        }

        _process.Kill(); // SIGKILL on Linux
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
    }

    /// <summary>Starts the app again and waits for /health to answer 200; returns the time that took.</summary>
    public async Task<TimeSpan> StartAsync(HttpClient health)
    {
        var sw = Stopwatch.StartNew();
        for (var attempt = 0; ; attempt++)
        {
            // exec, so the pid is the app's own and SIGKILL reaches it rather than a shell.
            var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = options.AppDir, UseShellExecute = false };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("exec dotnet CompetitivePosts.Web.dll >>\"$0\" 2>&1");
            start.ArgumentList.Add(options.AppLog);
            foreach (var line in File.ReadAllLines(options.AppEnv).Where(l => l.Contains('=', StringComparison.Ordinal)))
            {
                var kv = line.Split('=', 2);
                start.Environment[kv[0]] = kv[1];
            }

            _process = Process.Start(start) ?? throw new InvalidOperationException("The app did not start.");
            _pid = _process.Id;
            await File.WriteAllTextAsync(options.AppPidFile, _pid.ToString(CultureInfo.InvariantCulture));
            while (!_process.HasExited)
            {
                if (await HealthyAsync(health))
                {
                    return sw.Elapsed;
                }

                await Task.Delay(100);
            }

            // Exited while starting (e.g. the port not yet free): try again a few times, then give up loudly.
            if (attempt >= 5)
            {
                throw new InvalidOperationException($"The app exited while starting (code {_process.ExitCode}); see {options.AppLog}.");
            }

            await Task.Delay(500);
        }
    }

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process?.Dispose();
    }

    private static async Task<bool> HealthyAsync(HttpClient health)
    {
        try
        {
            using var response = await health.GetAsync("health");
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
