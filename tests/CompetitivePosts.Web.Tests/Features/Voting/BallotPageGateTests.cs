using CompetitivePosts.Web.Features.Voting;
using Microsoft.AspNetCore.Http;

namespace CompetitivePosts.Web.Tests.Features.Voting;

/// <summary>The queue in front of ballot page loads (docs/adr/0029): page loads wait their turn, submits never do.</summary>
public class BallotPageGateTests
{
    [Theory]
    [InlineData("GET", "/b/abc", true)]
    [InlineData("GET", "/b", true)]
    [InlineData("POST", "/b/abc", false)]
    [InlineData("GET", "/receipt", false)]
    [InlineData("GET", "/bb/abc", false)]
    [InlineData("GET", "/competitions/1/tally", false)]
    public void Applies_MethodAndPath_OnlyBallotPageLoads(string method, string path, bool expected)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        http.Request.Path = path;

        Assert.Equal(expected, BallotPageGate.Applies(http.Request));
    }

    [Fact]
    public async Task RunAsync_MoreLoadsThanSlots_TheRestWaitInOrderUntilASlotFrees()
    {
        using var gate = new BallotPageGate(2);
        var release = Enumerable.Range(0, 4).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var started = new List<int>();
        var runs = Enumerable.Range(0, 4).Select(i => gate.RunAsync(async () =>
        {
            lock (started)
            {
                started.Add(i);
            }

            await release[i].Task;
        }, CancellationToken.None)).ToArray();

        await WaitUntilAsync(() => Started(started) == 2);
        Assert.Equal([0, 1], Snapshot(started));
        Assert.Equal(2, gate.Running);

        release[1].SetResult();
        await WaitUntilAsync(() => Started(started) == 3);
        Assert.Equal([0, 1, 2], Snapshot(started));

        release[0].SetResult();
        release[2].SetResult();
        await WaitUntilAsync(() => Started(started) == 4);
        release[3].SetResult();
        await Task.WhenAll(runs);
        Assert.Equal(0, gate.Running);
    }

    [Fact]
    public async Task RunAsync_GivenUpWhileWaiting_NeverRunsAndFreesNothing()
    {
        using var gate = new BallotPageGate(1);
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = gate.RunAsync(() => hold.Task, CancellationToken.None);
        using var aborted = new CancellationTokenSource();
        var ran = false;
        var waiting = gate.RunAsync(() =>
        {
            ran = true;
            return Task.CompletedTask;
        }, aborted.Token);

        await aborted.CancelAsync();
        await waiting;
        Assert.False(ran);
        Assert.Equal(1, gate.Running);

        hold.SetResult();
        await first;
        Assert.Equal(0, gate.Running);
    }

    [Fact]
    public async Task RunAsync_PageThrows_SlotIsFreed()
    {
        using var gate = new BallotPageGate(1);
        await Assert.ThrowsAsync<InvalidOperationException>(() => gate.RunAsync(() => throw new InvalidOperationException("boom"), CancellationToken.None));
        Assert.Equal(0, gate.Running);
    }

    private static int Started(List<int> started)
    {
        lock (started)
        {
            return started.Count;
        }
    }

    private static int[] Snapshot(List<int> started)
    {
        lock (started)
        {
            return [.. started];
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
