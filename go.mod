module github.com/winras/ras

go 1.23.0

require golang.org/x/sys v0.35.0

require (
	github.com/stretchr/testify v1.12.1
	go.yaml.in/yaml/v3 v3.0.5 // indirect
)
