module github.com/newsgraph/newsgraph

go 1.26.8

require (
	github.com/jdkato/prose/v3 v3.2.3
	github.com/neo4j/neo4j-go-driver/v5 v5.28.4
	github.com/spf13/cobra v1.10.2
	golang.org/x/text v0.43.0
)

require (
	github.com/inconshreveable/mousetrap v1.1.0 // indirect
	github.com/spf13/pflag v1.0.9 // indirect
	gopkg.in/neurosnap/sentences.v1 v1.0.6 // indirect
)
