using System.Globalization;
using System.Text;
using CompetitivePosts.Domain;
using MiniExcelLibs;

namespace CompetitivePosts.Web.Features.Common;

/// <summary>A file that cannot be read as a table at all: the whole file is refused with this message.</summary>
public sealed class SpreadsheetException(DomainMessage problem) : Exception(problem.ToString())
{
    public DomainMessage Problem { get; } = problem;
}

/// <summary>One data row: its number as the user sees it in Excel (the header is row 1) and its cells by header.</summary>
public sealed record SheetRow(int Number, IReadOnlyDictionary<string, object?> Cells);

public sealed record Sheet(IReadOnlyList<string> Headers, IReadOnlyList<SheetRow> Rows);

/// <summary>
/// Reading and writing spreadsheets, in one place for every import and export: .xlsx through MiniExcel,
/// .csv in UTF-8 (with or without BOM) or GB18030/GBK as Excel in China saves it, with limits on size and
/// rows and a plain refusal of anything that is not a spreadsheet.
/// </summary>
public static class Spreadsheets
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxRows = 20_000;
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    static Spreadsheets() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Reads the first sheet; the first row holds the headers. Throws <see cref="SpreadsheetException"/>.</summary>
    public static Sheet Read(string fileName, byte[] content, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length == 0)
        {
            throw Refuse("The file is empty.");
        }

        if (content.Length > MaxBytes)
        {
            throw Refuse("The file is larger than {0} MB.", MaxBytes / 1024 / 1024);
        }

        var extension = Path.GetExtension(fileName).ToUpperInvariant();
        var rows = extension switch
        {
            ".XLSX" => ReadXlsx(content),
            ".CSV" => ReadCsv(content),
            ".XLS" => throw Refuse("This is an old .xls file; save it as .xlsx in Excel and import it again."),
            _ => throw Refuse("Choose an .xlsx or .csv file."),
        };
        return Collect(rows, progress);
    }

    /// <summary>An .xlsx with one sheet: a header row, then the rows, values in header order.</summary>
    public static byte[] WriteXlsx(string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows) =>
        WriteXlsx([(sheetName, headers, rows)]);

    public static byte[] WriteXlsx(IEnumerable<(string SheetName, IReadOnlyList<string> Headers, IEnumerable<IReadOnlyList<object?>> Rows)> sheets)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        var book = new Dictionary<string, object>();
        foreach (var (name, headers, rows) in sheets)
        {
            // The header row is written as data so that a sheet with no rows still has its headers.
            book[name] = new[] { headers.Cast<object?>().ToList() }.Concat(rows.Select(r => r.ToList()))
                .Select(values => headers.Select((h, i) => (Key: "C" + i.ToString(CultureInfo.InvariantCulture), Value: i < values.Count ? values[i] : null))
                    .ToDictionary(x => x.Key, x => x.Value))
                .ToList();
        }

        using var stream = new MemoryStream();
        stream.SaveAs(book, printHeader: false, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static List<IReadOnlyList<object?>> ReadXlsx(byte[] content)
    {
        // An .xlsx is a zip archive: anything else renamed to .xlsx is refused before MiniExcel sees it.
        if (content is not [0x50, 0x4B, 0x03, 0x04, ..])
        {
            throw content is [0xD0, 0xCF, 0x11, 0xE0, ..]
                ? Refuse("This is an old .xls file; save it as .xlsx in Excel and import it again.")
                : Refuse("The file is not an Excel workbook (.xlsx), although its name says so.");
        }

        List<IReadOnlyList<object?>> rows = [];
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: false, excelType: ExcelType.XLSX))
            {
                rows.Add([.. row.Values]);
                if (rows.Count > MaxRows + 1)
                {
                    break;
                }
            }
        }
#pragma warning disable CA1031 // A damaged archive fails in many ways inside MiniExcel; each means "not a workbook".
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            throw Refuse("The file is not an Excel workbook (.xlsx), although its name says so.");
        }

        return rows;
    }

    private static List<IReadOnlyList<object?>> ReadCsv(byte[] content)
    {
        if (Array.IndexOf(content, (byte)0) >= 0)
        {
            throw Refuse("The file is not a text (.csv) file.");
        }

        string text;
        if (content is [0xEF, 0xBB, 0xBF, ..])
        {
            text = Encoding.UTF8.GetString(content, 3, content.Length - 3);
        }
        else
        {
            try
            {
                text = StrictUtf8.GetString(content);
            }
            catch (DecoderFallbackException)
            {
                // Not UTF-8: Excel in China saves CSV in the system code page, GBK, which GB18030 contains.
                text = Encoding.GetEncoding("GB18030").GetString(content);
            }
        }

        return ParseCsv(text);
    }

    /// <summary>RFC 4180: commas, quoted fields with doubled quotes and line breaks inside quotes.</summary>
    internal static List<IReadOnlyList<object?>> ParseCsv(string text)
    {
        var rows = new List<IReadOnlyList<object?>>();
        var row = new List<object?>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (ch == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (ch is '\r' or '\n')
            {
                if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                if (rows.Count > MaxRows + 1)
                {
                    return rows;
                }
            }
            else
            {
                field.Append(ch);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }

    private static Sheet Collect(IEnumerable<IReadOnlyList<object?>> raw, IProgress<double>? progress)
    {
        var all = raw.ToList();
        if (all.Count == 0 || all[0].All(IsBlank))
        {
            throw Refuse("The file has no header row.");
        }

        var headers = all[0].Select(h => Convert.ToString(h, CultureInfo.InvariantCulture)?.Trim() ?? "").ToList();
        var rows = new List<SheetRow>();
        for (var i = 1; i < all.Count; i++)
        {
            if (all[i].All(IsBlank))
            {
                continue;
            }

            if (rows.Count == MaxRows)
            {
                throw Refuse("The file has more than {0} rows; split it into smaller files.", MaxRows);
            }

            var cells = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var c = 0; c < headers.Count; c++)
            {
                if (headers[c].Length > 0)
                {
                    cells[headers[c]] = c < all[i].Count ? all[i][c] : null;
                }
            }

            rows.Add(new SheetRow(i + 1, cells));
            if (i % 500 == 0)
            {
                progress?.Report((double)i / all.Count);
            }
        }

        if (rows.Count == 0)
        {
            throw Refuse("The file has no data rows.");
        }

        progress?.Report(1);
        return new Sheet(headers, rows);
    }

    private static bool IsBlank(object? value) => value is null || (value is string s && string.IsNullOrWhiteSpace(s));

    private static SpreadsheetException Refuse(string key, params object[] args) => new(new DomainMessage(key, args));
}
