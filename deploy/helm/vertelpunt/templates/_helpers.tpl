{{- define "vertelpunt.labels" -}}
app.kubernetes.io/name: vertelpunt
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "vertelpunt.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag }}
{{- end -}}

{{- define "vertelpunt.pod" -}}
securityContext: {{- toYaml .root.Values.podSecurityContext | nindent 2 }}
containers:
  - name: {{ .name }}
    image: {{ include "vertelpunt.image" .root }}
    imagePullPolicy: {{ .root.Values.image.pullPolicy }}
    args: {{- toYaml .args | nindent 6 }}
    securityContext: {{- toYaml .root.Values.containerSecurityContext | nindent 6 }}
    resources: {{- toYaml .resources | nindent 6 }}
    env: {{- toYaml .env | nindent 6 }}
    {{- with .envFrom }}
    envFrom: {{- toYaml . | nindent 6 }}
    {{- end }}
    ports:
      - {name: http, containerPort: {{ .port }}}
    livenessProbe: {httpGet: {path: /health, port: http}, periodSeconds: 10}
    readinessProbe: {httpGet: {path: /ready, port: http}, periodSeconds: 5}
    volumeMounts:
      - {name: tmp, mountPath: /tmp}
volumes:
  - {name: tmp, emptyDir: {}}
{{- end -}}
