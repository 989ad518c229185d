using System.Collections.Concurrent;
using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace CompetitivePosts.Web.Features.Voting;

/// <summary>What one token gives, read in one query: its state, its voter and its round's state.</summary>
public sealed record TokenState(long TokenId, bool Used, bool Revoked, int VoterId, string VoterName, VoterCategory Category,
    int RoundId, RoundStatus RoundStatus, DateTimeOffset? ClosesAt);

/// <summary>
/// What a live slip says that cannot change while its round is open: the slip, its voter's name and ballot kind (kinds
/// are fixed while a round is open), its round. Whether it is still live, unused and its round open is for the submit's
/// own statement to check.
/// </summary>
public sealed record TokenFacts(long TokenId, int VoterId, string VoterName, VoterCategory Category, int RoundId);

/// <summary>A round's fixed ballot and where it belongs, cached once the round has opened (it cannot change after).</summary>
public sealed record RoundSheet(VotingRound Round, string CompetitionName);

/// <summary>
/// The ballot hot path, in plain SQL on its own small pool (docs/adr/0016). A page load is one
/// query (the token, its voter and its round's state; the round's ballot comes from a cache).
/// A submit is one statement: it share-locks the round row and checks it is open, marks the token
/// used if it is live, and inserts the ballot only if both held; the round's close takes the same
/// row for update, so no ballot commits after a close. A submit after its page load on the same
/// instance reads nothing before that statement (<see cref="Remember"/>, docs/adr/0035).
/// </summary>
public sealed class BallotStore : IAsyncDisposable
{
    private const string OpenRound = """
        r AS (SELECT 1 FROM "VotingRounds" WHERE "Id" = $1 AND "Status" = 'Open' AND ("ClosesAt" IS NULL OR "ClosesAt" > $2) FOR SHARE)
        """;

    private const string SignedInsert = "WITH " + OpenRound + """
        ,
        t AS (UPDATE "BallotTokens" SET "Used" = TRUE, "UsedAt" = $2
              WHERE "Id" = $3 AND NOT "Used" AND "RevokedAt" IS NULL AND EXISTS (SELECT 1 FROM r) RETURNING 1)
        INSERT INTO "SignedBallots" ("RoundId", "VoterId", "Category", "SignedName", "Signature", "Choices", "SubmittedAt", "ContentHash", "Receipt")
        SELECT $1, $4, $5, $6, $7, $8, $2, $9, $10 FROM t
        RETURNING "Id"
        """;

    // No time, voter or token goes into an unsigned ballot; the token keeps only that it was used.
    private const string UnsignedInsert = "WITH " + OpenRound + """
        ,
        t AS (UPDATE "BallotTokens" SET "Used" = TRUE
              WHERE "Id" = $3 AND NOT "Used" AND "RevokedAt" IS NULL AND EXISTS (SELECT 1 FROM r) RETURNING 1)
        INSERT INTO "UnsignedBallots" ("Id", "RoundId", "Category", "Choices")
        SELECT $4, $1, $5, $6 FROM t
        RETURNING 1
        """;

    private const string FindToken = """
        SELECT t."Id", t."Used", t."RevokedAt" IS NOT NULL, v."Id", v."Name", t."Category", r."Id", r."Status", r."ClosesAt"
        FROM "BallotTokens" t
        JOIN "Voters" v ON v."Id" = t."VoterId"
        JOIN "VotingRounds" r ON r."Id" = t."RoundId"
        WHERE t."TokenHash" = $1
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly IDbContextFactory<AppDbContext> _dbFactory;
    private readonly ConcurrentDictionary<int, RoundSheet> _sheets = new();

    // Slips whose page was loaded here and not yet submitted; bounded, since a slip that is never submitted stays.
    private const int FactsKept = 100_000;
    private readonly ConcurrentDictionary<string, TokenFacts> _facts = new(StringComparer.Ordinal);

    public BallotStore(IConfiguration configuration, IDbContextFactory<AppDbContext> dbFactory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _dbFactory = dbFactory;
        var builder = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Default"))
        {
            // Statements the ballot path repeats are prepared once per connection.
            MaxAutoPrepare = 8,
            AutoPrepareMinUsages = 2,
            ApplicationName = "CompetitivePosts ballots",

            // These connections never change session state, so the reset statements Npgsql would send each time a
            // connection goes back to the pool (three per ballot query, docs/performance.md) are left out.
            NoResetOnClose = true,
        };

        // Two cores gain nothing from more concurrent statements; a bounded pool leaves connections for everything else.
        if (builder.MaxPoolSize == 100)
        {
            builder.MaxPoolSize = 32;
        }

        _dataSource = NpgsqlDataSource.Create(builder);
    }

    public async Task<TokenState?> FindAsync(string tokenHash, CancellationToken ct = default)
    {
        await using var command = _dataSource.CreateCommand(FindToken);
        // The column is character(64): a text parameter would compare as text, which cannot use the unique index
        // and scans every token of every round (2 ms of database CPU per page at 3,000 tokens, docs/performance.md).
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tokenHash, NpgsqlDbType = NpgsqlDbType.Char });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        return new TokenState(
            reader.GetInt64(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetInt32(3), reader.GetString(4),
            Enum.Parse<VoterCategory>(reader.GetString(5)), reader.GetInt32(6), Enum.Parse<RoundStatus>(reader.GetString(7)),
            reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8));
    }

    /// <summary>Keeps what a live slip's page load read, so that its submit on this instance need not read it again.</summary>
    public void Remember(string tokenHash, TokenState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_facts.Count >= FactsKept)
        {
            _facts.Clear();
        }

        _facts[tokenHash] = new TokenFacts(state.TokenId, state.VoterId, state.VoterName, state.Category, state.RoundId);
    }

    public TokenFacts? Recall(string tokenHash) => _facts.GetValueOrDefault(tokenHash);

    public void Forget(string tokenHash) => _facts.TryRemove(tokenHash, out _);

    /// <summary>The round's ballot as it opened; read from the database once per round and kept.</summary>
    public async Task<RoundSheet?> SheetAsync(int roundId, CancellationToken ct = default)
    {
        if (_sheets.TryGetValue(roundId, out var cached))
        {
            return cached;
        }

        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var row = await db.VotingRounds.AsNoTracking()
            .Where(r => r.Id == roundId)
            .Select(r => new { Round = r, Competition = db.Competitions.Where(c => c.Id == r.CompetitionId).Select(c => c.Name).First() })
            .FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        var sheet = new RoundSheet(row.Round, row.Competition);
        if (row.Round.Status != RoundStatus.Prepared)
        {
            _sheets.TryAdd(roundId, sheet);
        }

        return sheet;
    }

    /// <summary>Commits a signed ballot if the round is open and the token live; false when either was not so.</summary>
    public async Task<bool> InsertAsync(long tokenId, SignedBallot ballot, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ballot);
        await using var command = _dataSource.CreateCommand(SignedInsert);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = ballot.RoundId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = ballot.SubmittedAt, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = tokenId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = ballot.VoterId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ballot.Category.ToString() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ballot.SignedName });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = ballot.Signature });
        command.Parameters.Add(new NpgsqlParameter<short[]> { TypedValue = ballot.Choices });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ballot.ContentHash });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ballot.Receipt });
        return await command.ExecuteScalarAsync(ct) is not null;
    }

    /// <summary>Commits an unsigned ballot if the round is open and the token live; false when either was not so.</summary>
    public async Task<bool> InsertAsync(long tokenId, UnsignedBallot ballot, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ballot);
        await using var command = _dataSource.CreateCommand(UnsignedInsert);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = ballot.RoundId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = tokenId });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = ballot.Id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ballot.Category.ToString() });
        command.Parameters.Add(new NpgsqlParameter<short[]> { TypedValue = ballot.Choices });
        return await command.ExecuteScalarAsync(ct) is not null;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
