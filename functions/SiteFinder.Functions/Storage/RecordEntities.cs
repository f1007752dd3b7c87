using System.Reflection;
using Azure.Data.Tables;

namespace SiteFinder.Functions.Storage;

/// <summary>
/// Maps a plain domain record to a table entity and back by its public properties, so a stored
/// type is described once (the record) and not again, field by field, in each direction. The
/// record's key property is the row key and is not stored twice. Properties the entity lacks keep
/// the record's defaults.
/// </summary>
public static class RecordEntities<T>
    where T : class
{
    private static readonly PropertyInfo[] Properties = [.. typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.CanWrite)];

    public static TableEntity ToEntity(T record, string partitionKey, string rowKey, string keyProperty)
    {
        ArgumentNullException.ThrowIfNull(record);
        var entity = new TableEntity(partitionKey, rowKey);
        foreach (var property in Properties.Where(p => p.Name != keyProperty))
            entity[property.Name] = property.GetValue(record);
        return entity;
    }

    public static T FromEntity(TableEntity entity, string keyProperty)
    {
        ArgumentNullException.ThrowIfNull(entity);
        // Required members are a compile-time promise; every stored row carries them.
        var record = (T)Activator.CreateInstance(typeof(T))!;
        foreach (var property in Properties)
        {
            if (property.Name == keyProperty)
                property.SetValue(record, entity.RowKey);
            else if (entity.TryGetValue(property.Name, out var value) && value is not null)
                property.SetValue(record, Convert(value, property.PropertyType));
        }

        return record;
    }

    /// <summary>Table Storage gives back what it stores: Int32 as int, Int64 as long, DateTimeOffset as such (or DateTime).</summary>
    private static object Convert(object value, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return value switch
        {
            _ when target.IsInstanceOfType(value) => value,
            DateTime time when target == typeof(DateTimeOffset) => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
            _ => System.Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
