using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace IvrFunctions.SelfHost.Dashboard;

/// <summary>The dashboard folder as static files, hiding what <see cref="DashboardSite.IsPublished"/> leaves out.</summary>
sealed class DashboardFileProvider(DashboardSite site) : IFileProvider
{
    readonly PhysicalFileProvider _files = new(site.Root);

    public IFileInfo GetFileInfo(string subpath) =>
        DashboardSite.IsPublished(subpath) ? _files.GetFileInfo(subpath) : new NotFoundFileInfo(subpath);

    public IDirectoryContents GetDirectoryContents(string subpath) => _files.GetDirectoryContents(subpath);

    public IChangeToken Watch(string filter) => _files.Watch(filter);
}
