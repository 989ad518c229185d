using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Notice;
using CompetitivePosts.Domain.Voting;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Data;

public partial class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    /// <summary>Server time for audit entries; tests may set another clock.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public DbSet<Unit> Units => Set<Unit>();

    public DbSet<Competition> Competitions => Set<Competition>();

    public DbSet<Cadre> Cadres => Set<Cadre>();

    public DbSet<Post> Posts => Set<Post>();

    public DbSet<Voter> Voters => Set<Voter>();

    public DbSet<VotingRound> VotingRounds => Set<VotingRound>();

    public DbSet<BallotToken> BallotTokens => Set<BallotToken>();

    public DbSet<SignedBallot> SignedBallots => Set<SignedBallot>();

    public DbSet<UnsignedBallot> UnsignedBallots => Set<UnsignedBallot>();

    public DbSet<BallotChainHead> BallotChainHeads => Set<BallotChainHead>();

    public DbSet<UserUnit> UserUnits => Set<UserUnit>();

    public DbSet<PublicNotice> Notices => Set<PublicNotice>();

    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();

    /// <summary>The data-protection key ring, shared by every app instance so cookies and antiforgery tokens survive restarts.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    /// <summary>The whole aggregate, for use cases that change it through its guarded methods.</summary>
    public IQueryable<Competition> CompetitionAggregate =>
        Competitions
            .Include(c => c.Posts)
            .Include(c => c.Cadres)
            .Include(c => c.Snapshot)
            .Include(c => c.Registrations)
            .Include(c => c.Applications)
            .Include(c => c.Overrides)
            .Include(c => c.SpeechSlots)
            .Include(c => c.Voters)
            .Include(c => c.Rounds)
            .Include(c => c.Decisions)
            .Include(c => c.Filings).ThenInclude(f => f.Verdicts)
            .Include(c => c.SpeechSessions)
            .Include(c => c.SpeechProgress)
            .AsSplitQuery();
}
