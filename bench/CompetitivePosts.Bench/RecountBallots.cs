using CompetitivePosts.Domain.Voting;
using Npgsql;
using NpgsqlTypes;

namespace CompetitivePosts.Bench;

/// <summary>The recount round's ballots, one per voter, written by COPY: only their count matters to measure (4).</summary>
internal static class RecountBallots
{
    public static async Task CopyAsync(string connection, SeededRound seeded, byte[] signature)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using var writer = await conn.BeginBinaryImportAsync("""
            COPY "SignedBallots" ("RoundId", "VoterId", "Category", "SignedName", "Signature", "Choices", "SubmittedAt", "ContentHash", "Receipt")
            FROM STDIN (FORMAT BINARY)
            """);
        for (var i = 0; i < seeded.Voters.Count; i++)
        {
            var v = seeded.Voters[i];
            var b = new SignedBallot(seeded.RoundId, v.VoterId, v.Category, v.Name, signature, RawWriter.Choices(seeded, i), DateTimeOffset.UtcNow);
            await writer.StartRowAsync();
            await writer.WriteAsync(b.RoundId, NpgsqlDbType.Integer);
            await writer.WriteAsync(b.VoterId, NpgsqlDbType.Integer);
            await writer.WriteAsync(b.Category.ToString(), NpgsqlDbType.Varchar);
            await writer.WriteAsync(b.SignedName, NpgsqlDbType.Varchar);
            await writer.WriteAsync(b.Signature, NpgsqlDbType.Bytea);
            await writer.WriteAsync(b.Choices, NpgsqlDbType.Array | NpgsqlDbType.Smallint);
            await writer.WriteAsync(b.SubmittedAt, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(b.ContentHash, NpgsqlDbType.Char);
            await writer.WriteAsync(b.Receipt, NpgsqlDbType.Varchar);
        }

        await writer.CompleteAsync();
    }
}
