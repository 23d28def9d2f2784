#!/bin/sh
# `keycloak [options]`: start-dev with the vertelpunt realm imported (an existing realm is left alone), HTTP on
# every interface of the container. Any other command runs as given.
set -eu
if [ "$#" -gt 0 ] && [ "$1" != "keycloak" ]; then
  exec "$@"
fi
[ "$#" -gt 0 ] && shift
mkdir -p /opt/keycloak/data/import
cp /opt/keycloak/realm/*.json /opt/keycloak/data/import/
export JAVA_OPTS_APPEND="-Xms128m -Xmx$KEYCLOAK_HEAP -Djava.io.tmpdir=/tmp"
exec /opt/keycloak/bin/kc.sh start-dev --import-realm --http-host=0.0.0.0 --http-port="$KEYCLOAK_HTTP_PORT" \
  --http-management-port="$KEYCLOAK_MANAGEMENT_PORT" \
  --hostname="${KEYCLOAK_HOSTNAME_URL:-http://localhost:$KEYCLOAK_HTTP_PORT}" \
  --health-enabled=true --metrics-enabled=true "$@"
