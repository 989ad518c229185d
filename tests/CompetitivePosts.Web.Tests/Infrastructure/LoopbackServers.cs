using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CompetitivePosts.Web.Tests.Infrastructure;

/// <summary>
/// Redis and nginx from apt, each a child process on a private port with its files in a temp
/// directory (deploy/test.sh installs them), the way PostgresServer runs PostgreSQL: no Docker.
/// </summary>
public sealed class LoopbackProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dir;
    private int _disposed;

    private LoopbackProcess(Process process, string dir, int port)
    {
        _process = process;
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    /// <summary>redis-server on 127.0.0.1 with nothing written to disk.</summary>
    public static async Task<LoopbackProcess> StartRedisAsync()
    {
        var port = PostgresServer.FreePort();
        var dir = TempDir("cp-test-redis-");
        return await StartAsync(Program("redis-server", "/usr/bin/redis-server"),
            ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir],
            dir, port);
    }

    /// <summary>nginx in front of <paramref name="upstreams"/> with the sticky, WebSocket-aware site of deploy/nginx.conf.</summary>
    public static async Task<LoopbackProcess> StartNginxAsync(IReadOnlyList<Uri> upstreams)
    {
        ArgumentNullException.ThrowIfNull(upstreams);
        var port = PostgresServer.FreePort();
        var dir = TempDir("cp-test-nginx-");
        var servers = string.Join("\n", upstreams.Select(u => $"    server {u.Host}:{u.Port};"));
        var site = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "deploy", "nginx.conf"));
        // The production site, with its two compose instances replaced by the test's.
        site = System.Text.RegularExpressions.Regex.Replace(site, @"(?m)^\s*server app1:8080[^\n]*\n\s*server app2:8080[^\n]*", servers)
            .Replace("listen 80;", $"listen 127.0.0.1:{port};", StringComparison.Ordinal);
        if (!site.Contains(upstreams[0].Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))
        {
            throw new InvalidOperationException("deploy/nginx.conf no longer has the two server lines the test replaces.");
        }
        // As root, nginx's workers would drop to "nobody" and could not write the temp directory.
        var user = Environment.UserName == "root" ? "user root;" : "";
        var conf = $$"""
            {{user}}
            worker_processes 1;
            pid {{dir}}/nginx.pid;
            error_log {{dir}}/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log {{dir}}/access.log;
                client_body_temp_path {{dir}}/body;
                proxy_temp_path {{dir}}/proxy;
                fastcgi_temp_path {{dir}}/fastcgi;
                uwsgi_temp_path {{dir}}/uwsgi;
                scgi_temp_path {{dir}}/scgi;
            {{site}}
            }
            """;
        var path = Path.Combine(dir, "nginx.conf");
        await File.WriteAllTextAsync(path, conf);
        return await StartAsync(Program("nginx", "/usr/sbin/nginx"), ["-p", dir, "-c", path, "-g", "daemon off;"], dir, port);
    }

    /// <summary>Freezes the process (SIGSTOP) as a hung server would be: its connections stay open and nothing answers.</summary>
    public async Task FreezeAsync()
    {
        using var kill = Process.Start("kill", ["-STOP", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>Stops the process and removes its files; a second call (a test stopped it early) does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private static async Task<LoopbackProcess> StartAsync(string file, string[] args, string dir, int port)
    {
        var psi = new ProcessStartInfo { FileName = file, WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new LoopbackProcess(process, dir, port);
        for (var i = 0; i < 100; i++)
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        var log = Directory.GetFiles(dir, "*.log").Select(File.ReadAllText).FirstOrDefault() ?? "";
        await server.DisposeAsync();
        throw new InvalidOperationException($"{file} did not listen on {port}. {log}");
    }

    private static string Program(string name, string path) =>
        File.Exists(path) ? path : throw new InvalidOperationException($"{name} is not installed; deploy/test.sh installs it (apt).");

    private static string TempDir(string prefix)
    {
        var dir = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
