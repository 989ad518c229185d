using System.Data.Common;
using CompetitivePosts.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CompetitivePosts.Web.Tests.Infrastructure;

/// <summary>Reads every table and column there is, to look for values that must not be anywhere.</summary>
public static class DatabaseScan
{
    public sealed record Column(string Table, string Name, string DataType, bool Generated);

    /// <summary>Every column of every table of the public schema, as PostgreSQL itself lists them.</summary>
    public static async Task<List<Column>> ColumnsAsync(AppDbContext db)
    {
        var columns = new List<Column>();
        await using var command = await CommandAsync(db, """
            SELECT c.table_name, c.column_name, c.data_type, (c.is_identity = 'YES' OR c.column_default IS NOT NULL)
            FROM information_schema.columns c JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
            WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
            ORDER BY 1, 2
            """);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns.Add(new Column(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3)));
        }

        return columns;
    }

    /// <summary>The tables and columns of the EF model, without PostgreSQL's system column xmin (row versions), which every table has.</summary>
    public static IEnumerable<(string Table, string Column)> ModelColumns(AppDbContext db) =>
        db.Model.GetEntityTypes()
            .Where(e => e.GetTableName() is not null && !e.IsOwned())
            .SelectMany(e => e.GetProperties().Select(p => (e.GetTableName()!, p.GetColumnName(StoreObjectIdentifier.Table(e.GetTableName()!, e.GetSchema())) ?? p.Name)))
            .Where(c => c.Item2 != "xmin")
            .Distinct();

    /// <summary>Every (table, column) holding, as text, one of <paramref name="values"/>; with <paramref name="contains"/>, holding it anywhere inside.</summary>
    public static async Task<List<(string Table, string Column)>> FindAsync(AppDbContext db, IReadOnlyCollection<string> values, bool contains = false)
    {
        var hits = new List<(string, string)>();
        if (values.Count == 0)
        {
            return hits;
        }

        string[] patterns = contains ? [.. values.Select(v => "%" + v.Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%")] : [.. values];
        foreach (var column in await ColumnsAsync(db))
        {
            var test = contains ? "LIKE ANY(@values)" : "= ANY(@values)";
            await using var command = await CommandAsync(db, $"""SELECT EXISTS (SELECT 1 FROM "{column.Table}" WHERE "{column.Name}"::text {test})""");
            var parameter = command.CreateParameter();
            parameter.ParameterName = "values";
            parameter.Value = patterns;
            command.Parameters.Add(parameter);
            if (await command.ExecuteScalarAsync() is true)
            {
                hits.Add((column.Table, column.Name));
            }
        }

        return hits;
    }

    private static async Task<DbCommand> CommandAsync(AppDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }

        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }
}
