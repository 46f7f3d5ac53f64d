module github.com/aculab-pulumi/pulumi-aculab/packaging/gomodule

go 1.25.0

require golang.org/x/mod v0.38.0
