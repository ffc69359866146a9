# azd preprovision hook (Windows): makes sure the azd environment holds the two secrets the app generates rather than
# receives, creating each one with a strong random value only when the environment does not have it yet, so they stay
# the same across `azd up` / `azd provision` runs. infra/main.parameters.json passes them to Bicep, which stores them in
# Key Vault and references them from the app settings:
#   IVR_CALLER_HASH_KEY   -> Telemetry__CallerHashKey (HMAC key for caller-number hashes; must stay stable)
#   IVR_AUDIO_SIGNING_KEY -> Audio__SigningKey (HMAC key for the answer audio URLs Exotel fetches)
# To rotate one: azd env set <NAME> '' (this hook then generates a new value) or azd env set <NAME> <value>, then
# azd provision. README "Deploying with azd" says what rotating each one does. The values are never printed.
$ErrorActionPreference = 'Stop'

if (-not (Get-Command azd -ErrorAction SilentlyContinue)) {
    throw 'preprovision: azd is not on PATH: run this through azd (azd up, azd provision or azd hooks run preprovision)'
}

# The value azd handed this hook, else the one the environment file holds (also when run by hand), else empty.
function Get-Current([string] $Name) {
    $value = [Environment]::GetEnvironmentVariable($Name)
    if (-not $value) {
        $value = azd env get-value $Name 2>$null
        if ($LASTEXITCODE -ne 0) { $value = '' }
    }
    return "$value".Trim()
}

function Confirm-Secret([string] $Name) {
    if (Get-Current $Name) {
        Write-Host "preprovision: $Name is set in the azd environment; keeping it"
        return
    }

    # 32 random bytes as 64 hex characters (at least the 32 characters Audio__SigningKey needs).
    $value = [Convert]::ToHexString([System.Security.Cryptography.RandomNumberGenerator]::GetBytes(32)).ToLowerInvariant()
    azd env set $Name $value | Out-Null
    if ($LASTEXITCODE -ne 0) {
        throw "preprovision: azd env set $Name failed; set it yourself (64 random hex characters) and run azd provision again"
    }
    Write-Host "preprovision: generated $Name and stored it in the azd environment (.azure/<env>/.env); it is reused from now on"
}

Confirm-Secret 'IVR_CALLER_HASH_KEY'
Confirm-Secret 'IVR_AUDIO_SIGNING_KEY'
