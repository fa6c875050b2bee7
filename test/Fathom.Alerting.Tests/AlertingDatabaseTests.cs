using Fathom.Alerting.Storage;

namespace Fathom.Alerting.Tests;

public sealed class AlertingDatabaseTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fathom-alerting-").FullName;

    [Fact]
    public void A_database_written_by_a_newer_Fathom_is_refused_with_a_message()
    {
        using (var connection = AlertingDatabase.Open(_dir))
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"PRAGMA user_version = {AlertingDatabase.Version + 1};";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<InvalidOperationException>(() => AlertingDatabase.Open(_dir).Dispose());
        Assert.Contains("newer Fathom", error.Message);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
