using System.Net.Http.Headers;
using System.Text.Json;
using Google.Apis.Auth.OAuth2;
using Google.Apis.Auth.OAuth2.Responses;
using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Errors;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Speech.Google;

/// <summary>
/// Authenticates Google REST calls: a service account (<c>Google:CredentialsJson</c>) gets an OAuth bearer token through
/// Google.Apis.Auth (cached and refreshed before expiry by the library), otherwise the API key goes in <c>?key=</c>.
/// The token endpoint is the key file's <c>token_uri</c>.
/// </summary>
public sealed class GoogleAuthenticator
{
    public const string Scope = "https://www.googleapis.com/auth/cloud-platform";

    readonly string? _apiKey;
    readonly Lazy<ServiceAccountCredential?> _credential;

    public GoogleAuthenticator(IOptions<GoogleOptions> options)
    {
        var google = options.Value;
        _apiKey = string.IsNullOrWhiteSpace(google.ApiKey) ? null : google.ApiKey.Trim();
        _credential = new(() => string.IsNullOrWhiteSpace(google.CredentialsJson) ? null : FromJson(google.CredentialsJson));
    }

    public bool UsesServiceAccount => _credential.Value is not null;

    /// <summary>
    /// Authenticates and sends a request built by <paramref name="createRequest"/>. With a service account, a 401 (token
    /// revoked or expired early) fetches a new token and resends once, as Google's error guidance says.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpClient client, Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        using (var request = createRequest())
        {
            await AuthenticateAsync(request, cancellationToken);
            var response = await client.SendAsync(request, cancellationToken);
            if (response.StatusCode != System.Net.HttpStatusCode.Unauthorized || _credential.Value is not { } credential)
            {
                return response;
            }

            response.Dispose();
            try
            {
                await credential.RequestAccessTokenAsync(cancellationToken);
            }
            catch (TokenResponseException ex)
            {
                throw new ClassifiedException(ErrorCategory.ProviderAuth, $"Google token refresh failed: {ex.Error?.Error}".Trim(), ex);
            }
        }

        using var retry = createRequest();
        await AuthenticateAsync(retry, cancellationToken);
        return await client.SendAsync(retry, cancellationToken);
    }

    /// <summary>Adds the key or bearer token to <paramref name="request"/>.</summary>
    public async Task AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_credential.Value is { } credential)
        {
            string token;
            try
            {
                token = await credential.GetAccessTokenForRequestAsync(cancellationToken: cancellationToken);
            }
            catch (TokenResponseException ex)
            {
                throw new ClassifiedException(ErrorCategory.ProviderAuth, $"Google token request failed: {ex.Error?.Error} {ex.Error?.ErrorDescription}".Trim(), ex);
            }
            catch (HttpRequestException ex)
            {
                throw new ClassifiedException(ErrorCategory.ProviderUnavailable, "Google token endpoint unreachable.", ex);
            }

            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return;
        }

        if (_apiKey is null)
        {
            throw new ClassifiedException(ErrorCategory.Configuration, "Google credentials are missing: set Google__ApiKey or Google__CredentialsJson.");
        }

        var uri = request.RequestUri!;
        var separator = string.IsNullOrEmpty(uri.Query) ? "?" : "&";
        request.RequestUri = new Uri(uri + separator + "key=" + Uri.EscapeDataString(_apiKey));
    }

    static ServiceAccountCredential FromJson(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var email = root.GetProperty("client_email").GetString();
            var key = root.GetProperty("private_key").GetString();
            var tokenUri = root.TryGetProperty("token_uri", out var uri) ? uri.GetString() : null;
            if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(key))
            {
                throw new ClassifiedException(ErrorCategory.Configuration, "Google__CredentialsJson lacks client_email or private_key.");
            }

            var initializer = new ServiceAccountCredential.Initializer(email, string.IsNullOrWhiteSpace(tokenUri) ? GoogleAuthConsts.OidcTokenUrl : tokenUri)
            {
                Scopes = [Scope],
            };
            return new ServiceAccountCredential(initializer.FromPrivateKey(key));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException or FormatException)
        {
            throw new ClassifiedException(ErrorCategory.Configuration, "Google__CredentialsJson is not a service-account key file (JSON with client_email, private_key, token_uri).", ex);
        }
    }
}
