using CompetitivePosts.Domain;
using CompetitivePosts.Web.Features.Competitions;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitivePosts.Web.Tests.Features.Competitions;

/// <summary>Units are added by administrators. Who sees which unit's data is tested by the authorization matrix (Features/Security).</summary>
[Collection(AppTests.Name)]
public class CreateUnitTests(AppFixture app)
{
    [Fact]
    public async Task CreateUnitAsync_AdministratorAddsUnitButOrganizerCannot()
    {
        using var scope = app.Services.CreateScope();
        var handler = scope.ServiceProvider.GetRequiredService<CompetitionsHandler>();
        var admin = Scenarios.Administrator;
        var name = "测试单位-" + Guid.NewGuid().ToString("N")[..6];

        var organizer = Scenarios.Organizer(await app.DemoUnitIdAsync());

        await Assert.ThrowsAsync<DomainException>(() => handler.CreateUnitAsync(organizer, name));
        var id = await handler.CreateUnitAsync(admin, name);
        var duplicate = await Assert.ThrowsAsync<DomainException>(() => handler.CreateUnitAsync(admin, name));

        await using var db = app.NewDb();
        Assert.Contains(db.Units, u => u.Id == id && u.Name == name);
        Assert.Equal("There is already a unit named {0}.", duplicate.MessageKey);
    }
}
