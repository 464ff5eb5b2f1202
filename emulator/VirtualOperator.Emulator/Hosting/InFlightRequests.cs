namespace VirtualOperator.Emulator.Hosting;

/// <summary>
/// The requests being served (every route but the control plane), so that a reset runs between requests, never under
/// one: <see cref="Exclusive"/> stops new requests at the door, waits for those in flight to finish, runs the reset,
/// then lets the waiting ones in. Without it a request that started before a reset could write after it (a credit
/// ledger or a customer back from the dead).
/// </summary>
public sealed class InFlightRequests
{
    private readonly object _gate = new();
    private readonly SemaphoreSlim _exclusive = new(1, 1);
    private int _count;
    private TaskCompletionSource? _drained;
    private TaskCompletionSource? _reopened;

    /// <summary>How many requests are being served now.</summary>
    public int Count
    {
        get { lock (_gate) return _count; }
    }

    /// <summary>Waits while a reset runs, then counts the request in until the answer is disposed.</summary>
    public async ValueTask<Lease> EnterAsync(CancellationToken cancel)
    {
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                if (_reopened is null)
                {
                    _count++;
                    return new Lease(this);
                }
                wait = _reopened.Task;
            }
            await wait.WaitAsync(cancel);
        }
    }

    private void Exit()
    {
        lock (_gate)
        {
            if (--_count == 0) _drained?.TrySetResult();
        }
    }

    /// <summary>Runs <paramref name="action"/> with no request in flight and none let in until it returns.</summary>
    public void Exclusive(Action action)
    {
        _exclusive.Wait();
        TaskCompletionSource reopened;
        try
        {
            Task drained;
            lock (_gate)
            {
                _reopened = reopened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _drained = _count == 0 ? null : new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                drained = _drained?.Task ?? Task.CompletedTask;
            }
            drained.Wait();
            action();
        }
        finally
        {
            lock (_gate)
            {
                reopened = _reopened!;
                _reopened = null;
                _drained = null;
            }
            reopened.TrySetResult();
            _exclusive.Release();
        }
    }

    public readonly struct Lease(InFlightRequests owner) : IDisposable
    {
        public void Dispose() => owner.Exit();
    }
}
