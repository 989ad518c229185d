using CompetitivePosts.Domain.Competitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitivePosts.Web.Data.Configurations;

internal sealed class ApplicationConfiguration : IEntityTypeConfiguration<Application>
{
    public void Configure(EntityTypeBuilder<Application> builder)
    {
        builder.HasOne(a => a.Cadre).WithMany().HasForeignKey(a => a.CadreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Post).WithMany().HasForeignKey(a => a.PostId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.CadreId, a.PostId }).IsUnique();
    }
}
