using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using NodaTime;
using NodaTime.Text;

namespace GemPix.Projections.Exports;

/// <summary>
/// <c>index.html</c>: the archive explained to the person it is about, readable offline in any browser (no scripts,
/// inline CSS): who they are to us, what we hold per category with links to the files, and the GDPR Art. 15(1)
/// statement. Every string is HTML-encoded, whether it came from their data or from the statement.
/// </summary>
internal sealed class IndexPage(
    Guid requestId,
    Guid subjectId,
    string? displayName,
    Instant generatedAt,
    IReadOnlyList<(ExportCategory Category, int Events)> categories,
    IReadOnlyList<(ExportImage Image, ImageStatus Status)> images,
    ProcessingStatement statement)
{
    public const string Path = "index.html";

    private const string Style =
        "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}"
        + "h1,h2{line-height:1.2}table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.4rem;text-align:left;vertical-align:top}"
        + "th{background:#f3f3f3}code{font-size:.9em}";

    private readonly StringBuilder _html = new();

    public string Render()
    {
        _html.Clear();
        _html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Your data at ")
            .Append(Encode(statement.Controller)).Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n");
        Who();
        Holdings();
        Images();
        Statement();
        _html.Append("<p>Every file in this archive is listed with its SHA-256 and size in <a href=\"manifest.json\">manifest.json</a>; ")
            .Append("each JSON file has a JSON Schema under <code>schema/</code>.</p>\n</body>\n</html>\n");
        return _html.ToString();
    }

    private void Who()
    {
        _html.Append("<h1>Your data at ").Append(Encode(statement.Controller)).Append("</h1>\n<p>");
        if (displayName is not null)
        {
            _html.Append("Hello ").Append(Encode(displayName)).Append(". ");
        }

        _html.Append("This is a copy of the personal data we hold about you (GDPR Art. 15), in formats other programs can read (Art. 20).</p>\n<dl>\n");
        Term("Your subject id (who you are to us)", $"<code>{subjectId}</code>");
        Term("Request", $"<code>{requestId}</code>");
        Term("Made at", Encode(InstantPattern.General.Format(generatedAt)));
        _html.Append("</dl>\n");
    }

    private void Holdings()
    {
        _html.Append("<h2>What we hold</h2>\n<table>\n<tr><th>Category</th><th>What it is</th><th>Records</th><th>Kept</th><th>Files</th></tr>\n");
        foreach (var (category, events) in categories)
        {
            var data = $"data/{category.Name}.json";
            _html.Append("<tr><td>").Append(Encode(category.Title)).Append("</td><td>").Append(Encode(category.Description))
                .Append("</td><td>").Append(events.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(Encode(statement.RetentionOf(category)))
                .Append("</td><td>").Append(Link(data)).Append("<br>").Append(Link(ExportSchemas.PathOf(category.Name))).Append("</td></tr>\n");
        }

        _html.Append("</table>\n");
    }

    private void Images()
    {
        var included = images.Count(i => i.Status == ImageStatus.Included);
        _html.Append("<h2>Images</h2>\n<p>").Append(included.ToString(CultureInfo.InvariantCulture)).Append(" included; ")
            .Append((images.Count - included).ToString(CultureInfo.InvariantCulture))
            .Append(" erased (deleted by you, purged by retention, or erased with your account), so there is nothing left to give you.</p>\n");
        if (included == 0)
        {
            return;
        }

        _html.Append("<ul>\n");
        foreach (var (image, _) in images.Where(i => i.Status == ImageStatus.Included))
        {
            _html.Append("<li>").Append(Link(image.Path)).Append("</li>\n");
        }

        _html.Append("</ul>\n");
    }

    private void Statement()
    {
        _html.Append("<h2>How we process your data (GDPR Art. 15(1))</h2>\n<h3>Purposes and legal bases</h3>\n<table>\n<tr><th>Purpose</th><th>Legal basis</th><th>What we do</th></tr>\n");
        foreach (var purpose in statement.Purposes)
        {
            _html.Append("<tr><td>").Append(Encode(purpose.Name)).Append("</td><td>").Append(Encode(purpose.LegalBasis))
                .Append("</td><td>").Append(Encode(purpose.Description)).Append("</td></tr>\n");
        }

        _html.Append("</table>\n");
        List("Recipients", statement.Recipients);
        _html.Append("<h3>Retention</h3>\n<p>Per category, in the column <em>Kept</em> of the table above.</p>\n");
        _html.Append("<h3>Source</h3>\n<p>").Append(Encode(statement.Source)).Append("</p>\n");
        List("Automated processing", statement.AutomatedProcessing.Activities);
        _html.Append("<p>").Append(statement.AutomatedProcessing.LegalOrSimilarlySignificantEffects
                ? "Some of it produces legal or similarly significant effects on you (GDPR Art. 22). "
                : "None of it produces legal effects concerning you or similarly significantly affects you (GDPR Art. 22). ")
            .Append(Encode(statement.AutomatedProcessing.Consequences)).Append("</p>\n");
        List("Your rights", statement.Rights);
        _html.Append("<h3>Transfers outside the EEA (Art. 15(2))</h3>\n<p>").Append(Encode(statement.Transfers)).Append("</p>\n");
        _html.Append("<h3>Contact</h3>\n<p>").Append(Encode(statement.Contact)).Append("</p>\n");
    }

    private void Term(string term, string definitionHtml) =>
        _html.Append("<dt>").Append(Encode(term)).Append("</dt><dd>").Append(definitionHtml).Append("</dd>\n");

    private void List(string heading, IEnumerable<string> items)
    {
        _html.Append("<h3>").Append(Encode(heading)).Append("</h3>\n<ul>\n");
        foreach (var item in items)
        {
            _html.Append("<li>").Append(Encode(item)).Append("</li>\n");
        }

        _html.Append("</ul>\n");
    }

    private static string Link(string path) => $"<a href=\"{Encode(path)}\"><code>{Encode(path)}</code></a>";

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
