using System.Text.RegularExpressions;
using Fathom.Deployments.Releases;
using Microsoft.Data.Sqlite;

namespace Fathom.Deployments.Versions;

/// <summary>
/// The version and alias table of one app environment, kept in <c>deployments.db</c> (SQLite, WAL) in a data
/// directory. Writes are serialized and each one swaps <see cref="State"/> whole; reads of <see cref="State"/> take
/// no lock. Versions are immutable and numbered 1..N per function, as Lambda's PublishVersion does.
/// </summary>
public sealed partial class DeploymentStore : IDisposable
{
    /// <summary>The database file name inside the data directory.</summary>
    public const string FileName = "deployments.db";

    private readonly string _connectionString;
    private readonly long _environmentId;
    private readonly DeploymentStoreOptions _options;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CrashPoints _crash;
    private DeploymentState _state;

    private DeploymentStore(string path, string connectionString, string app, string environment, long environmentId, DeploymentStoreOptions options, DeploymentState state)
    {
        DatabasePath = path;
        App = app;
        Environment = environment;
        _connectionString = connectionString;
        _environmentId = environmentId;
        _options = options;
        _crash = options.CrashPoints ?? CrashPoints.FromEnvironment();
        _state = state;
    }

    /// <summary>Raised after every write that swapped <see cref="State"/> (a release, a rollback, an alias set through
    /// the Lambda API), on the writer's thread; handlers must be quick and must not throw.</summary>
    public event Action<DeploymentState>? StateChanged;

    /// <summary>The app this store's versions belong to.</summary>
    public string App { get; }

    /// <summary>The environment within the app, e.g. <c>local</c> for <c>fathom up</c>.</summary>
    public string Environment { get; }

    /// <summary>The full path of <c>deployments.db</c>.</summary>
    public string DatabasePath { get; }

    /// <summary>The current snapshot; read it once per request and resolve from it.</summary>
    public DeploymentState State => Volatile.Read(ref _state);

    /// <summary>Opens (creating when needed) <c>deployments.db</c> in <paramref name="dataDirectory"/> for one app environment.</summary>
    public static async Task<DeploymentStore> OpenAsync(
        string dataDirectory, string app, string environment, DeploymentStoreOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(app);
        ArgumentException.ThrowIfNullOrEmpty(environment);
        options ??= new DeploymentStoreOptions();
        Directory.CreateDirectory(dataDirectory);
        var path = Path.GetFullPath(Path.Combine(dataDirectory, FileName));
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        await using var connection = await OpenConnectionAsync(connectionString, cancellationToken).ConfigureAwait(false);
        await DeploymentSchema.EnsureAsync(connection, cancellationToken).ConfigureAwait(false);
        var environmentId = await EnsureEnvironmentAsync(connection, app, environment, cancellationToken).ConfigureAwait(false);
        var state = await DeploymentStateReader.ReadAsync(connection, environmentId, 1, options.NextDouble, cancellationToken).ConfigureAwait(false);
        var store = new DeploymentStore(path, connectionString, app, environment, environmentId, options, state);

        // Events of a change committed just before a crash are still in the outbox: they go out now.
        await store.DrainOutboxAsync(connection, cancellationToken).ConfigureAwait(false);
        return store;
    }

    /// <summary>
    /// Publishes the function's current code and configuration: when both hashes equal the latest version's, that
    /// version is returned unchanged; otherwise version N+1 is created and recorded in the history.
    /// </summary>
    public Task<PublishResult> PublishAsync(
        string function, string artifactHash, string configHash, string configJson, string? description = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(function);
        return WriteAsync((connection, transaction, now) =>
            PublishCoreAsync(connection, transaction, function, artifactHash, configHash, configJson, description, now, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Points <paramref name="alias"/> at <paramref name="version"/>, with an optional additional version and weight
    /// (stored for rollouts and used by <see cref="DeploymentState.Resolve"/>). A change is recorded in the history
    /// with <paramref name="reason"/>; setting the alias to what it already is changes nothing.
    /// </summary>
    /// <exception cref="DeploymentException">The function or a version does not exist, or the routing is invalid.</exception>
    public Task<FunctionAlias> SetAliasAsync(
        string function, string alias, int version, AliasRouting? routing = null, string reason = ReleaseReasons.Manual, CancellationToken cancellationToken = default) =>
        SetAliasAsync(function, alias, version, routing, reason, AuditActions.ApiActor, cancellationToken);

    /// <summary>
    /// <see cref="SetAliasAsync(string, string, int, AliasRouting?, string, CancellationToken)"/> on behalf of
    /// <paramref name="actor"/>: a move is written to the audit table and emitted as an <c>alias.moved</c> platform
    /// event in the same transaction (through the outbox).
    /// </summary>
    /// <exception cref="DeploymentException">The function or a version does not exist, or the routing is invalid.</exception>
    public Task<FunctionAlias> SetAliasAsync(
        string function, string alias, int version, AliasRouting? routing, string reason, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(function);
        ArgumentException.ThrowIfNullOrEmpty(actor);
        ValidateAliasName(alias);
        return WriteAsync(async (connection, transaction, now) =>
        {
            var functionId = await FindFunctionAsync(connection, transaction, function, cancellationToken).ConfigureAwait(false)
                ?? throw new DeploymentException($"Function '{function}' has no versions in {App}/{Environment}.");
            var (result, previous, moved) = await SetAliasCoreAsync(connection, transaction, functionId, function, alias, version, routing, reason, now, cancellationToken)
                .ConfigureAwait(false);
            if (moved)
            {
                await AliasSetAuditedAsync(connection, transaction, result, previous, reason, actor, now, cancellationToken).ConfigureAwait(false);
            }

            return result;
        }, cancellationToken);
    }

    /// <summary>Sets the alias that unqualified calls resolve through (SAM's AutoPublishAlias; <c>live</c> when never set).</summary>
    public Task SetDefaultAliasAsync(string function, string alias, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(function);
        ValidateAliasName(alias);
        return WriteAsync(async (connection, transaction, now) =>
        {
            var functionId = await EnsureFunctionAsync(connection, transaction, function, now, cancellationToken).ConfigureAwait(false);
            await using var command = SqliteValues.Command(connection, transaction,
                "UPDATE functions SET default_alias = $alias WHERE id = $id", ("$alias", alias), ("$id", functionId));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// An all-at-once deploy in one transaction: publishes (N+1 only on change), points <paramref name="alias"/> at the
    /// result (clearing any routing), and makes it the function's default alias. This is what each <c>fathom up</c> build does.
    /// </summary>
    public Task<DeployResult> DeployAsync(
        string function, string artifactHash, string configHash, string configJson, string alias = Qualifiers.DefaultAlias,
        string reason = ReleaseReasons.Deploy, string? description = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(function);
        ValidateAliasName(alias);
        return WriteAsync(async (connection, transaction, now) =>
        {
            var published = await PublishCoreAsync(connection, transaction, function, artifactHash, configHash, configJson, description, now, cancellationToken)
                .ConfigureAwait(false);
            var functionId = (await FindFunctionAsync(connection, transaction, function, cancellationToken).ConfigureAwait(false))!.Value;
            var (_, previous, moved) = await SetAliasCoreAsync(
                connection, transaction, functionId, function, alias, published.Version.Number, null, reason, now, cancellationToken).ConfigureAwait(false);
            await using var command = SqliteValues.Command(connection, transaction,
                "UPDATE functions SET default_alias = $alias WHERE id = $id", ("$alias", alias), ("$id", functionId));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return new DeployResult(published.Version, published.Created, alias, previous, moved);
        }, cancellationToken);
    }

    /// <summary>Releases pooled connections so the database file can be moved or deleted.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        _writeLock.Dispose();
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,128}$")]
    private static partial Regex AliasName();

    private static void ValidateAliasName(string alias)
    {
        ArgumentException.ThrowIfNullOrEmpty(alias);
        if (!AliasName().IsMatch(alias) || alias.All(char.IsAsciiDigit))
        {
            throw new DeploymentException(
                $"'{alias}' is not a valid alias name: use letters, digits, '-' and '_' (at most 128), not only digits.");
        }
    }

    private async Task<T> WriteAsync<T>(
        Func<SqliteConnection, SqliteTransaction, DateTimeOffset, Task<T>> write, CancellationToken cancellationToken, Func<T, string?>? crashAfterCommit = null)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenConnectionAsync(_connectionString, cancellationToken).ConfigureAwait(false);
            T result;
            await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
            {
                result = await write(connection, transaction, _options.TimeProvider.GetUtcNow()).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            if (crashAfterCommit?.Invoke(result) is { } point)
            {
                _crash.Reach(point);
            }

            // The snapshot is rebuilt from what was committed, so State never shows a write the file does not hold.
            var state = await DeploymentStateReader.ReadAsync(connection, _environmentId, _state.Generation + 1, _options.NextDouble, CancellationToken.None)
                .ConfigureAwait(false);
            Volatile.Write(ref _state, state);
            StateChanged?.Invoke(state);
            await DrainOutboxAsync(connection, CancellationToken.None).ConfigureAwait(false);
            return result;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static async Task<SqliteConnection> OpenConnectionAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }
}
