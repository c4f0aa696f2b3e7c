using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.SqlClient;

namespace PosSync.Storage;

/// <summary>
/// Business dates are <c>date</c> in SQL Server and yyyy-MM-dd text in SQLite; ids are
/// uniqueidentifier in SQL Server and text in SQLite. These handlers let one store serve both.
/// </summary>
internal static class TypeHandlers
{
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
        SqlMapper.AddTypeHandler(new GuidHandler());
        SqlMapper.AddTypeHandler(new UtcDateTimeHandler());
        SqlMapper.AddTypeHandler(new ExecutionStatusHandler());
    }

    /// <summary>An execution's status is stored as its word.</summary>
    private sealed class ExecutionStatusHandler : SqlMapper.TypeHandler<Stores.ExecutionStatus>
    {
        public override void SetValue(IDbDataParameter parameter, Stores.ExecutionStatus value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value.Word;
        }

        public override Stores.ExecutionStatus Parse(object value) => Stores.ExecutionStatus.Parse((string)value);
    }

    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override void SetValue(IDbDataParameter parameter, DateOnly value)
        {
            if (parameter is SqlParameter)
            {
                parameter.DbType = DbType.Date;
                parameter.Value = value.ToDateTime(TimeOnly.MinValue);
            }
            else
            {
                parameter.DbType = DbType.String;
                parameter.Value = value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }
        }

        public override DateOnly Parse(object value) => value switch
        {
            DateTime moment => DateOnly.FromDateTime(moment),
            DateOnly date => date,
            string text => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => throw new DataException($"cannot read a business date from a {value.GetType().Name}"),
        };
    }

    private sealed class GuidHandler : SqlMapper.TypeHandler<Guid>
    {
        public override void SetValue(IDbDataParameter parameter, Guid value) => parameter.Value = value;

        public override Guid Parse(object value) => value switch
        {
            Guid id => id,
            string text => Guid.Parse(text),
            byte[] bytes => new Guid(bytes),
            _ => throw new DataException($"cannot read an id from a {value.GetType().Name}"),
        };
    }

    /// <summary>Every stored time is UTC; SQLite hands it back without a kind.</summary>
    private sealed class UtcDateTimeHandler : SqlMapper.TypeHandler<DateTime>
    {
        public override void SetValue(IDbDataParameter parameter, DateTime value)
        {
            parameter.DbType = parameter is SqlParameter ? DbType.DateTime2 : DbType.String;
            parameter.Value = parameter is SqlParameter
                ? value.ToUniversalTime()
                : value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
        }

        public override DateTime Parse(object value) => value switch
        {
            DateTime moment => DateTime.SpecifyKind(moment, DateTimeKind.Utc),
            string text => DateTime.SpecifyKind(DateTime.Parse(text, CultureInfo.InvariantCulture), DateTimeKind.Utc),
            _ => throw new DataException($"cannot read a time from a {value.GetType().Name}"),
        };
    }
}
