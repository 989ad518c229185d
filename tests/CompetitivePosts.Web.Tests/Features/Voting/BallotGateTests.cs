using CompetitivePosts.Web.Features.Voting;
using Microsoft.AspNetCore.Http;

namespace CompetitivePosts.Web.Tests.Features.Voting;

/// <summary>Admission to the ballot path (ADR 0029, 0030): a bounded number run, submits before page loads.</summary>
public class BallotGateTests
{
    [Theory]
    [InlineData("GET", "/b/abc", BallotRequest.Page)]
    [InlineData("GET", "/b", BallotRequest.Page)]
    [InlineData("POST", "/b/abc", BallotRequest.Submit)]
    [InlineData("PUT", "/b/abc", BallotRequest.Other)]
    [InlineData("GET", "/receipt", BallotRequest.Other)]
    [InlineData("POST", "/receipt", BallotRequest.Other)]
    [InlineData("GET", "/bb/abc", BallotRequest.Other)]
    [InlineData("GET", "/competitions/1/tally", BallotRequest.Other)]
    public void Classify_MethodAndPath_OnlyBallotPagesAndSubmits(string method, string path, BallotRequest expected)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        http.Request.Path = path;

        Assert.Equal(expected, BallotGate.Classify(http.Request));
    }

    [Fact]
    public async Task RunAsync_MorePageLoadsThanSlots_TheRestWaitInOrderUntilASlotFrees()
    {
        var gate = new BallotGate(4, 2);
        using var runs = new Runs(gate);
        runs.Start(BallotRequest.Page, 4);

        await runs.WaitUntilStartedAsync(2);
        Assert.Equal([0, 1], runs.Started);
        Assert.Equal(2, gate.PagesRunning);

        runs.Finish(1);
        await runs.WaitUntilStartedAsync(3);
        Assert.Equal([0, 1, 2], runs.Started);

        runs.Finish(0);
        runs.Finish(2);
        await runs.WaitUntilStartedAsync(4);
        runs.Finish(3);
        await runs.AllAsync();
        Assert.Equal(0, gate.Running);
        Assert.Equal(0, gate.PagesRunning);
    }

    [Fact]
    public async Task RunAsync_SubmitArrivesWhilePageSlotsAreFull_RunsAtOnce()
    {
        var gate = new BallotGate(3, 2);
        using var runs = new Runs(gate);
        runs.Start(BallotRequest.Page, 3);
        await runs.WaitUntilStartedAsync(2);

        runs.Start(BallotRequest.Submit, 1);
        await runs.WaitUntilStartedAsync(3);
        Assert.Equal([0, 1, 3], runs.Started);
        Assert.Equal(3, gate.Running);

        runs.FinishAll();
        await runs.AllAsync();
        Assert.Equal([0, 1, 3, 2], runs.Started);
    }

    [Fact]
    public async Task RunAsync_SlotFreesWithASubmitAndAPageWaiting_TheSubmitGoesFirstThoughItCameLater()
    {
        var gate = new BallotGate(2, 2);
        using var runs = new Runs(gate);
        runs.Start(BallotRequest.Page, 3);
        await runs.WaitUntilStartedAsync(2);
        runs.Start(BallotRequest.Submit, 2);
        await Task.Delay(50);
        Assert.Equal([0, 1], runs.Started);

        runs.Finish(0);
        await runs.WaitUntilStartedAsync(3);
        Assert.Equal([0, 1, 3], runs.Started);

        runs.Finish(1);
        await runs.WaitUntilStartedAsync(4);
        Assert.Equal([0, 1, 3, 4], runs.Started);

        runs.Finish(3);
        await runs.WaitUntilStartedAsync(5);
        Assert.Equal([0, 1, 3, 4, 2], runs.Started);
        runs.FinishAll();
        await runs.AllAsync();
        Assert.Equal(0, gate.Running);
    }

    [Fact]
    public async Task RunAsync_PageArrivesWhileASubmitWaits_DoesNotOvertakeIt()
    {
        var gate = new BallotGate(2, 2);
        using var runs = new Runs(gate);
        runs.Start(BallotRequest.Submit, 2);
        await runs.WaitUntilStartedAsync(2);
        runs.Start(BallotRequest.Submit, 1);
        runs.Start(BallotRequest.Page, 1);
        await Task.Delay(50);

        runs.Finish(0);
        await runs.WaitUntilStartedAsync(3);
        Assert.Equal([0, 1, 2], runs.Started);

        runs.FinishAll();
        await runs.AllAsync();
        Assert.Equal([0, 1, 2, 3], runs.Started);
    }

    [Fact]
    public async Task RunAsync_GivenUpWhileWaiting_NeverRunsAndFreesNothing()
    {
        var gate = new BallotGate(1, 1);
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = gate.RunAsync(BallotRequest.Submit, () => hold.Task, CancellationToken.None);
        using var aborted = new CancellationTokenSource();
        var ran = false;
        var waiting = gate.RunAsync(BallotRequest.Page, () =>
        {
            ran = true;
            return Task.CompletedTask;
        }, aborted.Token);
        var after = false;
        var next = gate.RunAsync(BallotRequest.Page, () =>
        {
            after = true;
            return Task.CompletedTask;
        }, CancellationToken.None);

        await aborted.CancelAsync();
        await waiting;
        Assert.False(ran);
        Assert.Equal(1, gate.Running);

        hold.SetResult();
        await first;
        await next;
        Assert.True(after);
        Assert.Equal(0, gate.Running);
    }

    [Fact]
    public async Task RunAsync_RequestThrows_SlotIsFreed()
    {
        var gate = new BallotGate(1, 1);
        await Assert.ThrowsAsync<InvalidOperationException>(() => gate.RunAsync(BallotRequest.Submit, () => throw new InvalidOperationException("boom"), CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => gate.RunAsync(BallotRequest.Page, () => throw new InvalidOperationException("boom"), CancellationToken.None));
        Assert.Equal(0, gate.Running);
        Assert.Equal(0, gate.PagesRunning);
    }

    [Fact]
    public void Constructor_FewerSlotsThanPageSlots_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BallotGate(1, 2));

    /// <summary>Requests numbered in the order they were started, each held until <see cref="Finish"/>.</summary>
    private sealed class Runs(BallotGate gate) : IDisposable
    {
        private readonly List<TaskCompletionSource> _release = [];
        private readonly List<Task> _tasks = [];
        private readonly List<int> _started = [];

        public int[] Started
        {
            get
            {
                lock (_started)
                {
                    return [.. _started];
                }
            }
        }

        public void Start(BallotRequest kind, int count)
        {
            for (var n = 0; n < count; n++)
            {
                var i = _release.Count;
                var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _release.Add(release);
                _tasks.Add(gate.RunAsync(kind, async () =>
                {
                    lock (_started)
                    {
                        _started.Add(i);
                    }

                    await release.Task;
                }, CancellationToken.None));
            }
        }

        public void Finish(int i) => _release[i].TrySetResult();

        public void FinishAll()
        {
            // One at a time, so the order of admissions stays the gate's and not a race between releases.
            for (var i = 0; i < _release.Count; i++)
            {
                _release[i].TrySetResult();
            }
        }

        public Task AllAsync() => Task.WhenAll(_tasks);

        public async Task WaitUntilStartedAsync(int count)
        {
            for (var i = 0; i < 500 && Started.Length < count; i++)
            {
                await Task.Delay(10);
            }

            Assert.Equal(count, Started.Length);
        }

        public void Dispose() => FinishAll();
    }
}
