using System.Collections.Concurrent;
using CompetitivePosts.Web.Features.Tally;
using CompetitivePosts.Web.Features.Voting;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CompetitivePosts.Web.Tests.Features.Voting;

/// <summary>
/// A lost ballot race is an everyday event on voting day (a slip tapped twice, or opened on two tablets):
/// each loser is logged in exactly one line, with no exception and no stack, and nothing at warning level.
/// </summary>
[Collection(AppTests.Name)]
public class BallotRaceLoggingTests(AppFixture app)
{
    [Fact]
    public async Task SubmitAsync_FiftyParallelSubmitsOfOneToken_LogOneLineWithoutStackPerLoser()
    {
        var s = await app.OpenForVotingAsync();
        var log = new LogLines();
        var ballots = NewSubmission(log);
        var fields = TestBallots.Fields([(s.Id("丙"), "Agree")], "丁");

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
            Task.Run(() => ballots.SubmitAsync(s.Tokens["丁"], BallotForm.Parse(fields)))));

        Assert.Equal(1, results.Count(r => r.Outcome == SubmitOutcome.Accepted));
        Assert.Equal(49, log.Entries.Count);
        Assert.All(log.Entries, e =>
        {
            Assert.Equal(LogLevel.Information, e.Level);
            Assert.Null(e.Exception);
            Assert.DoesNotContain('\n', e.Message);
            Assert.StartsWith("Ballot refused", e.Message, StringComparison.Ordinal);
        });
    }

    private BallotSubmission NewSubmission(LogLines log) => new(
        app.Services.GetRequiredService<BallotStore>(), app.Services.GetRequiredService<TallyNotifier>(),
        app.Services.GetRequiredService<TimeProvider>(), log);

    private sealed record Entry(LogLevel Level, string Message, Exception? Exception);

    /// <summary>Every entry the use case writes at information level or above, as one formatted line.</summary>
    private sealed class LogLines : ILogger<BallotSubmission>
    {
        public ConcurrentQueue<Entry> Queue { get; } = new();

        public IReadOnlyList<Entry> Entries => [.. Queue];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Queue.Enqueue(new Entry(logLevel, formatter(state, exception), exception));
            }
        }
    }
}
