using Microsoft.Data.Sqlite;

namespace Fathom.Telemetry.Logs;

/// <summary>
/// Builds the SELECT for a <see cref="LogQuery"/>. With full-text terms the FTS index drives the loop (CROSS JOIN keeps
/// it outermost) and streams rowids in the page's order, so a newest-first page stops after LIMIT matches instead of
/// collecting every match; everything else is verified on the joined row. User text only ever reaches SQL as a bound
/// parameter.
/// </summary>
internal sealed class LogSql
{
    private readonly List<string> _where = [];
    private readonly List<string> _fts = [];
    private readonly SqliteCommand _command;

    private LogSql(SqliteCommand command) => _command = command;

    public static SqliteCommand Build(SqliteConnection connection, LogQuery query, int limit)
    {
        var sql = new LogSql(connection.CreateCommand());
        return sql.Compose(query, limit);
    }

    private SqliteCommand Compose(LogQuery query, int limit)
    {
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

        var useFts = _fts.Count > 0;
        var seq = useFts ? "f.rowid" : "l.seq";
        if (query.Before is { } before)
        {
            _where.Add($"{seq} < {Bind(before)}");
        }

        if (query.After is { } after)
        {
            _where.Add($"{seq} > {Bind(after)}");
        }

        var from = "lines l";
        if (useFts)
        {
            from = "lines_fts f CROSS JOIN lines l";
            _where.Insert(0, $"f.lines_fts MATCH {Bind(string.Join(" AND ", _fts))} AND l.seq = f.rowid");
        }

        var where = _where.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", _where);
        _command.CommandText = $"SELECT {LogRows.Columns} FROM {from} {where} ORDER BY {seq} {(query.Ascending ? "ASC" : "DESC")} LIMIT {Bind(limit)}";
        return _command;
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
        var name = "$p" + _command.Parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _command.Parameters.AddWithValue(name, value);
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
