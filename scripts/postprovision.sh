#!/bin/sh
# azd postprovision hook: publishes dashboard/ to the storage account's static website ($web) with a generated
# config.json (the API base URL), and knowledge-base/ (if present) to the knowledge base container.
# Needs the Azure CLI signed in (az login) as the deploying user, who gets the storage data roles from infra/app/rbac.bicep;
# shared-key access is off, so every call uses --auth-mode login. Re-run alone with: azd hooks run postprovision
set -eu
cd "$(dirname "$0")/.."

: "${AZURE_STORAGE_ACCOUNT_NAME:?is not set: run this through azd (azd up, azd provision or azd hooks run postprovision)}"
: "${AZURE_FUNCTION_APP_URL:?is not set: run this through azd (azd up, azd provision or azd hooks run postprovision)}"
account="$AZURE_STORAGE_ACCOUNT_NAME"
kb_container="${AZURE_KNOWLEDGE_BASE_CONTAINER:-knowledge-base}"
api_base_url="${AZURE_FUNCTION_APP_URL%/}/api"
attempts="${HOOK_RETRY_ATTEMPTS:-6}"
pause="${HOOK_RETRY_SECONDS:-20}"

# Role assignments made by the provisioning can take a few minutes to apply: retry data-plane calls.
retry() {
  n=1
  until "$@"; do
    if [ "$n" -ge "$attempts" ]; then
      echo "postprovision: giving up after $n attempts: $*" >&2
      return 1
    fi
    echo "postprovision: retrying in ${pause}s (new role assignments can take a few minutes to apply)" >&2
    sleep "$pause"
    n=$((n + 1))
  done
}

if ! az account show --output none 2>/dev/null; then
  echo "postprovision: the Azure CLI is not signed in; run az login (same account as azd auth login), then: azd hooks run postprovision" >&2
  exit 1
fi

# infra/app/storage.bicep enables the static website (blobServices API 2025-08-01); this makes sure of it.
if ! az storage blob service-properties update --account-name "$account" --auth-mode login \
  --static-website --index-document index.html --404-document index.html --output none; then
  echo "postprovision: could not confirm the static website setting with the CLI; the Bicep template enables it" >&2
fi

site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT
if [ -d dashboard ]; then
  cp -R dashboard/. "$site/"
  # Only the page itself is published: not its build tooling (the same files the SelfHost refuses to serve).
  rm -rf "$site/node_modules" "$site/package.json" "$site/package-lock.json" "$site/vendor.mjs" "$site/.gitignore"
fi
printf '{\n  "apiBaseUrl": "%s"\n}\n' "$api_base_url" >"$site/config.json"
echo "postprovision: uploading the dashboard ($(find "$site" -type f | wc -l | tr -d ' ') files) to \$web on $account"
retry az storage blob upload-batch --account-name "$account" --auth-mode login \
  --destination '$web' --source "$site" --overwrite --output none

if [ -d knowledge-base ] && [ -n "$(ls -A knowledge-base)" ]; then
  echo "postprovision: uploading knowledge-base/ to container $kb_container"
  retry az storage blob upload-batch --account-name "$account" --auth-mode login \
    --destination "$kb_container" --source knowledge-base --overwrite --output none
else
  echo "postprovision: no knowledge-base/ folder, nothing to upload"
fi

echo "Dashboard: ${DASHBOARD_URL:-(azd env get-value DASHBOARD_URL)}  API base: $api_base_url"
