namespace Fathom.Apps.Intrinsics;

/// <summary>
/// Finishes nodes of a reference graph (conditions naming conditions, resources naming resources) after everything
/// they depend on, walking depth first with an explicit stack: recursing once per reference would overflow the stack
/// on a chain of some tens of thousands, and a stack overflow ends the process. Each node is finished once.
/// </summary>
/// <remarks>A dependency already on the current path closes a cycle: it is skipped, and <see cref="CycleTo"/> tells
/// whoever meets it later (the finish of a node on that path) which path it closes. <paramref name="finish"/> may
/// start another walk; that walk extends the same path.</remarks>
internal sealed class DependencyWalk<T>(Func<T, IEnumerable<T>> dependencies, Action<T> finish, IEqualityComparer<T>? comparer = null)
    where T : notnull
{
    private readonly HashSet<T> _finished = new(comparer);
    private readonly Dictionary<T, int> _onPath = new(comparer);
    private readonly List<T> _path = [];

    public bool IsFinished(T node) => _finished.Contains(node);

    /// <summary>The path from <paramref name="node"/> to the node now being finished, when <paramref name="node"/> is on
    /// it: a reference to it closes this cycle. Null when it is not on the path.</summary>
    public IReadOnlyList<T>? CycleTo(T node) => _onPath.TryGetValue(node, out var index) ? _path[index..] : null;

    /// <summary>Finishes <paramref name="start"/>, after every unfinished node it depends on, directly or not.</summary>
    /// <param name="start">Where to start; nothing happens when it is finished or on the path already.</param>
    /// <param name="cycle">Called with the path a dependency closes when that dependency is on the path.</param>
    public void Walk(T start, Action<IReadOnlyList<T>>? cycle = null)
    {
        if (_finished.Contains(start) || _onPath.ContainsKey(start))
        {
            return;
        }

        var pending = new Stack<IEnumerator<T>>();
        Enter(start, pending);
        while (pending.Count > 0)
        {
            var next = pending.Peek();
            if (next.MoveNext())
            {
                var dependency = next.Current;
                if (_onPath.ContainsKey(dependency))
                {
                    cycle?.Invoke(CycleTo(dependency)!);
                }
                else if (!_finished.Contains(dependency))
                {
                    Enter(dependency, pending);
                }

                continue;
            }

            next.Dispose();
            pending.Pop();
            var node = _path[^1];
            finish(node);
            _finished.Add(node);
            _onPath.Remove(node);
            _path.RemoveAt(_path.Count - 1);
        }
    }

    private void Enter(T node, Stack<IEnumerator<T>> pending)
    {
        _onPath[node] = _path.Count;
        _path.Add(node);
        pending.Push(dependencies(node).GetEnumerator());
    }
}
