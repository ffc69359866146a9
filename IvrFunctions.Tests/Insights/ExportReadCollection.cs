namespace IvrFunctions.Tests.Insights;

/// <summary>
/// Export tests and the record reader's storage tests run one class at a time: the export's heap bound is measured for the
/// whole process, and the reader tests move many thousands of records.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ExportReadCollection
{
    public const string Name = "Export reads";
}
