// Package httperrhuma adapts httperr to huma v2 (github.com/danielgtaylor/huma/v2, any router adapter):
// with [Install], an API answers errors and panics with httperr's problems, as on net/http. See docs/huma.md.
package httperrhuma
