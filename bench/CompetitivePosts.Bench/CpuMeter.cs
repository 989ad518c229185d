using System.Diagnostics;
using System.Globalization;

namespace CompetitivePosts.Bench;

/// <summary>
/// CPU seconds spent by the app, by the bench's PostgreSQL (the postmaster, its live backends and the ones
/// that have exited) and by this client, read from /proc. On a shared machine wall-clock figures mostly say
/// how busy the neighbours were; CPU per ballot says what a ballot costs, and where. The dashboards' browser
/// (Playwright's driver and headless Chromium, children of this process) is counted apart from the client; the hub
/// clients' process (<see cref="HubWatcher"/>, also a child) is counted with the client.
/// </summary>
internal sealed record CpuMeter(int AppPid, int PostgresPid)
{
    /// <summary>The hub clients' process, once started; 0 before.</summary>
    public int WatcherPid { get; set; }

    private static readonly double Tick = 100.0; // USER_HZ on Linux

    public CpuSample Read()
    {
        var processes = ProcessTable();
        var watcher = processes.TryGetValue(WatcherPid, out var w) ? w.Seconds : 0;
        return new(Seconds(AppPid, children: false), PostgresSeconds(processes), Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds + watcher,
            BrowserSeconds(processes) - watcher);
    }

    /// <summary>One pass over /proc: every live process's parent and CPU seconds, shared by the PostgreSQL and browser figures.</summary>
    private static Dictionary<int, (int Parent, double Seconds)> ProcessTable()
    {
        var processes = new Dictionary<int, (int Parent, double Seconds)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && Stat(pid) is { } stat)
            {
                processes[pid] = (stat.ParentPid, stat.Seconds);
            }
        }

        return processes;
    }

    /// <summary>Every live descendant of this process: the Playwright driver, Chromium's processes and the hub clients' process.</summary>
    private static double BrowserSeconds(Dictionary<int, (int Parent, double Seconds)> processes)
    {
        var self = Environment.ProcessId;
        var total = 0.0;
        foreach (var (_, (parent, seconds)) in processes)
        {
            for (var up = parent; up > 1 && processes.TryGetValue(up, out var next); up = next.Parent)
            {
                if (up == self)
                {
                    total += seconds;
                    break;
                }
            }
        }

        return total;
    }

    private double PostgresSeconds(Dictionary<int, (int Parent, double Seconds)> processes) =>
        PostgresPid <= 0
            ? double.NaN
            : Seconds(PostgresPid, children: true) + processes.Where(p => p.Key != PostgresPid && p.Value.Parent == PostgresPid).Sum(p => p.Value.Seconds);

    private static double Seconds(int pid, bool children) =>
        Stat(pid) is { } s ? s.Seconds + (children ? s.ChildSeconds : 0) : double.NaN;

    private static (int ParentPid, double Seconds, double ChildSeconds)? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // The command name is in parentheses and may hold spaces: the fields start after the last ')'.
        var f = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long L(int field) => long.Parse(f[field - 3], CultureInfo.InvariantCulture);
        return (int.Parse(f[1], CultureInfo.InvariantCulture), (L(14) + L(15)) / Tick, (L(16) + L(17)) / Tick);
    }
}

internal readonly record struct CpuSample(double App, double Postgres, double Client, double Browser)
{
    /// <summary>CPU milliseconds per ballot between two samples, as "app a · PostgreSQL p · bench client c · dashboards' browser b".</summary>
    public static string PerBallot(CpuSample from, CpuSample to, int ballots) => string.Create(CultureInfo.InvariantCulture,
        $"CPU per ballot: app {(to.App - from.App) * 1000 / ballots:0.00} ms · PostgreSQL {(to.Postgres - from.Postgres) * 1000 / ballots:0.00} ms · bench client {(to.Client - from.Client) * 1000 / ballots:0.00} ms · dashboards' browser {(to.Browser - from.Browser) * 1000 / ballots:0.00} ms");
}
