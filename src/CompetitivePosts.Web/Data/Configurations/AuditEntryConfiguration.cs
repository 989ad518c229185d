using CompetitivePosts.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitivePosts.Web.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        // No foreign key to Competitions: the trail outlives a deleted draft competition.
        builder.HasIndex(e => new { e.CompetitionId, e.Seq }).IsUnique();
        builder.HasIndex(e => new { e.CompetitionId, e.Action });
        builder.Property(e => e.UserId).HasMaxLength(64);
        builder.Property(e => e.UserName).HasMaxLength(100);
        builder.Property(e => e.Action).HasMaxLength(64);
        builder.Property(e => e.PrevHash).HasMaxLength(64).IsFixedLength();
        builder.Property(e => e.Hash).HasMaxLength(64).IsFixedLength();
    }
}

internal sealed class AuditHeadConfiguration : IEntityTypeConfiguration<AuditHeadState>
{
    public void Configure(EntityTypeBuilder<AuditHeadState> builder)
    {
        builder.ToTable("AuditHeads");
        builder.HasKey(h => h.CompetitionId);
        builder.Property(h => h.CompetitionId).ValueGeneratedNever();
        builder.Property(h => h.Hash).HasMaxLength(64).IsFixedLength();
    }
}
