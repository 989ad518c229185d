using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Notice;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitivePosts.Web.Data.Configurations;

internal sealed class PublicNoticeConfiguration : IEntityTypeConfiguration<PublicNotice>
{
    public void Configure(EntityTypeBuilder<PublicNotice> builder)
    {
        builder.HasOne<Competition>().WithMany().HasForeignKey(n => n.CompetitionId).OnDelete(DeleteBehavior.Cascade);
        // One notice per competition, even if two organizers publish at once.
        builder.HasIndex(n => n.CompetitionId).IsUnique();
        builder.Property(n => n.Contact).HasMaxLength(200);
        builder.Property(n => n.Conclusion).HasMaxLength(1000);
        builder.Ignore(n => n.IsClosed);
        builder.Ignore(n => n.FinalEntries);
        builder.HasMany(n => n.Entries).WithOne().HasForeignKey(e => e.NoticeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(n => n.Objections).WithOne().HasForeignKey(o => o.NoticeId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(n => n.Entries).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(n => n.Objections).UsePropertyAccessMode(PropertyAccessMode.Field);
        // Two organizers handling objections or closing at once: the second save fails and changes nothing.
        builder.Property(n => n.Revision).IsConcurrencyToken();
    }
}

internal sealed class NoticeEntryConfiguration : IEntityTypeConfiguration<NoticeEntry>
{
    public void Configure(EntityTypeBuilder<NoticeEntry> builder)
    {
        builder.ToTable("NoticeEntries");
        builder.Property(e => e.PostName).HasMaxLength(100);
        builder.Property(e => e.Department).HasMaxLength(100);
        builder.Property(e => e.CadreName).HasMaxLength(50);
        builder.Property(e => e.CurrentTitle).HasMaxLength(100);
        builder.Property(e => e.Level).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(e => new { e.NoticeId, e.PostId, e.Seat }).IsUnique();
    }
}

internal sealed class ObjectionConfiguration : IEntityTypeConfiguration<Objection>
{
    public void Configure(EntityTypeBuilder<Objection> builder)
    {
        builder.ToTable("Objections");
        builder.Property(o => o.Content).HasMaxLength(2000);
        builder.Property(o => o.Handling).HasMaxLength(2000);
        builder.Property(o => o.Result).HasConversion<string>().HasMaxLength(20);
        builder.Ignore(o => o.IsHandled);
        builder.HasIndex(o => new { o.NoticeId, o.Number }).IsUnique();
    }
}
