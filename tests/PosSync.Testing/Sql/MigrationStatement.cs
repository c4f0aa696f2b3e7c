using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace PosSync.Testing.Sql;

/// <summary>One parsed statement of a SQL Server migration, with the script's name for messages.</summary>
public sealed record MigrationStatement(string Migration, TSqlStatement Statement)
{
    /// <summary>The statement's own text, as written in the script.</summary>
    public string Text => string.Concat(Enumerable.Range(Statement.FirstTokenIndex, Statement.LastTokenIndex - Statement.FirstTokenIndex + 1)
        .Select(i => Statement.ScriptTokenStream[i].Text));
}
