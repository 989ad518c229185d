using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CompetitivePosts.Domain.Audit;
using CompetitivePosts.Domain.Voting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CompetitivePosts.Web.Data;

/// <summary>
/// The audit trail is written by SaveChangesAsync itself, in the same transaction as the change:
/// a use case names its action with <see cref="Audit"/>, and saving then records every added,
/// changed and deleted row with its values before and after. Saving a change to a domain entity
/// without naming the action is refused, so no use case can forget the trail.
/// </summary>
public partial class AppDbContext
{
    // pg_advisory_xact_lock(int, int): the first key says "audit chain", the second which chain.
    internal const int AuditLockClass = 0x41554454;

    private static readonly JsonSerializerOptions ValueOptions = new()
    {
        Converters = { new JsonStringEnumConverter() },
    };

    // Ballots have their own chain (docs/adr/0017); ballot tokens are recorded by the action that
    // issues or revokes them (who got a slip), not row by row with their hashes; identity rows are
    // audited by their use cases.
    private static readonly HashSet<Type> NotAudited =
    [
        typeof(SignedBallot), typeof(UnsignedBallot), typeof(BallotChainHead), typeof(BallotToken), typeof(AuditEntry), typeof(AuditHeadState),
    ];

    private PendingAudit? _pending;

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<AuditHeadState> AuditHeads => Set<AuditHeadState>();

    /// <summary>The next save is the action <paramref name="action"/> by <paramref name="who"/> on this competition's chain.</summary>
    public void Audit(int competitionId, AuditWho who, string action, object? detail = null) =>
        _pending = new PendingAudit(competitionId, null, who, action, detail);

    /// <summary>For a competition that the save itself creates: its chain is known once it has an id.</summary>
    public void Audit(Func<int> competitionIdAfterSave, AuditWho who, string action, object? detail = null) =>
        _pending = new PendingAudit(null, competitionIdAfterSave, who, action, detail);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (_pending is not null)
        {
            throw new InvalidOperationException("Audited changes are saved with SaveChangesAsync.");
        }

        EnsureNothingUnaudited();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (_pending is null)
        {
            EnsureNothingUnaudited();
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var pending = _pending;
        _pending = null;
        var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            if (pending.CompetitionId is { } known)
            {
                await LockChainAsync(known, cancellationToken);
            }

            var changes = ChangeTracker.Entries().Where(IsAudited).Select(e => new CapturedChange(e)).ToList();
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

            var chain = pending.CompetitionId ?? pending.CompetitionIdAfterSave!();
            if (pending.CompetitionId is null)
            {
                await LockChainAsync(chain, cancellationToken);
            }

            await AppendAsync(chain, pending, changes, cancellationToken);
            await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }

            return saved;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    private async Task AppendAsync(int chain, PendingAudit pending, List<CapturedChange> changes, CancellationToken ct)
    {
        var before = new JsonObject();
        var after = new JsonObject();
        foreach (var change in changes)
        {
            var key = change.Key();
            if (change.Before is { Count: > 0 } b)
            {
                before[key] = b;
            }

            if (change.After() is { Count: > 0 } a)
            {
                after[key] = a;
            }
        }

        var head = await AuditHeads.FirstOrDefaultAsync(h => h.CompetitionId == chain, ct);
        var detail = pending.Detail is null ? null : JsonSerializer.Serialize(pending.Detail, ValueOptions);
        var entry = AuditEntry.Next(head, chain, Clock.GetUtcNow(), pending.Who, pending.Action,
            before.Count == 0 ? null : before.ToJsonString(), after.Count == 0 ? null : after.ToJsonString(), detail);
        AuditEntries.Add(entry);
        if (head is null)
        {
            AuditHeads.Add(new AuditHeadState(chain, entry.Seq, entry.Hash));
        }
        else
        {
            head.MoveTo(entry);
        }
    }

    private Task<int> LockChainAsync(int chain, CancellationToken ct) =>
        Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AuditLockClass}, {chain})", ct);

    /// <summary>
    /// Takes the competition's audit chain lock now rather than at the save, for a change that must see the competition as
    /// no other audited change can alter it until this transaction ends. The lock is re-entrant, so the save takes it again
    /// at no cost; and since every audited change takes it before any row it writes, taking it first cannot deadlock.
    /// </summary>
    public async Task HoldCompetitionAsync(int competitionId, CancellationToken ct)
    {
        if (Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The competition is held for a transaction: begin one first.");
        }

        await LockChainAsync(competitionId, ct);
    }

    private void EnsureNothingUnaudited()
    {
        var unaudited = ChangeTracker.Entries().FirstOrDefault(IsAudited);
        if (unaudited is not null)
        {
            throw new InvalidOperationException(
                $"A change to {unaudited.Metadata.ClrType.Name} is being saved without naming its audit action; call AppDbContext.Audit first.");
        }
    }

    private static bool IsAudited(EntityEntry e) =>
        e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
        && e.Metadata.ClrType.Assembly == typeof(AuditEntry).Assembly
        && !NotAudited.Contains(e.Metadata.ClrType);

    private static JsonNode? ToNode(object? value) => value is null ? null : JsonSerializer.SerializeToNode(value, ValueOptions);

    private sealed record PendingAudit(int? CompetitionId, Func<int>? CompetitionIdAfterSave, AuditWho Who, string Action, object? Detail);

    /// <summary>What an entry was before the save; what it became is read after, when generated keys exist.</summary>
    private sealed class CapturedChange
    {
        private readonly EntityEntry _entry;
        private readonly EntityState _state;
        private readonly List<string> _modified;

        public CapturedChange(EntityEntry entry)
        {
            _entry = entry;
            _state = entry.State;
            _modified = [.. entry.Properties.Where(p => p.IsModified && !p.Metadata.IsPrimaryKey()).Select(p => p.Metadata.Name)];
            Before = _state switch
            {
                EntityState.Deleted => Values(entry.Properties.Select(p => (p.Metadata.Name, p.OriginalValue))),
                EntityState.Modified => Values(entry.Properties.Where(p => _modified.Contains(p.Metadata.Name))
                    .Select(p => (p.Metadata.Name, p.OriginalValue))),
                _ => null,
            };
            _keyBefore = KeyText();
        }

        private readonly string _keyBefore;

        public JsonObject? Before { get; }

        public JsonObject? After() => _state switch
        {
            EntityState.Added => Values(_entry.Properties.Select(p => (p.Metadata.Name, p.CurrentValue))),
            EntityState.Modified => Values(_entry.Properties.Where(p => _modified.Contains(p.Metadata.Name))
                .Select(p => (p.Metadata.Name, p.CurrentValue))),
            _ => null,
        };

        public string Key() => _entry.Metadata.ClrType.Name + "#" + (_state == EntityState.Deleted ? _keyBefore : KeyText());

        private string KeyText() =>
            string.Join(",", _entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Convert.ToString(_entry.Property(p.Name).CurrentValue,
                System.Globalization.CultureInfo.InvariantCulture)));

        private static JsonObject Values(IEnumerable<(string Name, object? Value)> values)
        {
            var obj = new JsonObject();
            foreach (var (name, value) in values)
            {
                obj[name] = ToNode(value);
            }

            return obj;
        }
    }
}
