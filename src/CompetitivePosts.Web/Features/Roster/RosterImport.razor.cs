using CompetitivePosts.Domain;
using CompetitivePosts.Web.Features.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace CompetitivePosts.Web.Features.Roster;

public partial class RosterImport
{
    private CompetitionHeader? _header;
    private ImportRoster.Preview? _preview;
    private bool _reading;
    private double _progress;
    private string? _fileName;
    private int _shown = 500;

    [Inject]
    private ImportRoster.Handler Importer { get; set; } = default!;

    [Inject]
    private RosterHandler Roster { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Parameter]
    public int Id { get; set; }

    [SupplyParameterFromQuery(Name = "kind")]
    public string? Kind { get; set; }

    private RosterFile File => Kind == "posts" ? RosterFile.Posts : RosterFile.Cadres;

    private string TemplatePath => File == RosterFile.Cadres ? ExportRoster.CadreTemplatePath : ExportRoster.PostTemplatePath;

    protected override async Task LoadAsync() => _header = (await Roster.GetAsync(Id, Actor)).Header;

    private async Task CheckAsync(IBrowserFile? file)
    {
        if (file is null)
        {
            return;
        }

        _preview = null;
        _reading = true;
        _progress = 0;
        _shown = 500;
        _fileName = file.Name;
        StateHasChanged();
        try
        {
            byte[] content;
            if (file.Size > Spreadsheets.MaxBytes)
            {
                // Refused before the upload: the content is never read.
                content = new byte[Spreadsheets.MaxBytes + 1];
            }
            else
            {
                content = await ReadAsync(file);
            }

            var progress = new Progress<double>(v =>
            {
                _progress = 0.3 + (0.7 * v);
                _ = InvokeAsync(StateHasChanged);
            });
            _preview = await Importer.PreviewAsync(Id, Actor, File, file.Name, content, progress);
        }
        catch (DomainException ex)
        {
            Snackbar.Add(Localizer.Message(ex), MudBlazor.Severity.Error);
        }
        finally
        {
            _reading = false;
        }
    }

    /// <summary>Uploads in chunks so that the bar moves while a large file comes over the circuit.</summary>
    private async Task<byte[]> ReadAsync(IBrowserFile file)
    {
        using var target = new MemoryStream((int)file.Size);
        await using var source = file.OpenReadStream(Spreadsheets.MaxBytes);
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await source.ReadAsync(buffer)) > 0)
        {
            target.Write(buffer, 0, read);
            _progress = 0.3 * target.Length / Math.Max(1, file.Size);
            StateHasChanged();
        }

        return target.ToArray();
    }

    private async Task CommitAsync()
    {
        var preview = _preview!;
        if (await RunAsync(() => Importer.CommitAsync(Id, Actor, preview), "Imported."))
        {
            Navigation.NavigateTo($"/competitions/{Id}/roster");
        }
    }
}
