using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace CompetitivePosts.Web.Data;

/// <summary>
/// Recovery from a PostgreSQL restart without restarting the app: when one command or connection
/// fails because the server went away, every idle connection in its pool went with it, so the pool
/// is cleared and the next action opens fresh connections instead of failing on stale ones.
/// </summary>
internal sealed class ConnectionRecovery : DbCommandInterceptor, IDbConnectionInterceptor
{
    public static readonly ConnectionRecovery Instance = new();

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Clear(command?.Connection, eventData.Exception);
    }

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Clear(command?.Connection, eventData.Exception);
        return Task.CompletedTask;
    }

    public void ConnectionFailed(DbConnection connection, ConnectionErrorEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Clear(connection, eventData.Exception);
    }

    public Task ConnectionFailedAsync(DbConnection connection, ConnectionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Clear(connection, eventData.Exception);
        return Task.CompletedTask;
    }

    private static void Clear(DbConnection? connection, Exception exception)
    {
        if (connection is NpgsqlConnection npgsql && DatabaseOutage.Is(exception))
        {
            NpgsqlConnection.ClearPool(npgsql);
        }
    }
}

/// <summary>Tells an outage of the database (retry later) from a refusal by it (a broken rule, a clash).</summary>
public static class DatabaseOutage
{
    /// <summary>The localisation key of what a page says when the database cannot be reached.</summary>
    public const string Message = "The database cannot be reached at the moment. Nothing was saved; please try again in a moment.";

    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // Shut down by an administrator or a crash, or not yet accepting connections.
                case PostgresException pg when pg.SqlState is "57P01" or "57P02" or "57P03" || pg.IsTransient:
                    return true;
                case PostgresException:
                    return false;
                case NpgsqlException { IsTransient: true }:
                case System.Net.Sockets.SocketException:
                case TimeoutException:
                    return true;
            }
        }

        return false;
    }
}
