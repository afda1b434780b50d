using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Roster.Data;

namespace Roster.Querying;

/// <summary>How like and ilike become SQL on one database. Everything else RQL needs is plain LINQ.</summary>
public abstract class RqlDialect
{
    private const string Escape = "\\";

    private static readonly MethodInfo LikeMethod = MethodOf((DbFunctions f, string s, string p) => f.Like(s, p, Escape));

    private protected RqlDialect()
    {
    }

    /// <summary>
    /// like is GLOB (case-sensitive); ilike and search are LIKE over text and pattern lower-cased by
    /// <see cref="SqliteFolding"/>, since SQLite's own LIKE folds ASCII letters only.
    /// </summary>
    public static RqlDialect Sqlite { get; } = new SqliteDialect();

    /// <summary>like is LIKE, ilike and search are ILIKE.</summary>
    public static RqlDialect Postgres { get; } = new PostgresDialect();

    public static RqlDialect For(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? Postgres : Sqlite;

    internal abstract Expression Like(Expression text, LikePattern pattern, bool ignoreCase);

    private protected static Expression Functions { get; } = Expression.Constant(EF.Functions);

    private protected static Expression EscapedLike(MethodInfo method, Expression text, LikePattern pattern) =>
        Expression.Call(method, Functions, text, RqlParameter<string>.Of(pattern.ToLike()), Expression.Constant(Escape));

    private protected static MethodInfo MethodOf(LambdaExpression call) => ((MethodCallExpression)call.Body).Method;

    private sealed class SqliteDialect : RqlDialect
    {
        private static readonly MethodInfo GlobMethod = MethodOf((DbFunctions f, string s, string p) => f.Glob(s, p));

        internal override Expression Like(Expression text, LikePattern pattern, bool ignoreCase) => ignoreCase
            ? EscapedLike(LikeMethod, Expression.Call(SqliteFolding.FoldMethod, text), pattern.Folded())
            : Expression.Call(GlobMethod, Functions, text, RqlParameter<string>.Of(pattern.ToGlob()));
    }

    private sealed class PostgresDialect : RqlDialect
    {
        private static readonly MethodInfo ILikeMethod = MethodOf((DbFunctions f, string s, string p) => f.ILike(s, p, Escape));

        internal override Expression Like(Expression text, LikePattern pattern, bool ignoreCase) =>
            EscapedLike(ignoreCase ? ILikeMethod : LikeMethod, text, pattern);
    }
}
