using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Core.Pipeline;
using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Storage;
using IvrFunctions.SelfHost.Azurite;

namespace IvrFunctions.Tests.Infrastructure;

/// <summary>
/// An Azurite of its own that stands in for a storage account reached through managed identity: HTTPS with a self-signed
/// certificate made for it, and bearer tokens accepted (<c>--oauth basic</c>, which needs HTTPS; Azurite then checks a
/// token's issuer, audience and lifetime, not its signature). Only clients built on <see cref="CreateHandler"/> or
/// <see cref="CreateTransport"/> trust the certificate, and only this one; nothing is added to any trust store.
/// </summary>
public sealed class OAuthAzurite : IAsyncDisposable
{
    readonly AzuriteProcess _process;
    readonly DirectoryInfo _folder;

    OAuthAzurite(AzuriteProcess process, DirectoryInfo folder, X509Certificate2 certificate)
    {
        _process = process;
        _folder = folder;
        Certificate = certificate;
    }

    public X509Certificate2 Certificate { get; }

    public AzuriteSettings Settings => _process.Settings;

    public static async Task<OAuthAzurite> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("ivr-azurite-oauth-");
        try
        {
            var certificate = CreateCertificate(out var keyPem);
            var https = new AzuriteHttps(Path.Combine(folder.FullName, "cert.pem"), Path.Combine(folder.FullName, "key.pem"), OAuth: true);
            await File.WriteAllTextAsync(https.CertificatePath, certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(https.KeyPath, keyPem);
            for (var attempt = 1; ; attempt++)
            {
                var settings = new AzuriteSettings(AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), DataFolder: null, https);
                try
                {
                    return new OAuthAzurite(await AzuriteProcess.StartAsync(settings), folder, certificate);
                }
                catch (InvalidOperationException) when (attempt < 3)
                {
                    // A "free" port was taken before Azurite bound it: try new ports.
                }
            }
        }
        catch
        {
            folder.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>A handler that accepts this Azurite's certificate and no other (the system's trusted roots play no part).</summary>
    public HttpMessageHandler CreateHandler()
    {
        var expected = Certificate.GetCertHashString(HashAlgorithmName.SHA256);
        return new SocketsHttpHandler
        {
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, presented, _, _) =>
                    presented is not null && presented.GetCertHashString(HashAlgorithmName.SHA256) == expected,
            },
        };
    }

    public HttpPipelineTransport CreateTransport() => new HttpClientTransport(CreateHandler());

    /// <summary>Our storage clients configured as in Azure (service URIs, no connection string), signing in with <paramref name="credential"/>.</summary>
    public StorageAccount CreateStorageAccount(TokenCredential credential) => new(
        new StorageOptions { BlobServiceUri = Settings.BlobServiceUri, TableServiceUri = Settings.TableServiceUri },
        credential,
        CreateTransport());

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Certificate.Dispose();
        _folder.Delete(recursive: true);
    }

    static X509Certificate2 CreateCertificate(out string keyPem)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, 0, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false)); // server authentication
        keyPem = key.ExportPkcs8PrivateKeyPem();
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }
}
