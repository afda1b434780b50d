using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Net;

namespace Roster.Web.Tests.Infrastructure;

/// <summary>
/// The SQL statements the in-process server runs for the requests a test marks with <see cref="Mark"/>: the request
/// carries a trace id of its own, the server's request activity takes it up, and every command EF Core sends while
/// that activity is current is kept. Requests of other tests, and the server's background work, are left out.
/// </summary>
public sealed class StatementCounter : IDisposable, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private readonly ActivityListener _activities;
    private readonly IDisposable _listeners;
    private readonly ConcurrentDictionary<ActivityTraceId, ConcurrentQueue<string>> _statements = new();
    private readonly List<IDisposable> _subscriptions = [];

    public StatementCounter()
    {
        // Without a listener the server starts no activity per request, and the trace id would go nowhere.
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_activities);
        _listeners = DiagnosticListener.AllListeners.Subscribe(this);
    }

    /// <summary>Marks <paramref name="request"/>; its statements are then read from the returned list.</summary>
    public IReadOnlyCollection<string> Mark(HttpRequestMessage request)
    {
        var trace = ActivityTraceId.CreateRandom();
        request.Headers.TryAddWithoutValidation("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        return _statements.GetOrAdd(trace, _ => new ConcurrentQueue<string>());
    }

    /// <summary>Sends <paramref name="request"/>, marked, expects 200 and returns the statements it ran.</summary>
    public async Task<List<string>> StatementsOfAsync(HttpClient client, HttpRequestMessage request)
    {
        var statements = Mark(request);
        var response = await client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return [.. statements];
    }

    /// <inheritdoc cref="StatementsOfAsync(HttpClient, HttpRequestMessage)"/>
    public Task<List<string>> StatementsOfAsync(HttpClient client, string path) =>
        StatementsOfAsync(client, new HttpRequestMessage(HttpMethod.Get, path));

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name != "Microsoft.EntityFrameworkCore") return;
        lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this, name => name.EndsWith("CommandExecuting", StringComparison.Ordinal)));
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> e)
    {
        if (Activity.Current is not { } activity || !_statements.TryGetValue(activity.TraceId, out var statements)) return;
        if (e.Value?.GetType().GetProperty("Command")?.GetValue(e.Value) is DbCommand command) statements.Enqueue(command.CommandText);
    }

    void IObserver<DiagnosticListener>.OnCompleted() { }
    void IObserver<DiagnosticListener>.OnError(Exception error) { }
    void IObserver<KeyValuePair<string, object?>>.OnCompleted() { }
    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error) { }

    public void Dispose()
    {
        _listeners.Dispose();
        lock (_subscriptions) _subscriptions.ForEach(s => s.Dispose());
        _activities.Dispose();
    }
}
