using System.Linq.Expressions;
using System.Reflection;

namespace VirtualOperator.Emulator.Storage;

/// <summary>
/// What a LiteDB round trip does to a row's values, done to rows kept in memory instead (<see cref="MemoryTable{T}"/>), so
/// that what a read answers does not depend on whether the row went through LiteDB (a data file, a bundle) or not:
/// an empty string is read back as null (the mapper's <c>EmptyStringToNull</c>) and a time keeps whole milliseconds
/// (<see cref="DateTime.MinValue"/> and <see cref="DateTime.MaxValue"/> stay as they are, as LiteDB keeps them).
/// </summary>
public static class StoredForm<T>
{
    /// <summary>Changes <typeparamref name="T"/>'s own settable string and time properties in place (not nested objects).</summary>
    public static readonly Action<T> Apply = Build();

    private static Action<T> Build()
    {
        var row = Expression.Parameter(typeof(T), "row");
        var steps = new List<Expression>();
        foreach (var p in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p.CanRead && p.CanWrite && p.GetIndexParameters().Length == 0))
        {
            var value = Expression.Property(row, p);
            if (p.PropertyType == typeof(string))
            {
                // A property computed from a compact form names its own emptiness test: reading it would build the text.
                Expression isEmpty = p.GetCustomAttribute<EmptyWhenAttribute>() is { } when
                    ? Expression.PropertyOrField(row, when.Member)
                    : Expression.Equal(value, Expression.Constant(""));
                steps.Add(Expression.IfThen(isEmpty, Expression.Assign(value, Expression.Constant(null, typeof(string)))));
            }
            else if (p.PropertyType == typeof(DateTime))
                steps.Add(Expression.Assign(value, Expression.Call(typeof(StoredForm).GetMethod(nameof(StoredForm.Milliseconds), [typeof(DateTime)])!, value)));
            else if (p.PropertyType == typeof(DateTime?))
                steps.Add(Expression.Assign(value, Expression.Call(typeof(StoredForm).GetMethod(nameof(StoredForm.Milliseconds), [typeof(DateTime?)])!, value)));
        }
        return steps.Count == 0 ? _ => { } : Expression.Lambda<Action<T>>(Expression.Block(steps), row).Compile();
    }
}

/// <summary>
/// On a string property whose getter builds its text from a compact form (a message body, a due key): the bool property
/// or field of the same row, <paramref name="member"/>, that is true exactly when the text is "". <see cref="StoredForm{T}"/>
/// tests that instead of reading the text on every write.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class EmptyWhenAttribute(string member) : Attribute
{
    public string Member { get; } = member;
}

public static class StoredForm
{
    public static DateTime Milliseconds(DateTime t) =>
        t == DateTime.MinValue || t == DateTime.MaxValue ? t : new DateTime(t.Ticks - t.Ticks % TimeSpan.TicksPerMillisecond, t.Kind);

    public static DateTime? Milliseconds(DateTime? t) => t is { } v ? Milliseconds(v) : null;
}
