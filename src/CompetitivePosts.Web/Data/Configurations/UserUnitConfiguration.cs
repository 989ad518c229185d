using CompetitivePosts.Domain.Competitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitivePosts.Web.Data.Configurations;

internal sealed class UserUnitConfiguration : IEntityTypeConfiguration<UserUnit>
{
    public void Configure(EntityTypeBuilder<UserUnit> builder)
    {
        builder.ToTable("UserUnits");
        builder.HasKey(u => new { u.UserId, u.UnitId });
        builder.HasOne<AppUser>().WithMany(u => u.Units).HasForeignKey(u => u.UserId).OnDelete(DeleteBehavior.Cascade);
        // A unit that still has organizers cannot be deleted by accident.
        builder.HasOne<Unit>().WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
