# azd postdeploy hook (Windows): prints the URLs to paste into the Exotel call flow (Passthru / Greeting /
# StatusCallback), with the function app's default function key as the code parameter. The key is a secret: keep the
# URLs out of tickets, chats and shared logs. Re-run alone with: azd hooks run postdeploy
$ErrorActionPreference = 'Stop'

foreach ($name in 'AZURE_FUNCTION_APP_NAME', 'AZURE_RESOURCE_GROUP') {
    if (-not [Environment]::GetEnvironmentVariable($name)) {
        throw "$name is not set: run this through azd (azd up, azd deploy or azd hooks run postdeploy)"
    }
}
$app = $env:AZURE_FUNCTION_APP_NAME
$group = $env:AZURE_RESOURCE_GROUP
$base = if ($env:AZURE_FUNCTION_APP_URL) { $env:AZURE_FUNCTION_APP_URL.TrimEnd('/') } else { "https://$app.azurewebsites.net" }
$attempts = if ($env:HOOK_RETRY_ATTEMPTS) { [int]$env:HOOK_RETRY_ATTEMPTS } else { 6 }
$pause = if ($env:HOOK_RETRY_SECONDS) { [int]$env:HOOK_RETRY_SECONDS } else { 20 }

# The host creates its keys when it first starts after the deployment: retry for a little while.
$key = ''
for ($n = 1; ; $n++) {
    $key = az functionapp keys list --resource-group $group --name $app --query functionKeys.default --output tsv 2>$null
    if (($LASTEXITCODE -eq 0 -and $key) -or $n -ge $attempts) { break }
    Start-Sleep -Seconds $pause
}

if (-not $key) {
    Write-Host 'postdeploy: the function key is not readable yet; get it later with:'
    Write-Host "  az functionapp keys list --resource-group $group --name $app --query functionKeys.default --output tsv"
    $key = '<function-key>'
}

Write-Host ''
Write-Host 'Exotel call flow URLs (the code parameter is the function key; keep them private):'
foreach ($route in 'incoming', 'question', 'answer-ready', 'answer', 'status') {
    Write-Host ('  {0,-13} {1}/api/exotel/{2}?code={3}' -f $route, $base, $route, $key.Trim())
}
Write-Host "Dashboard: $($env:DASHBOARD_URL)"
