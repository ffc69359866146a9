#!/bin/sh
# azd preprovision hook: makes sure the azd environment holds the two secrets the app generates rather than receives,
# creating each one with a strong random value only when the environment does not have it yet, so they stay the same
# across `azd up` / `azd provision` runs. infra/main.parameters.json passes them to Bicep, which stores them in Key Vault
# and references them from the app settings:
#   IVR_CALLER_HASH_KEY   -> Telemetry__CallerHashKey (HMAC key for caller-number hashes; must stay stable)
#   IVR_AUDIO_SIGNING_KEY -> Audio__SigningKey (HMAC key for the answer audio URLs Exotel fetches)
# To rotate one: azd env set <NAME> '' (this hook then generates a new value) or azd env set <NAME> <value>, then
# azd provision. README "Deploying with azd" says what rotating each one does. The values are never printed.
set -eu

# 32 random bytes as 64 hex characters (at least the 32 characters Audio__SigningKey needs).
generate() {
  if command -v openssl >/dev/null 2>&1; then
    openssl rand -hex 32
  else
    od -An -tx1 -N32 /dev/urandom | tr -d ' \n'
  fi
}

# The value azd handed this hook, else the one the environment file holds (also when run by hand), else empty.
current() {
  value=$(printenv "$1" 2>/dev/null || true)
  if [ -z "$value" ]; then
    value=$(azd env get-value "$1" 2>/dev/null || true)
  fi
  printf '%s' "$value"
}

ensure() {
  name="$1"
  if [ -n "$(current "$name")" ]; then
    echo "preprovision: $name is set in the azd environment; keeping it"
    return 0
  fi

  value=$(generate)
  if [ "${#value}" -lt 64 ]; then
    echo "preprovision: could not generate a random value for $name (openssl or /dev/urandom)" >&2
    exit 1
  fi

  if ! azd env set "$name" "$value" >/dev/null; then
    echo "preprovision: azd env set $name failed; set it yourself (64 random hex characters) and run azd provision again" >&2
    exit 1
  fi
  echo "preprovision: generated $name and stored it in the azd environment (.azure/<env>/.env); it is reused from now on"
}

if ! command -v azd >/dev/null 2>&1; then
  echo "preprovision: azd is not on PATH: run this through azd (azd up, azd provision or azd hooks run preprovision)" >&2
  exit 1
fi

ensure IVR_CALLER_HASH_KEY
ensure IVR_AUDIO_SIGNING_KEY
