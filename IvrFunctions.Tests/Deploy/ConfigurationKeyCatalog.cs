using System.Collections;
using System.Reflection;
using IvrFunctions.Core.Configuration;
using Microsoft.Extensions.Configuration;

namespace IvrFunctions.Tests.Deploy;

/// <summary>
/// Every configuration key the app's options classes bind, found by reflection so keys added later are included without
/// touching the tests. An options class is any class in IvrFunctions.Core with a <c>public const string SectionName</c>
/// (OptionsBindingConventionTests keeps binding code to that convention). A key "has a default" when a freshly
/// constructed options object already holds a usable value for it: not null, not empty or blank text, not an empty
/// collection. Keys without a default are the ones a deployment has to set.
/// </summary>
static class ConfigurationKeyCatalog
{
    const int MaxDepth = 6;

    /// <param name="Key">Environment-variable form: <c>Section__Property</c> (<c>__N</c> elements follow for a collection).</param>
    public sealed record Entry(string Key, Type OptionsType, bool IsCollection, bool HasDefault)
    {
        /// <summary>Whether an app setting name sets this key (for a collection: any element of it).</summary>
        public bool IsSetBy(string setting) =>
            setting.Equals(Key, StringComparison.OrdinalIgnoreCase)
            || (IsCollection && setting.StartsWith(Key + "__", StringComparison.OrdinalIgnoreCase));
    }

    static readonly Lazy<IReadOnlyList<Type>> Types = new(() =>
    [
        .. typeof(IvrOptions).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && SectionNameOf(type) is not null)
            .OrderBy(type => type.FullName, StringComparer.Ordinal),
    ]);

    static readonly Lazy<IReadOnlyList<Entry>> Entries = new(() =>
        [.. Types.Value.SelectMany(type => Walk(type, type, SectionNameOf(type)!.Replace(":", "__", StringComparison.Ordinal), Create(type), 0))]);

    public static IReadOnlyList<Type> OptionsTypes => Types.Value;

    public static IReadOnlyList<Entry> All => Entries.Value;

    public static string? SectionNameOf(Type type) =>
        type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field && field.FieldType == typeof(string)
            ? (string?)field.GetRawConstantValue()
            : null;

    static object? Create(Type type) =>
        type.GetConstructor(Type.EmptyTypes) is not null ? Activator.CreateInstance(type) : null;

    static IEnumerable<Entry> Walk(Type optionsType, Type declaredType, string prefix, object? instance, int depth)
    {
        var type = instance?.GetType() ?? declaredType;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is null)
            {
                continue;
            }

            var name = property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? property.Name;
            var key = $"{prefix}__{name}";
            var settable = property.SetMethod is { IsPublic: true };
            var value = instance is null ? null : property.GetValue(instance);
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;

            if (IsScalar(propertyType))
            {
                // Get-only scalars are computed (HasCredentials and the like), not configuration.
                if (settable)
                {
                    yield return new Entry(key, optionsType, IsCollection: false, HasDefault: HasValue(value));
                }
            }
            else if (typeof(IEnumerable).IsAssignableFrom(propertyType))
            {
                if (settable || value is not null)
                {
                    yield return new Entry(key, optionsType, IsCollection: true, HasDefault: value is IEnumerable items && items.GetEnumerator().MoveNext());
                }
            }
            else if (depth < MaxDepth && (settable || value is not null))
            {
                foreach (var entry in Walk(optionsType, propertyType, key, value ?? Create(propertyType), depth + 1))
                {
                    yield return entry;
                }
            }
        }
    }

    static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Uri)
        || type == typeof(TimeSpan) || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Guid)
        || type == typeof(DateOnly) || type == typeof(TimeOnly);

    static bool HasValue(object? value) => value switch
    {
        null => false,
        string text => !string.IsNullOrWhiteSpace(text),
        Uri uri => !string.IsNullOrWhiteSpace(uri.OriginalString),
        _ => true,
    };
}
