package main

import (
	"html/template"
	"net/http"

	"github.com/prometheus/common/version"
)

var landingTemplate = template.Must(template.New("landing").Parse(`<!DOCTYPE html>
<html>
<head><title>RAS exporter</title></head>
<body>
<h1>RAS exporter</h1>
<p>Prometheus metrics of this machine's RAS connections (dial-up and VPN): <a href="{{.Path}}">{{.Path}}</a></p>
<p>Version {{.Version}}</p>
</body>
</html>
`))

// landingPage is the page at "/", as every Prometheus exporter has: a link to the metrics.
// Other paths are not found.
func landingPage(metricsPath string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		landingTemplate.Execute(w, struct{ Path, Version string }{metricsPath, version.Version})
	})
}
