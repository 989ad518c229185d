using CompetitivePosts.Domain.Notice;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitivePosts.Web.Data.Configurations;

internal sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> builder)
    {
        builder.HasKey(d => d.Date);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Name).HasMaxLength(50);
        builder.HasData(Seed2026());
    }

    /// <summary>
    /// 2026 as the State Council's notice on holiday arrangements set it (国务院办公厅关于2026年部分节假日安排的通知).
    /// 2027's had not been published when this was written; an administrator enters it on the calendar page.
    /// </summary>
    private static IEnumerable<object> Seed2026()
    {
        static IEnumerable<object> Off(string name, int month, int from, int to) =>
            Enumerable.Range(from, to - from + 1).Select(d => (object)new { Date = new DateOnly(2026, month, d), Kind = CalendarDayKind.Holiday, Name = name });

        static object Work(string name, int month, int day) =>
            new { Date = new DateOnly(2026, month, day), Kind = CalendarDayKind.MakeUpWorkday, Name = name };

        return
        [
            .. Off("元旦", 1, 1, 3), Work("元旦调休", 1, 4),
            .. Off("春节", 2, 15, 23), Work("春节调休", 2, 14), Work("春节调休", 2, 28),
            .. Off("清明节", 4, 4, 6),
            .. Off("劳动节", 5, 1, 5), Work("劳动节调休", 5, 9),
            .. Off("端午节", 6, 19, 21),
            .. Off("中秋节", 9, 25, 27),
            .. Off("国庆节", 10, 1, 7), Work("国庆节调休", 9, 20), Work("国庆节调休", 10, 10),
        ];
    }
}
