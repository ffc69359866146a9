# azd postprovision hook (Windows): publishes dashboard/ to the storage account's static website ($web) with a generated
# config.json (the API base URL), and knowledge-base/ (if present) to the knowledge base container.
# Needs the Azure CLI signed in (az login) as the deploying user, who gets the storage data roles from infra/app/rbac.bicep;
# shared-key access is off, so every call uses --auth-mode login. Re-run alone with: azd hooks run postprovision
$ErrorActionPreference = 'Stop'
Set-Location (Join-Path $PSScriptRoot '..')

foreach ($name in 'AZURE_STORAGE_ACCOUNT_NAME', 'AZURE_FUNCTION_APP_URL') {
    if (-not [Environment]::GetEnvironmentVariable($name)) {
        throw "$name is not set: run this through azd (azd up, azd provision or azd hooks run postprovision)"
    }
}
$account = $env:AZURE_STORAGE_ACCOUNT_NAME
$kbContainer = if ($env:AZURE_KNOWLEDGE_BASE_CONTAINER) { $env:AZURE_KNOWLEDGE_BASE_CONTAINER } else { 'knowledge-base' }
$apiBaseUrl = $env:AZURE_FUNCTION_APP_URL.TrimEnd('/') + '/api'
$attempts = if ($env:HOOK_RETRY_ATTEMPTS) { [int]$env:HOOK_RETRY_ATTEMPTS } else { 6 }
$pause = if ($env:HOOK_RETRY_SECONDS) { [int]$env:HOOK_RETRY_SECONDS } else { 20 }

# Role assignments made by the provisioning can take a few minutes to apply: retry data-plane calls.
function Invoke-WithRetry([string[]] $Arguments) {
    for ($n = 1; ; $n++) {
        & az @Arguments
        if ($LASTEXITCODE -eq 0) { return }
        if ($n -ge $attempts) { throw "postprovision: giving up after $n attempts: az $Arguments" }
        Write-Warning "postprovision: retrying in ${pause}s (new role assignments can take a few minutes to apply)"
        Start-Sleep -Seconds $pause
    }
}

az account show --output none 2>$null
if ($LASTEXITCODE -ne 0) {
    throw 'postprovision: the Azure CLI is not signed in; run az login (same account as azd auth login), then: azd hooks run postprovision'
}

# infra/app/storage.bicep enables the static website (blobServices API 2025-08-01); this makes sure of it.
az storage blob service-properties update --account-name $account --auth-mode login `
    --static-website --index-document index.html --404-document index.html --output none
if ($LASTEXITCODE -ne 0) {
    Write-Warning 'postprovision: could not confirm the static website setting with the CLI; the Bicep template enables it'
}

$site = Join-Path ([IO.Path]::GetTempPath()) ("ivr-dashboard-" + [Guid]::NewGuid().ToString('N'))
New-Item -ItemType Directory -Path $site | Out-Null
try {
    if (Test-Path dashboard) {
        Copy-Item -Path (Join-Path dashboard '*') -Destination $site -Recurse -Force
        # Only the page itself is published: not its build tooling (the same files the SelfHost refuses to serve).
        foreach ($tooling in 'node_modules', 'package.json', 'package-lock.json', 'vendor.mjs', '.gitignore') {
            Remove-Item -Path (Join-Path $site $tooling) -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
    @{ apiBaseUrl = $apiBaseUrl } | ConvertTo-Json | Set-Content -Path (Join-Path $site 'config.json') -Encoding utf8NoBOM
    Write-Host "postprovision: uploading the dashboard to `$web on $account"
    Invoke-WithRetry @('storage', 'blob', 'upload-batch', '--account-name', $account, '--auth-mode', 'login',
        '--destination', '$web', '--source', $site, '--overwrite', '--output', 'none')
}
finally {
    Remove-Item -Recurse -Force $site
}

if ((Test-Path knowledge-base) -and (Get-ChildItem knowledge-base | Select-Object -First 1)) {
    Write-Host "postprovision: uploading knowledge-base/ to container $kbContainer"
    Invoke-WithRetry @('storage', 'blob', 'upload-batch', '--account-name', $account, '--auth-mode', 'login',
        '--destination', $kbContainer, '--source', 'knowledge-base', '--overwrite', '--output', 'none')
}
else {
    Write-Host 'postprovision: no knowledge-base/ folder, nothing to upload'
}

Write-Host "Dashboard: $($env:DASHBOARD_URL)  API base: $apiBaseUrl"
