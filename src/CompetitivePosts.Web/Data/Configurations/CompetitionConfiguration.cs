using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Speeches;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitivePosts.Web.Data.Configurations;

internal sealed class CompetitionConfiguration : IEntityTypeConfiguration<Competition>
{
    public void Configure(EntityTypeBuilder<Competition> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Unit>().WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(c => c.Candidates);
        builder.Ignore(c => c.QualifiedApplications);
        builder.Ignore(c => c.LatestFiling);
        builder.Ignore(c => c.CountingRound);
        builder.Ignore(c => c.DecidingRound);
        builder.Ignore(c => c.AcceptedVerdicts);
        builder.Property(c => c.MeetingMinutes).HasMaxLength(Competition.MinutesLength);
        builder.Ignore(c => c.IsRoundOpen);
        builder.Ignore(c => c.Incumbents);
        builder.Ignore(c => c.Rules);
        builder.Ignore(c => c.IsArchived);
        builder.Ignore(c => c.QualifiedListPublished);
        builder.Ignore(c => c.TallyWeights);
        builder.Ignore(c => c.TallyWeightsEditable);
        // Existing competitions get 4:3:3 from the column default; the sentinel -1 (never a valid weight) makes EF
        // always send the value, so a weight of 0 is stored as 0 and not replaced by the default.
        builder.Property(c => c.WeightA).HasDefaultValue(4).HasSentinel(-1);
        builder.Property(c => c.WeightB).HasDefaultValue(3).HasSentinel(-1);
        builder.Property(c => c.WeightC).HasDefaultValue(3).HasSentinel(-1);
        // The same rule as Weights.Create, so that no path around the domain stores weights the tally cannot use.
        builder.ToTable(t => t.HasCheckConstraint("CK_Competitions_Weights",
            "\"WeightA\" BETWEEN 0 AND 100 AND \"WeightB\" BETWEEN 0 AND 100 AND \"WeightC\" BETWEEN 0 AND 100 AND \"WeightA\" + \"WeightB\" + \"WeightC\" > 0"));
        builder.Property(c => c.PrincipalMinRank).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.DeputyMinRank).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.MinimumEducation).HasConversion<string>().HasMaxLength(20);

        builder.HasMany(c => c.Posts).WithOne().HasForeignKey(p => p.CompetitionId);
        builder.HasMany(c => c.Cadres).WithOne().HasForeignKey(p => p.CompetitionId);
        builder.HasMany(c => c.Snapshot).WithOne().HasForeignKey(p => p.CompetitionId);
        builder.HasMany(c => c.Registrations).WithOne().HasForeignKey(p => p.CompetitionId);
        builder.HasMany(c => c.Applications).WithOne().HasForeignKey(p => p.CompetitionId);
        builder.HasMany(c => c.Overrides).WithOne().HasForeignKey(p => p.CompetitionId);
        builder.HasMany(c => c.SpeechSlots).WithOne().HasForeignKey(p => p.CompetitionId);
        builder.HasMany(c => c.Voters).WithOne().HasForeignKey(p => p.CompetitionId);
        builder.HasMany(c => c.Rounds).WithOne().HasForeignKey(r => r.CompetitionId);
        builder.HasMany(c => c.Decisions).WithOne().HasForeignKey(p => p.CompetitionId);
        builder.HasMany(c => c.Filings).WithOne().HasForeignKey(p => p.CompetitionId);
        builder.HasMany(c => c.SpeechSessions).WithOne().HasForeignKey(s => s.CompetitionId);
        builder.HasOne(c => c.SpeechProgress).WithOne().HasForeignKey<SpeechProgress>(p => p.CompetitionId);
        builder.Property(c => c.AbsentPolicy).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.SpeechGrouping).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.DrawSeed).HasMaxLength(64);
        foreach (var name in new[]
                 {
                     nameof(Competition.Posts), nameof(Competition.Cadres), nameof(Competition.Snapshot),
                     nameof(Competition.Registrations), nameof(Competition.Applications), nameof(Competition.Overrides), nameof(Competition.SpeechSlots), nameof(Competition.Voters), nameof(Competition.Rounds),
                     nameof(Competition.Decisions), nameof(Competition.Filings), nameof(Competition.SpeechSessions),
                 })
        {
            builder.Navigation(name).UsePropertyAccessMode(PropertyAccessMode.Field);
        }
    }
}
