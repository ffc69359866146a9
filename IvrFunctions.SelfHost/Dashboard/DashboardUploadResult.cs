namespace IvrFunctions.SelfHost.Dashboard;

/// <summary>What <see cref="DashboardUploader"/> did: where the files went and the page's URL on the Blob endpoint.</summary>
public sealed record DashboardUploadResult(Uri ContainerUri, Uri PageUri, int Files, long Bytes, bool PublicBlobAccess);
