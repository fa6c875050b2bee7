using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Fathom.Telemetry.Logs;

/// <summary>
/// The SELECT for a <see cref="LogQuery"/>. With full-text terms a text shard's FTS index drives the loop (CROSS JOIN
/// keeps it outermost) and streams rowids in the page's order, so a newest-first page stops after LIMIT matches instead
/// of collecting every match; everything else is verified on the joined row, which also drops rows retention deleted.
/// User text only ever reaches SQL as a bound parameter.
/// </summary>
internal sealed class LogSql
{
    private readonly List<string> _where = [];
    private readonly List<string> _fts = [];
    private readonly List<(string Name, object Value)> _parameters = [];
    private readonly LogQuery _query;

    public LogSql(LogQuery query)
    {
        _query = query;
        foreach (var term in query.Filter?.Terms ?? [])
        {
            AddTerm(term);
        }

        Equal("l.app", query.App);
        Equal("l.environment", query.Environment);
        Equal("l.function", query.Function);
        Equal("l.version", query.Version);
        if (query.RequestId is { } requestId)
        {
            Equal("l.request_id", requestId);
            AddFts(FtsText.Request(requestId));
        }

        if (query.MinLevel is { } level)
        {
            _where.Add("l.level >= " + Bind((int)level));
        }

        if (query.Start is { } start)
        {
            _where.Add("l.time >= " + Bind(LogTime.ToMicroseconds(start)));
        }

        if (query.End is { } end)
        {
            _where.Add("l.time < " + Bind(LogTime.ToMicroseconds(end)));
        }
    }

    /// <summary>True when the query has full-text terms, so it runs once per text shard.</summary>
    public bool HasText => _fts.Count > 0;

    /// <summary>The command for one page: over <paramref name="textShard"/>'s index when <see cref="HasText"/>, else over
    /// <c>lines</c> alone.</summary>
    public SqliteCommand Command(SqliteConnection connection, int limit, long? textShard)
    {
        var command = connection.CreateCommand();
        foreach (var (name, value) in _parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var where = new List<string>(_where);
        var from = "lines l";
        var seq = "l.seq";
        if (HasText)
        {
            var table = TextShards.TableName(textShard ?? throw new ArgumentNullException(nameof(textShard)));
            from = $"{table} f CROSS JOIN lines l";
            seq = "f.rowid";
            command.Parameters.AddWithValue("$fts", string.Join(" AND ", _fts));
            where.Insert(0, $"f.{table} MATCH $fts AND l.seq = f.rowid");
        }

        if (_query.Before is { } before)
        {
            where.Add($"{seq} < $before");
            command.Parameters.AddWithValue("$before", before);
        }

        if (_query.After is { } after)
        {
            where.Add($"{seq} > $after");
            command.Parameters.AddWithValue("$after", after);
        }

        command.Parameters.AddWithValue("$limit", limit);
        var filter = where.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", where);
        command.CommandText = $"SELECT {LogRows.Columns} FROM {from} {filter} ORDER BY {seq} {(_query.Ascending ? "ASC" : "DESC")} LIMIT $limit";
        return command;
    }

    private void AddTerm(LogFilterTerm term)
    {
        switch (term)
        {
            case TextTerm text when FtsText.HasTokens(text.Text):
                _fts.Add(FtsText.Text(text.Text));
                break;
            case TextTerm text:
                var value = Bind(text.Text);
                _where.Add($"(instr(l.message, {value}) > 0 OR instr(l.fields, {value}) > 0)");
                break;
            case FieldTerm field:
                AddFts(FtsText.FieldPhrase(field));
                _where.Add(FieldPredicate(field));
                break;
            case LevelTerm level:
                _where.Add($"l.level {Sql(level.Operator)} {Bind((int)level.Level)}");
                break;
            case ColumnTerm { Column: "request_id", Operator: FilterOperator.Equal } column:
                AddFts(FtsText.Request(column.Value));
                _where.Add($"l.request_id = {Bind(column.Value)}");
                break;
            case ColumnTerm column:
                // IS NOT keeps rows whose column is NULL (lines outside any request) in a != filter.
                _where.Add($"l.{column.Column} {(column.Operator == FilterOperator.Equal ? "=" : "IS NOT")} {Bind(column.Value)}");
                break;
        }
    }

    private string FieldPredicate(FieldTerm term)
    {
        var path = Bind(FieldValue.JsonPath(term.Path));
        var type = $"json_type(l.fields, {path})";
        var value = $"json_extract(l.fields, {path})";
        var text = Bind(term.Value);
        string equal;
        if (FieldValue.IsNumber(term.Value))
        {
            var number = Bind(FieldValue.Number(term.Value));
            if (term.Operator is not (FilterOperator.Equal or FilterOperator.NotEqual))
            {
                return $"({type} IN ('integer', 'real') AND {value} {Sql(term.Operator)} {number})";
            }

            equal = $"({type} IN ('integer', 'real') AND {value} = {number} OR {type} = 'text' AND {value} = {text})";
        }
        else
        {
            if (term.Operator is not (FilterOperator.Equal or FilterOperator.NotEqual))
            {
                return $"({type} = 'text' AND {value} {Sql(term.Operator)} {text})";
            }

            // true, false and null are JSON types of their own; the names are fixed strings, not user text.
            var literal = term.Value is "true" or "false" or "null" ? $"{type} = '{term.Value}' OR " : string.Empty;
            equal = $"({literal}{type} = 'text' AND {value} = {text})";
        }

        return term.Operator == FilterOperator.Equal ? equal : $"({type} IS NOT NULL AND NOT {equal})";
    }

    private void AddFts(string? expression)
    {
        if (expression is not null)
        {
            _fts.Add(expression);
        }
    }

    private void Equal(string column, string? value)
    {
        if (value is not null)
        {
            _where.Add($"{column} = {Bind(value)}");
        }
    }

    private string Bind(object value)
    {
        var name = "$p" + _parameters.Count.ToString(CultureInfo.InvariantCulture);
        _parameters.Add((name, value));
        return name;
    }

    private static string Sql(FilterOperator op) => op switch
    {
        FilterOperator.Equal => "=",
        FilterOperator.NotEqual => "<>",
        FilterOperator.Greater => ">",
        FilterOperator.GreaterOrEqual => ">=",
        FilterOperator.Less => "<",
        _ => "<=",
    };
}
