#!/bin/sh
# `opensearch`: run the embedded node with HTTP on every interface of the container (transport stays on loopback).
# The launcher fixes network.host to 127.0.0.1; http.bind_host in opensearch.yml is the more specific setting.
# Any other command runs as given.
set -eu
if [ "$#" -gt 0 ] && [ "$1" != "opensearch" ]; then
  exec "$@"
fi
home=/var/lib/opensearch/home
mkdir -p "$home/config"
printf 'http.bind_host: 0.0.0.0\nhttp.publish_host: 127.0.0.1\n' > "$home/config/opensearch.yml"
exec java "-Xms$OPENSEARCH_HEAP" "-Xmx$OPENSEARCH_HEAP" -XX:+UseG1GC -Dlog4j2.disable.jmx=true \
  -Djava.io.tmpdir=/tmp -cp '/opt/opensearch/classes:/opt/opensearch/lib/*' EmbeddedOpenSearch \
  "$home" "$OPENSEARCH_HTTP_PORT" "$OPENSEARCH_TRANSPORT_PORT" "$OPENSEARCH_PLUGINS"
