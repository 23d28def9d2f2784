{{/*
Names. Every object is named "<fullname>-<component>[-<tenant>]" and selected by name, instance and component
(plus the tenant for per-municipality units), so two releases in one namespace never select each other's pods.
*/}}
{{- define "vertelpunt.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "vertelpunt.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* "<fullname>-<component>[-<tenant>]", at most 63 characters (a Service name is a DNS label). */}}
{{- define "vertelpunt.componentName" -}}
{{- $suffix := .component -}}
{{- if .tenant }}{{ $suffix = printf "%s-%s" .component (lower .tenant) }}{{ end -}}
{{- printf "%s-%s" (include "vertelpunt.fullname" .root | trunc (int (sub 62 (len $suffix))) | trimSuffix "-") $suffix -}}
{{- end -}}

{{/* Labels that never change for a pod: the selector. Call with (dict "root" $ "component" "intake" "tenant" "GM0153"). */}}
{{- define "vertelpunt.selectorLabels" -}}
app.kubernetes.io/name: {{ include "vertelpunt.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- if .tenant }}
vertelpunt.nl/tenant: {{ lower .tenant }}
{{- end }}
{{- end -}}

{{- define "vertelpunt.labels" -}}
{{ include "vertelpunt.selectorLabels" . }}
app.kubernetes.io/part-of: vertelpunt
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* The image of one unit: its own repository on the shared registry with the shared tag, or its own digest. */}}
{{- define "vertelpunt.image" -}}
{{- $image := .root.Values.image -}}
{{- $repository := required (printf "%s.image.repository is required" .unit) .image.repository -}}
{{- $registry := default $image.registry .image.registry -}}
{{- $name := ternary (printf "%s/%s" $registry $repository) $repository (ne $registry "") -}}
{{- if .image.digest -}}
{{ $name }}@{{ .image.digest }}
{{- else -}}
{{ $name }}:{{ default .root.Chart.AppVersion $image.tag }}
{{- end -}}
{{- end -}}

{{- define "vertelpunt.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "vertelpunt.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* An environment variable read from a key of an existing Secret. */}}
{{- define "vertelpunt.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret }}
      key: {{ .key }}
{{- end -}}

{{/*
Kafka client settings of one unit (issue "Security": every unit has its own SASL/SCRAM principal).
Call with (dict "root" $ "prefix" "VERTELPUNT_RELAY_" "secret" <existing Secret with the unit's credentials> "what" "...").
The non-secret part goes into the unit's ConfigMap (vertelpunt.kafkaConfig), the credentials come from the Secret.
*/}}
{{- define "vertelpunt.kafkaProtocol" -}}
{{- $kafka := .Values.kafka -}}
{{- if $kafka.sasl.enabled -}}
{{ ternary "SASL_SSL" "SASL_PLAINTEXT" $kafka.tls.enabled }}
{{- else -}}
{{ ternary "SSL" "PLAINTEXT" $kafka.tls.enabled }}
{{- end -}}
{{- end -}}

{{- define "vertelpunt.kafkaConfig" -}}
{{ .prefix }}KAFKA_BOOTSTRAP: {{ .root.Values.kafka.bootstrap | quote }}
{{ .prefix }}KAFKA_SECURITY_PROTOCOL: {{ include "vertelpunt.kafkaProtocol" .root | quote }}
{{- if .root.Values.kafka.sasl.enabled }}
{{ .prefix }}KAFKA_SASL_MECHANISM: {{ .root.Values.kafka.sasl.mechanism | quote }}
{{- end }}
{{- if and .root.Values.kafka.tls.enabled .root.Values.kafka.tls.existingSecret }}
{{ .prefix }}KAFKA_SSL_CAFILE: "/etc/vertelpunt/kafka-ca/{{ .root.Values.kafka.tls.caKey }}"
{{- end }}
{{- end -}}

{{- define "vertelpunt.kafkaCredentials" -}}
{{- $sasl := .root.Values.kafka.sasl -}}
{{- if $sasl.enabled }}
{{- $secret := required (printf "%s: kafka.sasl.enabled needs an existing Secret with the Kafka credentials (keys %s, %s)" .what $sasl.usernameKey $sasl.passwordKey) .secret }}
{{ include "vertelpunt.secretEnv" (dict "name" (printf "%sKAFKA_USERNAME" .prefix) "secret" $secret "key" $sasl.usernameKey) }}
{{ include "vertelpunt.secretEnv" (dict "name" (printf "%sKAFKA_PASSWORD" .prefix) "secret" $secret "key" $sasl.passwordKey) }}
{{- end }}
{{- end -}}

{{/*
OpenSearch: the services take credentials inside the URL (https://user:password@host:9200). The user name and
password come from the unit's existing Secret and are put into the URL by Kubernetes' $(VAR) expansion, so they
never appear in a ConfigMap. The password must be URL-safe (or stored percent-encoded).
Call with (dict "root" $ "prefix" "VERTELPUNT_SEARCH_" "secret" <existing Secret> "what" "...").
*/}}
{{- define "vertelpunt.opensearchEnv" -}}
{{- $auth := .root.Values.opensearch.auth -}}
{{- if $auth.enabled }}
{{- $secret := required (printf "%s: opensearch.auth.enabled needs an existing Secret with the OpenSearch credentials (keys %s, %s)" .what $auth.usernameKey $auth.passwordKey) .secret }}
{{- $url := urlParse .root.Values.opensearch.url }}
{{ include "vertelpunt.secretEnv" (dict "name" "OPENSEARCH_USERNAME" "secret" $secret "key" $auth.usernameKey) }}
{{ include "vertelpunt.secretEnv" (dict "name" "OPENSEARCH_PASSWORD" "secret" $secret "key" $auth.passwordKey) }}
- name: {{ .prefix }}OPENSEARCH_URL
  value: {{ printf "%s://$(OPENSEARCH_USERNAME):$(OPENSEARCH_PASSWORD)@%s%s" $url.scheme $url.host $url.path | quote }}
{{- else }}
- name: {{ .prefix }}OPENSEARCH_URL
  value: {{ .root.Values.opensearch.url | quote }}
{{- end }}
{{- end -}}

{{/* Pod annotations: config checksum (roll pods when the ConfigMap changes) and Prometheus scrape hints. */}}
{{- define "vertelpunt.podAnnotations" -}}
checksum/config: {{ .config | sha256sum }}
{{- if .root.Values.metrics.enabled }}
prometheus.io/scrape: "true"
prometheus.io/port: {{ .metricsPort | quote }}
prometheus.io/path: /metrics
{{- end }}
{{- with .root.Values.podAnnotations }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/*
The pod spec every unit shares: hardened security context, probes on /health and /ready, a writable /tmp and
nothing else writable. Call with a dict:
  root, unit (values key, e.g. "gateway"), component, tenant (optional), args, configMap (name),
  ports (list of {name, containerPort}), probePort (port name), env (YAML list as a string),
  volumes/volumeMounts (YAML lists as strings, optional), values (the unit's values: resources, nodeSelector...)
*/}}
{{- define "vertelpunt.podSpec" -}}
{{- $root := .root -}}
serviceAccountName: {{ include "vertelpunt.serviceAccountName" $root }}
automountServiceAccountToken: false
enableServiceLinks: false
securityContext: {{- toYaml $root.Values.podSecurityContext | nindent 2 }}
{{- with $root.Values.image.pullSecrets }}
imagePullSecrets:
  {{- range . }}
  - name: {{ . }}
  {{- end }}
{{- end }}
{{- with .values.nodeSelector }}
nodeSelector: {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.tolerations }}
tolerations: {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.affinity }}
affinity: {{- toYaml . | nindent 2 }}
{{- end }}
containers:
  - name: {{ .component }}
    image: {{ include "vertelpunt.image" (dict "root" $root "unit" .unit "image" .values.image) }}
    imagePullPolicy: {{ $root.Values.image.pullPolicy }}
    args: {{- toYaml .args | nindent 6 }}
    securityContext: {{- toYaml $root.Values.containerSecurityContext | nindent 6 }}
    resources: {{- toYaml .values.resources | nindent 6 }}
    envFrom:
      - configMapRef:
          name: {{ .configMap }}
    env:
      - name: HOME
        value: /tmp
      {{- with .env }}
      {{- . | nindent 6 }}
      {{- end }}
      {{- with .values.extraEnv }}
      {{- toYaml . | nindent 6 }}
      {{- end }}
    ports:
      {{- range .ports }}
      - name: {{ .name }}
        containerPort: {{ .containerPort }}
        protocol: TCP
      {{- end }}
    startupProbe:
      httpGet: {path: /health, port: {{ .probePort }}}
      periodSeconds: 5
      failureThreshold: 60
    livenessProbe:
      httpGet: {path: /health, port: {{ .probePort }}}
      periodSeconds: 10
      timeoutSeconds: 3
      failureThreshold: 3
    readinessProbe:
      httpGet: {path: /ready, port: {{ .probePort }}}
      periodSeconds: 5
      timeoutSeconds: 3
      failureThreshold: 3
    volumeMounts:
      - name: tmp
        mountPath: /tmp
      {{- with .volumeMounts }}
      {{- . | nindent 6 }}
      {{- end }}
volumes:
  - name: tmp
    emptyDir:
      sizeLimit: 64Mi
  {{- with .volumes }}
  {{- . | nindent 2 }}
  {{- end }}
{{- end -}}

{{/* Volume and mount of the CA that signed the Kafka brokers' certificates (kafka.tls.existingSecret). */}}
{{- define "vertelpunt.kafkaCaVolume" -}}
{{- if and .Values.kafka.tls.enabled .Values.kafka.tls.existingSecret }}
- name: kafka-ca
  secret:
    secretName: {{ .Values.kafka.tls.existingSecret }}
    defaultMode: 0444
{{- end }}
{{- end -}}

{{- define "vertelpunt.kafkaCaMount" -}}
{{- if and .Values.kafka.tls.enabled .Values.kafka.tls.existingSecret }}
- name: kafka-ca
  mountPath: /etc/vertelpunt/kafka-ca
  readOnly: true
{{- end }}
{{- end -}}

{{/*
NetworkPolicy of one unit: default deny in both directions, then
  ingress: the ingress controller to the HTTP port (public units), Prometheus to the metrics port, and this
           release's `helm test` pods to every port;
  egress:  DNS and the named backends (kafka, opensearch, keycloak, database), each with its ports and peers.
Call with (dict "root" $ "component" "intake" "tenant" "GM0153" "public" true "metricsPort" 9090 "backends" (list "database" "keycloak")).
*/}}
{{- define "vertelpunt.networkPolicy" -}}
{{- $np := .root.Values.networkPolicy -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "vertelpunt.componentName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels: {{- include "vertelpunt.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels: {{- include "vertelpunt.selectorLabels" . | nindent 6 }}
  policyTypes: [Ingress, Egress]
  ingress:
    {{- if .public }}
    - from: {{- toYaml $np.ingressController | nindent 8 }}
      ports:
        - {protocol: TCP, port: http}
    {{- end }}
    {{- if .root.Values.metrics.enabled }}
    - from: {{- toYaml $np.prometheus | nindent 8 }}
      ports:
        - {protocol: TCP, port: metrics}
    {{- end }}
    - from:
        - podSelector:
            matchLabels:
              app.kubernetes.io/name: {{ include "vertelpunt.name" .root }}
              app.kubernetes.io/instance: {{ .root.Release.Name }}
              app.kubernetes.io/component: test
  egress:
    - to: {{- toYaml $np.dns.to | nindent 8 }}
      ports:
        - {protocol: UDP, port: 53}
        - {protocol: TCP, port: 53}
    {{- range .backends }}
    {{- $backend := index $np.egress . }}
    - ports:
        {{- range $backend.ports }}
        - {protocol: TCP, port: {{ . }}}
        {{- end }}
      {{- with $backend.to }}
      to: {{- toYaml . | nindent 8 }}
      {{- end }}
    {{- end }}
{{- end -}}

{{/* Ingress of one public unit with TLS. Call with (dict "root" $ "component" "gateway" "tenant" "" "host" "..." "tlsSecret" "..."). */}}
{{- define "vertelpunt.ingress" -}}
{{- $ingress := .root.Values.ingress -}}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ include "vertelpunt.componentName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels: {{- include "vertelpunt.labels" . | nindent 4 }}
  {{- with $ingress.annotations }}
  annotations: {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  {{- with $ingress.className }}
  ingressClassName: {{ . }}
  {{- end }}
  tls:
    - hosts: [{{ .host | quote }}]
      secretName: {{ .tlsSecret }}
  rules:
    - host: {{ .host | quote }}
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: {{ include "vertelpunt.componentName" . }}
                port:
                  name: http
{{- end -}}

{{/* The ConfigMap of one unit's non-secret settings. Call with (dict "root" $ "component" ... "tenant" ... "data" <YAML>). */}}
{{- define "vertelpunt.configMap" -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "vertelpunt.componentName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels: {{- include "vertelpunt.labels" . | nindent 4 }}
data: {{- .data | nindent 2 }}
{{- end -}}

{{/* The ClusterIP Service of one unit. Call with (dict "root" $ "component" ... "tenant" ... "ports" (list (dict "name" "http" "port" 80))). */}}
{{- define "vertelpunt.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "vertelpunt.componentName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels: {{- include "vertelpunt.labels" . | nindent 4 }}
spec:
  type: ClusterIP
  selector: {{- include "vertelpunt.selectorLabels" . | nindent 4 }}
  ports:
    {{- range .ports }}
    - {name: {{ .name }}, port: {{ .port }}, targetPort: {{ .name }}, protocol: TCP}
    {{- end }}
{{- end -}}

{{/* A PodDisruptionBudget keeping one pod of a unit with more than one replica. Call with (dict "root" $ "component" ... "tenant" ... "replicas" n). */}}
{{- define "vertelpunt.podDisruptionBudget" -}}
{{- if and .root.Values.podDisruptionBudget.enabled (gt (int .replicas) 1) }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "vertelpunt.componentName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels: {{- include "vertelpunt.labels" . | nindent 4 }}
spec:
  minAvailable: 1
  selector:
    matchLabels: {{- include "vertelpunt.selectorLabels" . | nindent 6 }}
{{- end }}
{{- end -}}

{{/* Service ports of a unit with an HTTP port (intake, gateway): http, and metrics when enabled. */}}
{{- define "vertelpunt.httpServicePorts" -}}
{{- $ports := list (dict "name" "http" "port" 80) -}}
{{- if .Values.metrics.enabled }}{{ $ports = append $ports (dict "name" "metrics" "port" .Values.metrics.port) }}{{ end -}}
{{- toJson $ports -}}
{{- end -}}
