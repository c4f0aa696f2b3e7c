using System.Data.Common;
using PosSync.Storage;

namespace PosSync.Cli.Support;

/// <summary>What a command says when the database stopped it: one line, which database, what it answered.</summary>
public static class DatabaseProblem
{
    public static string Line(string database, DbException error)
    {
        var what = TransientDatabaseErrors.IsTransient(error)
            ? "is locked or unavailable"
            : "cannot be used";
        var answer = error.Message.ReplaceLineEndings(" ");
        return $"error: the database {database} {what}: {answer}. Nothing more was done; run the command again once the database is free.";
    }
}
