module github.com/httperr/toolkit

go 1.25.0

require golang.org/x/text v0.41.0
