using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Projector;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Projector;
using CompetitivePosts.Web.Features.Speeches;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitivePosts.Web.Tests.Features.Projector;

/// <summary>Projector links: scoped to a competition and a purpose, expiring, revocable, audited; and the speech hub behind them.</summary>
[Collection(AppTests.Name)]
public class ProjectorLinksTests(AppFixture app)
{
    private ProjectorLinks Links(TimeSpan shift = default) => shift == default
        ? app.Services.GetRequiredService<ProjectorLinks>()
        : new ProjectorLinks(app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>(), new ProjectorLinkNotifier(), new ShiftedClock(shift));

    [Fact]
    public async Task ResolveAsync_IssuedLink_OpensItsCompetitionForItsPurposeUntilItExpires()
    {
        var s = await app.AtSpeechesAsync(drawn: true);
        var issued = await Links().IssueAsync(s.CompetitionId, ProjectorPurposes.Speeches, null, TimeSpan.FromHours(4), Scenarios.Organizer(s.UnitId));

        var access = await Links().ResolveAsync(issued.Token, ProjectorPurposes.Speeches);

        Assert.Equal((issued.Id, s.CompetitionId), (access!.LinkId, access.CompetitionId));
        Assert.Null(await Links().ResolveAsync(issued.Token, "tally"));
        Assert.Null(await Links().ResolveAsync(issued.Token + "x", ProjectorPurposes.Speeches));
        Assert.NotNull(await Links(TimeSpan.FromHours(3.9)).ResolveAsync(issued.Token, ProjectorPurposes.Speeches));
        Assert.Null(await Links(TimeSpan.FromHours(4)).ResolveAsync(issued.Token, ProjectorPurposes.Speeches));

        // Only the hash is stored: the database cannot hand out a working link.
        await using var db = app.NewDb();
        var stored = await db.Set<ProjectorLink>().SingleAsync(l => l.Id == issued.Id);
        Assert.NotEqual(issued.Token, stored.TokenHash);
        Assert.Equal(ProjectorLink.HashToken(issued.Token), stored.TokenHash);
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.CompetitionId == s.CompetitionId && e.Action == AuditActions.ProjectorIssue));
    }

    [Fact]
    public async Task RevokeAsync_RevokedLink_NoLongerResolvesAndIsAudited()
    {
        var s = await app.AtSpeechesAsync(drawn: true);
        var organizer = Scenarios.Organizer(s.UnitId);
        var kept = await Links().IssueAsync(s.CompetitionId, ProjectorPurposes.Speeches, null, TimeSpan.FromHours(12), organizer);
        var revoked = await Links().IssueAsync(s.CompetitionId, ProjectorPurposes.Speeches, null, TimeSpan.FromHours(12), organizer);

        await Links().RevokeAsync(s.CompetitionId, revoked.Id, organizer);

        Assert.Null(await Links().ResolveAsync(revoked.Token, ProjectorPurposes.Speeches));
        Assert.NotNull(await Links().ResolveAsync(kept.Token, ProjectorPurposes.Speeches)); // control
        await Assert.ThrowsAsync<DomainException>(() => Links().RevokeAsync(s.CompetitionId, revoked.Id, organizer));
        await using var db = app.NewDb();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.CompetitionId == s.CompetitionId && e.Action == AuditActions.ProjectorRevoke));
    }

    [Fact]
    public async Task IssueAsync_OrganizerOfAnotherUnitOrReviewerOrBadLifetime_IsRefusedAndNothingSaved()
    {
        var s = await app.AtSpeechesAsync(drawn: true);

        await Assert.ThrowsAsync<DomainException>(() =>
            Links().IssueAsync(s.CompetitionId, ProjectorPurposes.Speeches, null, TimeSpan.FromHours(12), Scenarios.Organizer(s.UnitId + 1000)));
        await Assert.ThrowsAsync<DomainException>(() =>
            Links().IssueAsync(s.CompetitionId, ProjectorPurposes.Speeches, null, TimeSpan.FromHours(12), Scenarios.Reviewer));
        await Assert.ThrowsAsync<DomainException>(() =>
            Links().IssueAsync(s.CompetitionId, ProjectorPurposes.Speeches, null, TimeSpan.FromDays(30), Scenarios.Organizer(s.UnitId)));

        await using (var db = app.NewDb())
        {
            Assert.Equal(0, await db.Set<ProjectorLink>().CountAsync(l => l.CompetitionId == s.CompetitionId));
        }

        await Links().IssueAsync(s.CompetitionId, ProjectorPurposes.Speeches, null, TimeSpan.FromDays(7), Scenarios.Organizer(s.UnitId)); // control
        await using (var db = app.NewDb())
        {
            Assert.Equal(1, await db.Set<ProjectorLink>().CountAsync(l => l.CompetitionId == s.CompetitionId));
        }
    }

    [Fact]
    public async Task SpeechHub_ProjectorWithValidToken_GetsTheStateAndEveryChangeOfItsCompetitionOnly()
    {
        var s = await app.AtSpeechesAsync(drawn: true);
        var other = await app.AtSpeechesAsync(drawn: true);
        var organizer = Scenarios.Organizer(s.UnitId);
        var issued = await Links().IssueAsync(s.CompetitionId, ProjectorPurposes.Speeches, null, TimeSpan.FromHours(12), organizer);
        await using var connection = new HubConnectionBuilder().WithUrl(new Uri(app.BaseUri, SpeechHub.Path.TrimStart('/'))).Build();
        var received = new List<SpeechLiveDto>();
        var running = new TaskCompletionSource<SpeechLiveDto>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<SpeechLiveDto>(SpeechHub.Changed, state =>
        {
            lock (received)
            {
                received.Add(state);
            }

            if (state.Phase == "Running")
            {
                running.TrySetResult(state);
            }
        });
        await connection.StartAsync();

        var joined = await connection.InvokeAsync<SpeechLiveDto>(nameof(SpeechHub.WatchAsProjector), issued.Token);
        var control = app.Services.CreateScope().ServiceProvider.GetRequiredService<ControlSpeech.Handler>();
        await control.HandleAsync(new(other.CompetitionId, ControlSpeech.Button.Start), Scenarios.Organizer(other.UnitId));
        await control.HandleAsync(new(s.CompetitionId, ControlSpeech.Button.Start), organizer);

        Assert.Equal(("NotStarted", s.CompetitionId), (joined.Phase, joined.CompetitionId));
        Assert.Equal(issued.ExpiresAt.ToUnixTimeMilliseconds(), joined.LinkExpiresAt);
        var state = await running.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(s.CompetitionId, state.CompetitionId);
        Assert.NotNull(state.Current);
        lock (received)
        {
            Assert.DoesNotContain(received, r => r.CompetitionId == other.CompetitionId);
        }
    }

    [Fact]
    public async Task SpeechHub_BadTokenOrAnonymousPanel_IsRefused_RevokedProjectorIsClosed()
    {
        var s = await app.AtSpeechesAsync(drawn: true);
        var organizer = Scenarios.Organizer(s.UnitId);
        var issued = await Links().IssueAsync(s.CompetitionId, ProjectorPurposes.Speeches, null, TimeSpan.FromHours(12), organizer);
        await using var connection = new HubConnectionBuilder().WithUrl(new Uri(app.BaseUri, SpeechHub.Path.TrimStart('/'))).Build();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On(SpeechHub.Closed, () => closed.TrySetResult());
        await connection.StartAsync();

        var bad = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<SpeechLiveDto>(nameof(SpeechHub.WatchAsProjector), "not-a-token"));
        Assert.Contains(SpeechHub.InvalidLink, bad.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<SpeechLiveDto>(nameof(SpeechHub.Watch), s.CompetitionId));
        await connection.InvokeAsync<SpeechLiveDto>(nameof(SpeechHub.WatchAsProjector), issued.Token); // control: the real token works

        await Links().RevokeAsync(s.CompetitionId, issued.Id, organizer);

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<SpeechLiveDto>(nameof(SpeechHub.WatchAsProjector), issued.Token));
    }
}
