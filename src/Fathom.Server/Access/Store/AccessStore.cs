using Microsoft.Data.Sqlite;
using Fathom.Platform.Storage;

namespace Fathom.Server.Access.Store;

/// <summary><c>access.db</c> in the data directory: the bearer tokens and AWS access keys a <c>fathom server</c> issued,
/// and the audit of their creation and revocation. One connection taken in turns: a lookup is one primary-key read.</summary>
public sealed partial class AccessStore : IAwsAccessKeys, IDisposable
{
    public const string FileName = "access.db";

    /// <summary>How stale <c>last_used</c> may be: a busy token is not written on every request.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private readonly SqliteConnection _connection;
    private readonly AccessKeyCipher _cipher;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, DateTimeOffset> _lastUsedWritten = [];

    private AccessStore(SqliteConnection connection, AccessKeyCipher cipher, TimeProvider time) =>
        (_connection, _cipher, _time) = (connection, cipher, time);

    public static AccessStore Open(string dataDirectory, TimeProvider time)
    {
        Directory.CreateDirectory(dataDirectory);
        var cipher = AccessKeyCipher.Open(dataDirectory);
        var path = Path.GetFullPath(Path.Combine(dataDirectory, FileName));
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 30 }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;");
            StoreSchema.Ensure(connection, "access", AccessSchema.Version, AccessSchema.V1);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return new AccessStore(connection, cipher, time);
    }

    /// <summary>Issues a token or key; its secret is in the result and nowhere else.</summary>
    /// <exception cref="AccessStoreException">A live credential already has the name.</exception>
    public CreatedCredential Create(CredentialRequest request, string actor, string? source)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (List().Any(c => c.Name == request.Name && c.IsLive(now)))
            {
                throw new AccessStoreException($"a token named '{request.Name}' already exists; revoke it first or choose another name");
            }

            using var transaction = _connection.BeginTransaction();
            CreatedCredential created;
            if (request.Aws)
            {
                var (id, secret) = TokenText.NewAwsKey();
                Insert(transaction, "aws_keys", "secret_sealed", id, request, _cipher.Seal(id, secret), now);
                created = new CreatedCredential(Credential(id, IssuedCredential.Aws, request, now), secret);
            }
            else
            {
                var (id, secret, text) = TokenText.NewToken();
                Insert(transaction, "tokens", "secret_hash", id, request, TokenText.Hash(secret), now);
                created = new CreatedCredential(Credential(id, IssuedCredential.Bearer, request, now), text);
            }

            var scope = request.App is null ? "every app" : $"app {request.App}{(request.Environment is null ? "" : $" env {request.Environment}")}";
            Audit(transaction, now, actor, source, "token.create", $"{request.Name} ({created.Credential.Id})",
                $"{created.Credential.Kind}, role {AccessRoles.Name(request.Role)}, {scope}{(request.Expires is { } e ? $", expires {Time(e)}" : "")}");
            transaction.Commit();
            return created;
        }
    }

    /// <summary>Revokes the live credential with this name or id; null when there is none.</summary>
    public IssuedCredential? Revoke(string nameOrId, string actor, string? source)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            var match = List().FirstOrDefault(c => c.IsLive(now) && (c.Id == nameOrId || c.Name == nameOrId));
            if (match is null)
            {
                return null;
            }

            using var transaction = _connection.BeginTransaction();
            using (var update = Command($"UPDATE {Table(match.Kind)} SET revoked = $now WHERE id = $id", transaction, ("$now", Time(now)), ("$id", match.Id)))
            {
                update.ExecuteNonQuery();
            }

            Audit(transaction, now, actor, source, "token.revoke", $"{match.Name} ({match.Id})", match.Kind);
            transaction.Commit();
            return match with { Revoked = now };
        }
    }

    /// <summary>Every credential ever issued, live or not, oldest first; never a secret.</summary>
    public IReadOnlyList<IssuedCredential> List()
    {
        lock (_lock)
        {
            var all = new List<IssuedCredential>();
            foreach (var (table, kind) in (ReadOnlySpan<(string, string)>)[("tokens", IssuedCredential.Bearer), ("aws_keys", IssuedCredential.Aws)])
            {
                using var select = Command($"SELECT id, name, role, app, environment, created, expires, revoked, last_used FROM {table}", null);
                using var reader = select.ExecuteReader();
                while (reader.Read())
                {
                    all.Add(Read(reader, kind));
                }
            }

            return [.. all.OrderBy(c => c.Created).ThenBy(c => c.Id, StringComparer.Ordinal)];
        }
    }

    /// <summary>The live token this text is, or null (unknown, wrong secret, revoked, expired).</summary>
    public IssuedCredential? AuthenticateBearer(string text)
    {
        if (!TokenText.TryParse(text, out var id, out var secret))
        {
            return null;
        }

        var now = _time.GetUtcNow();
        lock (_lock)
        {
            using var select = Command("SELECT id, name, role, app, environment, created, expires, revoked, last_used, secret_hash FROM tokens WHERE id = $id", null, ("$id", id));
            using var reader = select.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            var credential = Read(reader, IssuedCredential.Bearer);
            if (!TokenText.Matches(secret, (byte[])reader[9]) || !credential.IsLive(now))
            {
                return null;
            }

            reader.Close();
            TouchLastUsed("tokens", id, now);
            return credential;
        }
    }

    /// <summary>The live access key with this id, its secret opened (<see cref="IAwsAccessKeys"/>).</summary>
    public AwsAccessKey? Find(string accessKeyId)
    {
        ArgumentNullException.ThrowIfNull(accessKeyId);
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            using var select = Command("SELECT id, name, role, app, environment, created, expires, revoked, last_used, secret_sealed FROM aws_keys WHERE id = $id", null, ("$id", accessKeyId));
            using var reader = select.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            var credential = Read(reader, IssuedCredential.Aws);
            if (!credential.IsLive(now) || _cipher.Open(accessKeyId, (byte[])reader[9]) is not { } secret)
            {
                return null;
            }

            reader.Close();
            TouchLastUsed("aws_keys", accessKeyId, now);
            return new AwsAccessKey(credential.Id, secret, credential.Name, credential.Role, credential.App, credential.Environment, credential.Expires);
        }
    }

    /// <summary>The audit of token changes, newest first.</summary>
    public IReadOnlyList<AccessAuditRecord> Audit(int limit = 100)
    {
        lock (_lock)
        {
            using var select = Command("SELECT id, at, actor, source, action, target, detail FROM audit ORDER BY id DESC LIMIT $limit", null, ("$limit", limit));
            using var reader = select.ExecuteReader();
            var rows = new List<AccessAuditRecord>();
            while (reader.Read())
            {
                rows.Add(new AccessAuditRecord(reader.GetInt64(0), ParseTime(reader.GetString(1)), reader.GetString(2), NullableString(reader, 3),
                    reader.GetString(4), reader.GetString(5), NullableString(reader, 6)));
            }

            return rows;
        }
    }

    public void Dispose() => _connection.Dispose();
}
