using CompetitivePosts.Domain.Competitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitivePosts.Web.Data.Configurations;

internal sealed class CadreConfiguration : IEntityTypeConfiguration<Cadre>
{
    public void Configure(EntityTypeBuilder<Cadre> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(CadreDetails.NameLength);
        builder.Property(c => c.Category).HasConversion<string>().HasMaxLength(1);
        builder.Property(c => c.Gender).HasConversion<string>().HasMaxLength(10);
        builder.Property(c => c.Education).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Rank).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Appraisal1).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Appraisal2).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Appraisal3).HasConversion<string>().HasMaxLength(20);
        foreach (var text in new[]
                 {
                     nameof(Cadre.Ethnicity), nameof(Cadre.PoliticalStatus), nameof(Cadre.Major), nameof(Cadre.CurrentTitle),
                     nameof(Cadre.Department), nameof(Cadre.KinName), nameof(Cadre.KinRelation),
                 })
        {
            builder.Property(text).HasMaxLength(CadreDetails.TextLength);
        }

        builder.Property(c => c.RegistrationTokenHash).HasMaxLength(64);
        builder.HasIndex(c => c.RegistrationTokenHash).IsUnique();
        builder.Ignore(c => c.Details);
        builder.HasIndex(c => new { c.CompetitionId, c.Name }).IsUnique();
        // Two organizers editing one cadre: the second save fails instead of overwriting the first.
        builder.Property<uint>("Version").IsRowVersion();
    }
}
