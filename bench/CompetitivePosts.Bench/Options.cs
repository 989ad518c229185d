using System.Globalization;

namespace CompetitivePosts.Bench;

/// <summary>
/// Command-line settings (<c>--voters=5000</c>), each with the default. The raw writers share a pool of
/// 32 connections, the size of the app's own ballot pool (BallotStore): K tasks at once, as many server backends
/// as the app uses; 200 backends on two cores only time out while they start. <c>--kills=N</c> (default 0) runs the
/// kill test instead of the measures (<see cref="KillTest"/>); deploy/bench.sh passes the app's directory, log,
/// environment file and pid file for its restarts. <c>--rate=R</c> (default 0: each client starts its next ballot as soon as
/// the last one is answered) starts the ballots of (1) at R a second instead, still at most K at once: latency at a hall's
/// pace rather than at saturation.
/// </summary>
internal sealed record Options(Uri Url, string Connection, int AppPid, int Voters, int Candidates, int PerPost, int Concurrency, int HubClients,
    int Dashboards, int RecountCandidates, int RawPool, int PostgresPid, int Kills, string AppDir, string AppLog, string AppEnv, string AppPidFile, double Rate)
{
    public static Options Parse(string[] args)
    {
        var map = args.Select(a => a.TrimStart('-').Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal);
        int Int(string key, int fallback) => map.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        double Double(string key, double fallback) => map.TryGetValue(key, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
        string Need(string key) => map.TryGetValue(key, out var v) ? v : throw new ArgumentException($"--{key} is required.");
        string Str(string key) => map.TryGetValue(key, out var v) ? v : "";
        var concurrency = Int("concurrency", 200);
        return new Options(new Uri(Need("url").TrimEnd('/') + "/"), Need("connection"), Int("app-pid", 0), Int("voters", 5000), Int("candidates", 100),
            Int("per-post", 10), concurrency, Int("hub-clients", 20), Int("dashboards", 3), Int("recount-candidates", 200), Int("raw-pool", 32), Int("pg-pid", 0),
            Int("kills", 0), Str("app-dir"), Str("app-log"), Str("app-env"), Str("app-pid-file"),
            Double("rate", 0));
    }
}
