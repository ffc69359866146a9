#!/bin/sh
# azd postdeploy hook: prints the URLs to paste into the Exotel call flow (Passthru / Greeting / StatusCallback), with
# the function app's default function key as the code parameter. The key is a secret: keep the URLs out of tickets,
# chats and shared logs. Re-run alone with: azd hooks run postdeploy
set -eu

: "${AZURE_FUNCTION_APP_NAME:?is not set: run this through azd (azd up, azd deploy or azd hooks run postdeploy)}"
: "${AZURE_RESOURCE_GROUP:?is not set: run this through azd (azd up, azd deploy or azd hooks run postdeploy)}"
app="$AZURE_FUNCTION_APP_NAME"
base="${AZURE_FUNCTION_APP_URL:-https://$app.azurewebsites.net}"
base="${base%/}"
attempts="${HOOK_RETRY_ATTEMPTS:-6}"
pause="${HOOK_RETRY_SECONDS:-20}"

# The host creates its keys when it first starts after the deployment: retry for a little while.
key=""
n=1
while :; do
  key=$(az functionapp keys list --resource-group "$AZURE_RESOURCE_GROUP" --name "$app" \
    --query functionKeys.default --output tsv 2>/dev/null) || key=""
  if [ -n "$key" ] || [ "$n" -ge "$attempts" ]; then
    break
  fi
  sleep "$pause"
  n=$((n + 1))
done

if [ -z "$key" ]; then
  echo "postdeploy: the function key is not readable yet; get it later with:"
  echo "  az functionapp keys list --resource-group $AZURE_RESOURCE_GROUP --name $app --query functionKeys.default --output tsv"
  key="<function-key>"
fi

echo ""
echo "Exotel call flow URLs (the code parameter is the function key; keep them private):"
for route in incoming question answer-ready answer status; do
  printf '  %-13s %s/api/exotel/%s?code=%s\n' "$route" "$base" "$route" "$key"
done
echo "Dashboard: ${DASHBOARD_URL:-see azd env get-values}"
