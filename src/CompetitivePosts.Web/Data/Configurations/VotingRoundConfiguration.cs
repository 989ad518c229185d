using CompetitivePosts.Domain.Voting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitivePosts.Web.Data.Configurations;

/// <summary>
/// A round is one small row: its ballot (groups and lines) is JSON in the row, so the ballot path
/// reads one row, and the store locks this row FOR SHARE on every submit (docs/adr/0016).
/// </summary>
internal sealed class VotingRoundConfiguration : IEntityTypeConfiguration<VotingRound>
{
    public void Configure(EntityTypeBuilder<VotingRound> builder)
    {
        builder.ToTable("VotingRounds");
        builder.Property(r => r.Title).HasMaxLength(VotingRound.TitleLength);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.LimitMode).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.ProjectorResults).HasConversion<string>().HasMaxLength(20);
        builder.Ignore(r => r.IsOpen);
        builder.Ignore(r => r.Unmarked);
        builder.Ignore(r => r.ChoiceNames);
        builder.HasIndex(r => new { r.CompetitionId, r.Number }).IsUnique();
        builder.OwnsMany(r => r.Items, b =>
        {
            b.ToJson();
            b.Property(i => i.Name).HasMaxLength(50);
        });
        builder.OwnsMany(r => r.Groups, b =>
        {
            b.ToJson();
            b.Property(g => g.Level).HasConversion<string>();
        });
        builder.Navigation(r => r.Items).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(r => r.Groups).UsePropertyAccessMode(PropertyAccessMode.Field);
        // Two organizers opening or closing one round: the second save fails instead of acting twice.
        builder.Property<uint>("Version").IsRowVersion();
    }
}

internal sealed class BallotTokenConfiguration : IEntityTypeConfiguration<BallotToken>
{
    public void Configure(EntityTypeBuilder<BallotToken> builder)
    {
        builder.ToTable("BallotTokens");
        builder.Property(t => t.TokenHash).HasMaxLength(64).IsFixedLength();
        builder.Property(t => t.Category).HasConversion<string>().HasMaxLength(1);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.Ignore(t => t.IsLive);
        builder.HasOne<VotingRound>().WithMany().HasForeignKey(t => t.RoundId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Voter>().WithMany().HasForeignKey(t => t.VoterId).OnDelete(DeleteBehavior.Restrict);
        // One live token per voter and round: a reprint must revoke the old one in the same transaction.
        builder.HasIndex(t => new { t.RoundId, t.VoterId }).IsUnique().HasFilter("\"RevokedAt\" IS NULL");
        builder.Property<uint>("Version").IsRowVersion();
    }
}

internal sealed class SignedBallotConfiguration : IEntityTypeConfiguration<SignedBallot>
{
    public void Configure(EntityTypeBuilder<SignedBallot> builder)
    {
        builder.ToTable("SignedBallots");
        builder.Property(b => b.Category).HasConversion<string>().HasMaxLength(1);
        builder.Property(b => b.SignedName).HasMaxLength(50);
        builder.Property(b => b.ContentHash).HasMaxLength(64).IsFixedLength();
        builder.Property(b => b.PrevHash).HasMaxLength(64).IsFixedLength();
        builder.Property(b => b.ChainHash).HasMaxLength(64).IsFixedLength();
        builder.Property(b => b.Receipt).HasMaxLength(19).IsFixedLength();
        builder.HasOne<VotingRound>().WithMany().HasForeignKey(b => b.RoundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Voter>().WithMany().HasForeignKey(b => b.VoterId).OnDelete(DeleteBehavior.Restrict);
        // The last line of single use, below every handler: one ballot per voter and round.
        builder.HasIndex(b => new { b.RoundId, b.VoterId }).IsUnique();
        builder.HasIndex(b => new { b.RoundId, b.Seq }).IsUnique();
        builder.HasIndex(b => b.Receipt);
        // What the sealer looks for: few rows, found without reading the sealed ones.
        builder.HasIndex(b => b.RoundId).HasFilter("\"Seq\" IS NULL").HasDatabaseName("IX_SignedBallots_Unsealed");
    }
}

/// <summary>No column here names a voter, a token or a time, and the key is random (docs/adr/0016).</summary>
internal sealed class UnsignedBallotConfiguration : IEntityTypeConfiguration<UnsignedBallot>
{
    public void Configure(EntityTypeBuilder<UnsignedBallot> builder)
    {
        builder.ToTable("UnsignedBallots");
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.Category).HasConversion<string>().HasMaxLength(1);
        builder.HasOne<VotingRound>().WithMany().HasForeignKey(b => b.RoundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(b => b.RoundId);
    }
}

internal sealed class BallotChainHeadConfiguration : IEntityTypeConfiguration<BallotChainHead>
{
    public void Configure(EntityTypeBuilder<BallotChainHead> builder)
    {
        builder.ToTable("BallotChainHeads");
        builder.HasKey(h => h.RoundId);
        builder.Property(h => h.RoundId).ValueGeneratedNever();
        builder.Property(h => h.Hash).HasMaxLength(64).IsFixedLength();
        builder.HasOne<VotingRound>().WithMany().HasForeignKey(h => h.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}
