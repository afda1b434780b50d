using System.Linq.Expressions;

namespace Roster.Querying;

/// <summary>
/// A value read through a member of a constant, which EF Core sends as a SQL parameter instead of inlining it:
/// user input never becomes SQL text, and queries differing only in values share one cached plan.
/// </summary>
internal sealed class RqlParameter<TValue>(TValue value)
{
    public TValue Value { get; } = value;

    public static Expression Of(TValue value) =>
        Expression.Property(Expression.Constant(new RqlParameter<TValue>(value)), nameof(Value));
}

/// <summary>Grafts a declared lambda's body onto another parameter, so declarations compose into one tree.</summary>
internal sealed class ParameterSwap(ParameterExpression from, Expression to) : ExpressionVisitor
{
    public static Expression Body(LambdaExpression lambda, Expression to) =>
        new ParameterSwap(lambda.Parameters[0], to).Visit(lambda.Body);

    protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
}
