#!/bin/sh
# `kafka`: render server.properties from the local stack's template (listening on every interface, advertising
# KAFKA_ADVERTISED_HOST:KAFKA_ADVERTISED_PORT; SASL/SCRAM with the super user `admin` whose password is
# KAFKA_ADMIN_PASSWORD), format the storage on first start with the admin's credential, run the broker.
# Any other command runs as given.
set -eu
if [ "$#" -gt 0 ] && [ "$1" != "kafka" ]; then
  exec "$@"
fi
data=/var/lib/kafka/data
props=/tmp/server.properties
: "${KAFKA_ADMIN_PASSWORD:?the admin password (vertelpunt stack passes it)}"
umask 077
sed -e "s|{port}|$KAFKA_PORT|g" -e "s|{controller_port}|$KAFKA_CONTROLLER_PORT|g" -e "s|{data_dir}|$data|g" \
  -e "s|{admin_password}|$KAFKA_ADMIN_PASSWORD|g" -e "s|{client_protocol}|SASL_PLAINTEXT|g" \
  -e "s|{tls}|# TLS terminates outside the container|g" /opt/kafka/config/server.properties > "$props"
# Later keys win when Java reads a properties file.
cat >> "$props" <<PROPS
listeners=CLIENT://0.0.0.0:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=CLIENT://$KAFKA_ADVERTISED_HOST:${KAFKA_ADVERTISED_PORT:-$KAFKA_PORT}
PROPS
log4j=-Dlog4j2.configurationFile=file:/opt/kafka/config/log4j2.properties
if [ ! -f "$data/meta.properties" ]; then
  cluster_id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
  java "$log4j" -cp '/opt/kafka/libs/*' kafka.tools.StorageTool format -t "$cluster_id" -c "$props" \
    --add-scram "SCRAM-SHA-512=[name=admin,password=$KAFKA_ADMIN_PASSWORD]" --ignore-formatted
fi
exec java "-Xms$KAFKA_HEAP" "-Xmx$KAFKA_HEAP" -XX:+UseG1GC -Djava.awt.headless=true "$log4j" \
  -cp '/opt/kafka/libs/*' kafka.Kafka "$props"
