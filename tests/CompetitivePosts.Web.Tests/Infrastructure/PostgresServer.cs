using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CompetitivePosts.Web.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster in a temp directory on a free port: the real database, started
/// by the tests themselves (no Docker here). As root it runs as the postgres user, since the
/// server refuses to run as root.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _dataDir;

    private PostgresServer(string bin, string dataDir, int port)
    {
        _bin = bin;
        _dataDir = dataDir;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Database={database};Username=postgres;Include Error Detail=true";

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql")
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault() ?? throw new InvalidOperationException("PostgreSQL server binaries not found; deploy/test.sh installs them.");
        var dir = Path.Combine(Path.GetTempPath(), "cp-test-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        if (IsRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", dir], asPostgres: false);
        }

        var server = new PostgresServer(bin, dir, FreePort());
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", dir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
        await RunAsync(Path.Combine(bin, "pg_ctl"),
        [
            "-D", dir, "-l", Path.Combine(dir, "server.log"), "-w", "-t", "60",
            "-o", $"-p {server.Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200 -c track_commit_timestamp=on", "start",
        ]);
        return server;
    }

    /// <summary>Stops the server as an administrator would (fast shutdown: sessions are cut), keeping its data.</summary>
    public Task StopAsync() => RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", _dataDir, "-m", "fast", "-w", "stop"]);

    /// <summary>Starts a stopped server again on the same port.</summary>
    public Task StartAgainAsync() => RunAsync(Path.Combine(_bin, "pg_ctl"),
    [
        "-D", _dataDir, "-l", Path.Combine(_dataDir, "server.log"), "-w", "-t", "60",
        "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200", "start",
    ]);

    /// <summary>A server program's path (pg_dump, pg_restore, psql) of the same version as the cluster.</summary>
    public string Tool(string name) => Path.Combine(_bin, name);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", _dataDir, "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, string[] args, bool asPostgres = true)
    {
        var psi = new ProcessStartInfo
        {
            FileName = asPostgres && IsRoot ? "runuser" : file,
            WorkingDirectory = "/",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (asPostgres && IsRoot)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file })
            {
                psi.ArgumentList.Add(a);
            }
        }

        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} exited {process.ExitCode}: {await stderr}{await stdout}");
        }
    }
}
